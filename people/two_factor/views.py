"""Pages for two-factor authentication: turning it on and off, backup codes, the code asked
for after the password, and the partnership's setting that requires it."""

from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from audit.trail import client_address
from partnerships.versioning import StaleEdit, form_after_stale_edit
from people import partnership_settings, permissions, two_factor
from people.two_factor.forms import CodeForm, PartnershipSecurityForm, SetUpCodeForm


def _posted(request):
    # An unticked checkbox posts nothing at all: a post binds the form even when empty.
    return request.POST if request.method == "POST" else None


def two_factor_status(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "people/two_factor/status.html",
        {
            "is_on": two_factor.has_two_factor(user),
            "required": permissions.must_use_two_factor(user),
            "backup_codes_left": two_factor.backup_codes_left(user),
        },
    )


def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.has_two_factor(user):
        return redirect("two_factor:two_factor")
    device = two_factor.setup_device(user=user)
    form = SetUpCodeForm(_posted(request), device=device)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.turn_on_two_factor(device=device, request=request)
        request.session[two_factor.NEW_BACKUP_CODES] = codes
        messages.success(request, "Two-factor authentication is on")
        return redirect("two_factor:two_factor_backup_codes")
    return render(
        request,
        "people/two_factor/setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "secret_key": two_factor.secret_key_for_typing(device),
            "required": permissions.must_use_two_factor(user),
        },
    )


def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """Shows backup codes just made, once; a post replaces them all with new ones."""
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("two_factor:two_factor")
    if request.method == "POST":
        codes = two_factor.make_new_backup_codes(user=user, request=request)
        request.session[two_factor.NEW_BACKUP_CODES] = codes
        return redirect("two_factor:two_factor_backup_codes")
    codes = request.session.pop(two_factor.NEW_BACKUP_CODES, None)
    return render(request, "people/two_factor/backup_codes.html", {"codes": codes})


def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_two_factor(user):
        return redirect("two_factor:two_factor")
    if not permissions.can_turn_off_two_factor(user):
        return render(request, "people/two_factor/disable_refused.html", status=403)
    form = CodeForm(_posted(request), user=user)
    if request.method == "POST":
        if form.is_valid():
            two_factor.turn_off_two_factor(user=user, request=request)
            messages.success(request, "Two-factor authentication is off")
            return redirect("two_factor:two_factor")
        if not form.too_soon:
            two_factor.wrong_code(
                user=request.user,
                address=client_address(request),
                detail="Wrong code when turning it off",
            )
    return render(request, "people/two_factor/disable.html", {"form": form})


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The code asked for after the password. Five wrong codes in a row sign the person out."""
    user = request.user
    next_url = _safe_next(request)
    if user.is_verified() or not request.session.get(two_factor.OWES_CODE):
        return redirect(next_url or "inspections:landing")
    if not two_factor.has_two_factor(user):
        # A manager reset it since this person signed in: there is no code left to ask for.
        request.session.pop(two_factor.OWES_CODE)
        return redirect(next_url or "inspections:landing")
    form = CodeForm(_posted(request), user=user)
    if request.method == "POST":
        if form.is_valid():
            two_factor.sign_in_with_code(request=request, device=form.device)
            if two_factor.is_backup_device(form.device):
                left = two_factor.backup_codes_left(user)
                messages.info(
                    request,
                    f"You used a backup code. You have {left} left: "
                    "make new ones from your two-factor page if you are running low.",
                )
            return redirect(next_url or "inspections:landing")
        if not form.too_soon and _wrong_code_signs_out(request):
            return redirect("login")
    return render(request, "people/two_factor/verify.html", {"form": form, "next": next_url})


def _wrong_code_signs_out(request) -> bool:
    """Counts a wrong code at sign-in; the fifth in a row signs the person out."""
    wrong = request.session.get(two_factor.WRONG_CODES, 0) + 1
    request.session[two_factor.WRONG_CODES] = wrong
    two_factor.wrong_code(
        user=request.user,
        address=client_address(request),
        detail=f"Wrong code at sign-in ({wrong})",
    )
    if wrong < two_factor.WRONG_CODES_BEFORE_SIGN_OUT:
        return False
    logout(request)
    messages.error(
        request,
        f"You entered a wrong code {wrong} times, so you have been signed out. "
        "Sign in again to try again.",
    )
    return True


SUGGESTION_FIELDS = ("on_track_percent", "off_track_percent", "update_interval_days")


def partnership_security(request: HttpRequest) -> HttpResponse:
    permissions.require(permissions.can_change_partnership_security(request.user))
    partnership = request.user.partnership
    form = PartnershipSecurityForm(
        _posted(request),
        user=request.user,
        initial={
            "two_factor_required": partnership.two_factor_required,
            **{name: getattr(partnership, name) for name in SUGGESTION_FIELDS},
            "version": partnership.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        required = form.cleaned_data["two_factor_required"]
        try:
            # Both settings from the one page, or neither: the second claims the version
            # the first left when the first changed anything.
            with transaction.atomic():
                changed = two_factor.set_two_factor_required(
                    partnership=partnership,
                    required=required,
                    expected_version=form.cleaned_data["version"],
                    by=request.user,
                    address=client_address(request),
                )
                figures_changed = partnership_settings.suggestion_settings_change(
                    partnership=partnership,
                    **{name: form.cleaned_data[name] for name in SUGGESTION_FIELDS},
                    expected_version=form.cleaned_data["version"] + (1 if changed else 0),
                    by=request.user,
                    address=client_address(request),
                )
        except StaleEdit as stale:
            return _security_page(
                request,
                form_after_stale_edit(
                    PartnershipSecurityForm,
                    request.POST,
                    stale,
                    what="this setting",
                    user=request.user,
                ),
                stale.record,
            )
        if changed:
            messages.success(
                request,
                "Managers and executive members now need two-factor authentication"
                if required
                else "Two-factor authentication is now a choice for everyone",
            )
        if figures_changed:
            messages.success(request, "The figures for the suggested status have been changed")
        return redirect("partnership_security")
    return _security_page(request, form, partnership)


def _security_page(request, form, partnership) -> HttpResponse:
    still_to_set_up = (
        list(two_factor.people_still_to_set_up(partnership))
        if partnership.two_factor_required
        else []
    )
    return render(
        request,
        "partnership/security.html",
        {"form": form, "partnership": partnership, "still_to_set_up": still_to_set_up},
    )
