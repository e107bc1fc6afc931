"""What happens when someone signs in, signs out, fails to, or is locked out: one receiver
for each, so the order of the steps is written down rather than left to the order in which
apps happened to connect their receivers."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from audit.trail import client_address, record
from people import sessions, two_factor
from people.models import User


@receiver(user_logged_in)
def person_signed_in(sender, request, user, **kwargs):
    """1. The idle clock starts again. 2. Whether a two-factor code is still owed is
    decided (and kept in the session for the gate). 3. The sign-in is recorded, saying
    when a code is owed: that person is not in yet, and the code's own entry says when."""
    if request is not None and hasattr(request, "session"):
        sessions.clock_restart(request.session)
    owes_code = two_factor.owes_code_at_sign_in(request, user)
    record(
        EventKind.SIGN_IN,
        user=user,
        detail=two_factor.SIGN_IN_OWES_CODE if owes_code else "",
        address=client_address(request),
    )


@receiver(user_logged_out)
def person_signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(EventKind.SIGN_OUT, user=user, address=client_address(request))


def _partnership_of(typed: str) -> int | None:
    """The partnership of the person a typed username (or e-mail address) names, if any:
    its managers see the failures, whoever typed them."""
    if not typed:
        return None
    person = User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).first()
    return getattr(person, "partnership_id", None)


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username", "")
    record(
        EventKind.SIGN_IN_FAILED,
        username=typed,
        partnership_id=_partnership_of(typed),
        address=client_address(request),
    )


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    # django-axes signals every refused attempt while the lock lasts; the trail wants the
    # lock-out itself, once, however often the person tries meanwhile.
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    if AuditEvent.objects.filter(
        kind=EventKind.LOCKED_OUT, username=username or "", ip_address=ip_address, at__gte=since
    ).exists():
        return
    record(
        EventKind.LOCKED_OUT,
        username=username or "",
        partnership_id=_partnership_of(username or ""),
        address=client_address(request),
    )
