"""Records events in the audit trail. Every sign-in, sign-out, failed sign-in and file
handed out passes here; later issues add invitations, role changes and two-factor."""

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from audit.models import AuditEvent, EventKind


def client_address(request) -> str | None:
    # The address sign-in protection uses too (settings: DJANGO_PROXY_COUNT), so the trail
    # and the lock-outs agree on who was where.
    return get_client_ip_address(request) if request is not None else None


def record(
    request,
    kind: EventKind,
    *,
    user=None,
    username: str = "",
    detail: str = "",
    partnership_id: int | None = None,
):
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    return AuditEvent.objects.create(
        partnership_id=partnership_id or getattr(user, "partnership_id", None),
        user=user,
        username=username or getattr(user, "username", ""),
        kind=kind,
        detail=detail[:500],
        ip_address=client_address(request),
    )


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    # people.two_factor records through this module, so it is imported here, not at the top.
    # A person who still owes a code is not in yet: the code's own entry says when they are.
    from people import two_factor

    owes_code = two_factor.owes_code_at_sign_in(request, user)
    detail = two_factor.SIGN_IN_OWES_CODE if owes_code else ""
    record(request, EventKind.SIGN_IN, user=user, detail=detail)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, EventKind.SIGN_OUT, user=user)


def _partnership_of(typed: str) -> int | None:
    """The partnership of the person a typed username (or e-mail address) names, if any:
    its managers see the failures, whoever typed them."""
    if not typed:
        return None
    person = (
        get_user_model().objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).first()
    )
    return getattr(person, "partnership_id", None)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username", "")
    record(request, EventKind.SIGN_IN_FAILED, username=typed, partnership_id=_partnership_of(typed))


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    # django-axes signals every refused attempt while the lock lasts; the trail wants the
    # lock-out itself, once, however often the person tries meanwhile.
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    if AuditEvent.objects.filter(
        kind=EventKind.LOCKED_OUT, username=username or "", ip_address=ip_address, at__gte=since
    ).exists():
        return
    record(
        request,
        EventKind.LOCKED_OUT,
        username=username or "",
        partnership_id=_partnership_of(username or ""),
    )
