"""Limits beyond django-axes' lock of one username at one address.

**Password reset links.** At most PASSWORD_RESET_EMAIL_LIMIT links are e-mailed to one
address in an hour, and one client address may ask PASSWORD_RESET_CLIENT_LIMIT times an
hour, whatever addresses it names. The page after says the same whatever happened, so it
tells nobody whether an address is known or was limited.

**A username locked at every address.** axes locks a username at one address after
SIGN_IN_FAILURE_LIMIT failures, so that a colleague behind the same office address still
signs in; someone with many addresses therefore had that many guesses per address. After
SIGN_IN_ACCOUNT_FAILURE_LIMIT failed sign-ins for one username within
SIGN_IN_ACCOUNT_LOCKOUT, from anywhere, the username is refused at every address for that
long, or until its password is reset by e-mail. Its owner and the partnership's managers are
told by e-mail once, when it locks.

Why this is not a second axes parameter group (AXES_LOCKOUT_PARAMETERS = ["username",
["username", "ip_address"]]): axes compares the largest count of any group with one
AXES_FAILURE_LIMIT within one AXES_COOLOFF_TIME, so the username alone would lock after the
same 5 failures (anyone could lock a colleague out from anywhere with 5 tries); it deletes
its AccessAttempt rows once they are older than the cool-off, so it cannot count an hour
beside a 15-minute lock; and it knows no "until the password is reset" and tells nobody.
The audit trail already keeps every failed sign-in and every reset request with its client
address, in the database every app server shares, so the counts here read the trail: what
managers see there is what the rules count.

Counts are of rows other requests have committed, so requests arriving at the same moment
may pass a limit by one or two. What must happen once (a lock and its e-mails, a reset
link over the limit) is serialised on the person's row instead.
"""

import datetime
import logging

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from audit.trail import record
from notifications.emails import email_send, email_to
from people.models import Role, User

logger = logging.getLogger(__name__)

PASSWORD_RESET_WINDOW = datetime.timedelta(hours=1)
RESET_ASKED = [EventKind.PASSWORD_RESET_SENT, EventKind.PASSWORD_RESET_NOT_SENT]
NOBODY_TO_SEND_TO = "Not sent: nobody who can sign in has this address"


def _person_with_address(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first() if email else None


def password_reset_refusal(*, email: str, address: str | None) -> str:
    """Why no reset link may be e-mailed for this request, in the trail's words, or '' if
    one may: this client address has asked too often in the last hour, or enough links have
    gone to this e-mail address in it."""
    since = timezone.now() - PASSWORD_RESET_WINDOW
    # Holds the person's row until the request ends, so fifteen requests at once for one
    # address are counted one after another rather than all seeing "none sent yet".
    people = list(User.objects.select_for_update().filter(email__iexact=email))
    asked_from_here = AuditEvent.objects.filter(
        kind__in=RESET_ASKED, ip_address=address, at__gte=since
    ).count()
    if asked_from_here >= settings.PASSWORD_RESET_CLIENT_LIMIT:
        return f"Not sent: {asked_from_here} requests from this client address in the last hour"
    sent = AuditEvent.objects.filter(
        kind=EventKind.PASSWORD_RESET_SENT, user__in=people, at__gte=since
    ).count()
    if sent >= settings.PASSWORD_RESET_EMAIL_LIMIT:
        return f"Not sent: {sent} links already e-mailed to this address in the last hour"
    return ""


def password_reset_asked(
    *, email: str, address: str | None, sent_to: list[User], refusal: str
) -> None:
    """Records one request for a reset link: the counts above read these entries."""
    for person in sent_to:
        record(
            EventKind.PASSWORD_RESET_SENT, user=person, detail=f"To {person.email}", address=address
        )
    if not sent_to:
        person = _person_with_address(email)
        record(
            EventKind.PASSWORD_RESET_NOT_SENT,
            user=person,
            username=person.username if person else email[:150],
            detail=refusal or NOBODY_TO_SEND_TO,
            address=address,
        )


def _person_named(typed: str) -> User | None:
    """The person a typed username or e-mail address names, in any case."""
    return User.objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).first()


def _entries_for(person: User | None, typed: str) -> Q:
    # Failed sign-ins keep the name as typed: the person's username or e-mail address, in
    # any case, all count towards the same person.
    if person is None:
        return Q(username__iexact=typed)
    names = Q(username__iexact=person.username)
    return names | Q(username__iexact=person.email) if person.email else names


def _counting_from(person: User | None) -> datetime.datetime:
    """Failures and locks count for SIGN_IN_ACCOUNT_LOCKOUT, or since the person's last
    password reset if that is later: a reset ends the lock and starts the count again."""
    start = timezone.now() - settings.SIGN_IN_ACCOUNT_LOCKOUT
    if person is None:
        return start
    reset = AuditEvent.objects.filter(kind=EventKind.PASSWORD_RESET, user=person, at__gt=start)
    return reset.values_list("at", flat=True).first() or start


