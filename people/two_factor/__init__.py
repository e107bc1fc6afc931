"""Two-factor authentication: a code from an authenticator app (TOTP) after the password,
with single-use backup codes for a lost or forgotten phone. Built on django-otp.

After the password, a person with an authenticator app is signed in but not yet verified:
TwoFactorGateMiddleware keeps them on the page that asks for the code. A manager or
executive member whose partnership requires two-factor and who has not set it up is kept
on the set-up page. Everyone else is never touched, and costs no query: whether a person
owes a code is decided once, when they sign in, and kept in the session.
"""

import re
from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import EventKind
from audit.trail import client_address, record
from partnerships.versioning import version_claim
from people import permissions

BACKUP_CODE_COUNT = 10
# Wrong codes in a row at sign-in before the person is signed out and must start again
# with their password (which django-axes protects in turn).
WRONG_CODES_BEFORE_SIGN_OUT = 5

# Session keys.
OWES_CODE = "two_factor_owes_code"
WRONG_CODES = "two_factor_wrong_codes"
NEW_BACKUP_CODES = "two_factor_new_backup_codes"

TOTP_CODE = re.compile(r"^\d{6}$")

# What the audit trail says of a sign-in: the password alone does not let a person with
# two-factor in, so their sign-in is recorded twice, once for each step.
SIGN_IN_OWES_CODE = "Password accepted; two-factor code not yet entered"
SIGN_IN_CODE_ACCEPTED = "Two-factor code accepted"
SIGN_IN_BACKUP_CODE_ACCEPTED = "Backup code accepted"

# Request attribute: (person's pk, whether a code is owed), decided at sign-in.
_DECIDED_AT_SIGN_IN = "_two_factor_decided_at_sign_in"


