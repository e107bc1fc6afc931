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
    kind: EventKind,
    *,
    user=None,
    address: str | None = None,
    username: str = "",
    detail: str = "",
    partnership_id: int | None = None,
) -> AuditEvent:
    """One entry: what happened, who did it (a person, or a username typed) and from which
    address. Takes what it records, not the request, so a service records its own changes
    and a command or a worker can call it too."""
    return AuditEvent.objects.create(
        partnership_id=partnership_id or getattr(user, "partnership_id", None),
        user=user,
        username=username or getattr(user, "username", ""),
        kind=kind,
        detail=detail[:500],
        ip_address=address,
    )