def _locked(person: User | None, typed: str, since: datetime.datetime) -> bool:
    return AuditEvent.objects.filter(
        _entries_for(person, typed), kind=EventKind.ACCOUNT_LOCKED, at__gte=since
    ).exists()


def username_locked(typed: str | None) -> bool:
    """Whether sign-in with this username (or e-mail address) is refused at every address.
    Unknown usernames lock too, so the answer tells nobody which usernames exist."""
    if not typed:
        return False
    person = _person_named(typed)
    return _locked(person, typed, _counting_from(person))


def sign_in_failed(*, typed: str, address: str | None) -> bool:
    """Counts a wrong password towards the lock at every address and locks the username when
    the count reaches SIGN_IN_ACCOUNT_FAILURE_LIMIT; says whether it is locked now."""
    person = _person_named(typed)
    if person is not None:
        # One lock and one set of e-mails however many wrong passwords arrive at once.
        person = User.objects.select_for_update().get(pk=person.pk)
    since = _counting_from(person)
    if _locked(person, typed, since):
        return True
    failures = AuditEvent.objects.filter(
        _entries_for(person, typed), kind=EventKind.SIGN_IN_FAILED, at__gte=since
    )
    # This failure is not among them yet: the trail records it (audit.trail, on Django's
    # user_login_failed) once authenticate() has asked every backend.
    count = failures.count() + 1
    if count < settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT:
        return False
    addresses = set(failures.order_by().values_list("ip_address", flat=True).distinct())
    addresses.add(address)
    _lock(person=person, typed=typed, address=address, failures=count, addresses=len(addresses))
    return True


def lockout_minutes() -> int:
    return int(settings.SIGN_IN_ACCOUNT_LOCKOUT.total_seconds() // 60)


def locks_end_at_password_reset(*, person: User) -> None:
    """A password reset by e-mail ends both locks, so someone told to reset their password
    signs in with the new one straight away: the lock at every address ends by itself (its
    count starts at the reset's entry in the trail), axes' lock at each address ends here."""
    axes_reset(username=person.username)


def _lock(
    *, person: User | None, typed: str, address: str | None, failures: int, addresses: int
) -> None:
    minutes = lockout_minutes()
    detail = (
        f"{failures} failed sign-ins in {minutes} minutes from {addresses} "
        f"{'address' if addresses == 1 else 'addresses'}: locked for {minutes} minutes, or "
        "until the password is reset by e-mail."
    )
    if person is not None:
        told, not_told = _tell_of_lock(person=person, failures=failures, addresses=addresses)
        if told:
            detail += " E-mailed " + ", ".join(str(someone) for someone in told) + "."
        if not_told:
            detail += " Could not e-mail " + ", ".join(str(someone) for someone in not_told) + "."
    record(
        EventKind.ACCOUNT_LOCKED,
        user=person,
        username=person.username if person else typed[:150],
        detail=detail,
        address=address,
    )


def _tell_of_lock(*, person: User, failures: int, addresses: int) -> tuple[list, list]:
    """E-mails the person and their partnership's managers that the username is locked;
    returns whom it told and whom it could not."""
    managers = User.objects.active_in(person.partnership_id, Role.MANAGER).exclude(pk=person.pk)
    recipients = [person] if person.is_active else []
    if person.partnership_id:
        recipients += list(managers)
    locked_until = timezone.localtime() + settings.SIGN_IN_ACCOUNT_LOCKOUT
    told, not_told = [], []
    for recipient in recipients:
        if not recipient.email:
            continue
        owner = recipient.pk == person.pk
        subject = (
            "Sign-in to your JTAI action plans account is locked"
            if owner
            else f"Sign-in locked for {person.get_full_name() or person.username} "
            "in JTAI action plans"
        )
        message = email_to(
            recipient,
            subject=subject,
            template="registration/account_locked_email",
            context={
                "recipient": recipient,
                "person": person,
                "owner": owner,
                "failures": failures,
                "addresses": addresses,
                "minutes": lockout_minutes(),
                "locked_until": locked_until,
                "reset_link": settings.SITE_URL + reverse("password_reset"),
                "audit_link": settings.SITE_URL + reverse("audit:audit_trail"),
            },
        )
        try:
            email_send(message)
        except Exception:
            # The lock must stand though the mail server fails: the trail names who was
            # not told, for a manager to tell them.
            logger.exception("Could not e-mail person %s about a sign-in lock", recipient.pk)
            not_told.append(recipient)
        else:
            told.append(recipient)
    return told, not_told