def has_two_factor(user) -> bool:
    """Whether this person has an authenticator app set up (a confirmed device)."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise_code(typed: str) -> str:
    # People copy codes with the spaces or dashes their app or their notes put in them.
    return re.sub(r"[\s-]", "", typed or "").lower()


class CodeTooSoon(Exception):
    """The code was typed too soon after a wrong one: the device would not even check it."""


def verify_code(*, user, code: str, backup_codes: bool = True):
    """The device that accepts this code (its authenticator app or, if allowed, an unused
    backup code, which is then used up), or None. Each device slows down repeated wrong
    codes (django-otp's throttling: 1, 2, 4, 8… seconds after each wrong one in a row): a
    code typed too soon is not checked at all, even a right one, and raises CodeTooSoon so
    the person is told to wait rather than that their code is wrong."""
    code = normalise_code(code)
    throttled = False
    with transaction.atomic():
        if TOTP_CODE.match(code):
            devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        elif backup_codes:
            devices = StaticDevice.objects.filter(user=user, confirmed=True)
        else:
            return None
        for device in devices.select_for_update():
            allowed, why = device.verify_is_allowed()
            if not allowed and (why or {}).get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
                throttled = True
                continue
            if device.verify_token(code):
                return device
    if throttled:
        raise CodeTooSoon
    return None


def is_backup_device(device) -> bool:
    return isinstance(device, StaticDevice)


def mark_verified(*, request, device) -> None:
    """This session has given a right code: it may use the service."""
    otp_login(request, device)
    request.session.pop(OWES_CODE, None)
    request.session.pop(WRONG_CODES, None)


@transaction.atomic
def sign_in_with_code(*, request, device) -> None:
    """The right code after the password: the person is now signed in, and the audit trail
    says so."""
    mark_verified(request=request, device=device)
    record(
        EventKind.SIGN_IN,
        detail=SIGN_IN_BACKUP_CODE_ACCEPTED if is_backup_device(device) else SIGN_IN_CODE_ACCEPTED,
        user=request.user,
        address=client_address(request),
    )


def setup_device(*, user) -> TOTPDevice:
    """The authenticator app this person is setting up: the same one until they confirm it,
    so reloading the page keeps the QR code they may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").last()
    if device is None:
        device = TOTPDevice(user=user, name="Authenticator app", confirmed=False)
        device.full_clean()
        device.save()
    return device


def _make_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice(user=user, name="Backup codes", confirmed=True)
    device.full_clean()
    device.save()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def turn_on_two_factor(*, device: TOTPDevice, request) -> list[str]:
    """The person has typed a right code from their new app: from now on they sign in with
    a code as well as their password. Marks this session as verified and returns their 10
    new backup codes, which are shown once."""
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.full_clean()
    device.save()
    codes = _make_backup_codes(user)
    mark_verified(request=request, device=device)
    record(
        EventKind.TWO_FACTOR_ON,
        user=user,
        detail=f"{len(codes)} backup codes made",
        address=client_address(request),
    )
    return codes


@transaction.atomic
def make_new_backup_codes(*, user, request) -> list[str]:
    """Replaces every backup code the person had with 10 new ones."""
    codes = _make_backup_codes(user)
    record(
        EventKind.BACKUP_CODES,
        user=user,
        detail="Earlier backup codes no longer work",
        address=client_address(request),
    )
    return codes


def _remove_devices(user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def wrong_code(*, user, address: str | None, detail: str) -> None:
    """A wrong two-factor code, at sign-in or when turning it off: each is in the trail."""
    record(EventKind.TWO_FACTOR_FAILED, user=user, address=address, detail=detail)


@transaction.atomic
def turn_off_two_factor(*, user, request) -> None:
    """The person signs in with their password alone again; their backup codes stop working."""
    _remove_devices(user)
    request.session.pop(OWES_CODE, None)
    record(
        EventKind.TWO_FACTOR_OFF,
        user=user,
        detail="Turned off by the person",
        address=client_address(request),
    )


@transaction.atomic
def two_factor_reset(*, person, by, address: str | None) -> None:
    """For a lost phone: a manager removes the person's authenticator app and backup codes.
    The person signs in with their password alone, and must set two-factor up again at once
    if their partnership requires it for their role."""
    _remove_devices(person)
    record(
        EventKind.TWO_FACTOR_OFF,
        user=by,
        partnership_id=person.partnership_id,
        detail=f"Reset for {person} ({person.username}) by a manager",
        address=address,
    )


@transaction.atomic
def set_two_factor_required(
    *, partnership, required: bool, expected_version: int, by, address: str | None
) -> bool:
    """Whether the partnership's managers and executive members must sign in with a code.
    Returns whether anything changed; only a change goes in the audit trail. Refused
    (StaleEdit) when another manager saved the setting after this page was opened."""
    partnership.refresh_from_db(fields=["two_factor_required", "version"])
    if partnership.two_factor_required == required:
        return False  # already as asked: there is nothing to overwrite
    version_claim(partnership, expected_version=expected_version)
    partnership.two_factor_required = required
    partnership.full_clean()
    partnership.save(update_fields=["two_factor_required", "version"])
    record(
        EventKind.SETTINGS_CHANGED,
        partnership_id=partnership.pk,
        detail="Two-factor authentication required for managers and executive members: "
        + ("on" if required else "off"),
        user=by,
        address=address,
    )
    return True


def people_still_to_set_up(partnership):
    """The active managers and executive members of a partnership with no authenticator app."""
    from people.models import User

    return (
        User.objects.active_in(partnership, *permissions.TWO_FACTOR_ROLES)
        .exclude(pk__in=TOTPDevice.objects.filter(confirmed=True).values("user"))
        .order_by("first_name", "last_name", "username")
    )


def secret_key_for_typing(device: TOTPDevice) -> str:
    """The secret key in groups of four, as people type it into an app by hand."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's set-up link drawn as an inline SVG (no image URL, no inline style)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, border=4)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", svg)
    svg = svg.replace(
        "<svg",
        format_html(
            '<svg class="app-qr-code" width="200" height="200" role="img" '
            'aria-label="{}" focusable="false"',
            "QR code to scan with your authenticator app",
        ),
        1,
    )
    # The SVG comes from qrcode, drawn from our own data: nothing a person typed.
    return mark_safe(svg)


def owes_two_factor(request) -> bool:
    """Whether this signed-in session is held on the code page or the forced set-up page,
    where only signing out leads anywhere. No query: the session and the partnership loaded
    with the person decide, and is_verified() is asked only of those the gate asked already."""
    user = request.user
    if not user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    held = bool(session and session.get(OWES_CODE)) or permissions.must_use_two_factor(user)
    # Without django-otp's middleware (a page rendered outside a request) nothing is held.
    is_verified = getattr(user, "is_verified", None)
    return held and is_verified is not None and not is_verified()


def verify_url_returning_to(request) -> str:
    return (
        reverse("two_factor:two_factor_verify") + "?" + urlencode({"next": request.get_full_path()})
    )


def owes_code_at_sign_in(request, user) -> bool:
    """Whether the session this sign-in starts owes a code before it may use the service.
    Decided once, as the password is accepted, and kept in the session. The audit trail asks
    too, to say whether the person is really in: whichever sign-in receiver Django calls
    first decides, and the other is told the same answer without another query."""
    if request is None or not hasattr(request, "session"):
        return False
    decided = getattr(request, _DECIDED_AT_SIGN_IN, None)
    if decided is not None and decided[0] == user.pk:
        return decided[1]
    request.session.pop(WRONG_CODES, None)
    owes = has_two_factor(user)
    if owes:
        request.session[OWES_CODE] = True
    else:
        request.session.pop(OWES_CODE, None)
    setattr(request, _DECIDED_AT_SIGN_IN, (user.pk, owes))
    return owes


class TwoFactorGateMiddleware:
    """Placed after django-otp's OTPMiddleware. Someone who owes a code reaches only the
    page that asks for it; someone who must set two-factor up reaches only the set-up page.
    Signing out and the accessibility statement stay open to both."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.path.startswith(settings.STATIC_URL):
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if url_name in ("logout", "accessibility"):
            return None
        if request.session.get(OWES_CODE):
            if user.is_verified():
                request.session.pop(OWES_CODE)
                return None
            if url_name == "two_factor_verify":
                return None
            return redirect(verify_url_returning_to(request))
        # Read from the partnership the backend loaded with the person: no query unless the
        # partnership requires two-factor of this person's role.
        if permissions.must_use_two_factor(user) and not user.is_verified():
            if has_two_factor(user):
                # Set up in another session since this one began.
                request.session[OWES_CODE] = True
                if url_name == "two_factor_verify":
                    return None
                return redirect(verify_url_returning_to(request))
            if url_name == "two_factor_setup":
                return None
            return redirect("two_factor:two_factor_setup")
        return None
