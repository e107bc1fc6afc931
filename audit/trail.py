"""Records events in the audit trail: `record` is the one way in. Sign-ins, sign-outs and
failed sign-ins come from people.sign_in; files handed out from audit.downloads; every
other event from the service that made the change."""

from axes.helpers import get_client_ip_address

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
