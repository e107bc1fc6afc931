"""Records events in the audit trail. Every sign-in, sign-out, failed sign-in and file
handed out passes here; later issues add invitations, role changes and two-factor."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.dispatch import receiver

from audit.models import AuditEvent, EventKind


def client_address(request) -> str | None:
    # REMOTE_ADDR only: a client can write X-Forwarded-For itself. Behind a proxy, set the
    # proxy to pass the real address in REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR") if request is not None else None


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
    record(request, EventKind.SIGN_IN, user=user)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, EventKind.SIGN_OUT, user=user)


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username", "")
    # The person the username (or e-mail address) names, if any: their partnership's
    # managers see the failures, whoever typed them.
    person = (
        get_user_model().objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).first()
        if typed
        else None
    )
    record(
        request,
        EventKind.SIGN_IN_FAILED,
        username=typed,
        partnership_id=getattr(person, "partnership_id", None),
    )
