"""Changes to the people of a partnership: invitations, roles, agencies, deactivation.

Every change is recorded in the audit trail with the manager who made it. People are
never deleted: their updates and history stay attributed to them.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from audit.models import EventKind
from audit.trail import record
from notifications.emails import email_send, email_to
from partnerships.models import Agency, Partnership
from partnerships.versioning import version_claim
from people import sign_in_limits
from people.models import Invitation, InvitationStatus, Role, User, token_hash

INVITATION_LIFETIME = datetime.timedelta(days=7)


class InvitationRefused(Exception):
    """An invitation link that cannot be used, with the reason to show the person."""

    def __init__(self, status: InvitationStatus | None):
        self.status = status
        super().__init__(status)


def describe(person: User) -> str:
    return f"{person.get_full_name()} ({person.username})"


def _send_invitation(*, person: User, by: User | None) -> Invitation:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    person.invitations.filter(accepted_at__isnull=True, replaced_at__isnull=True).update(
        replaced_at=now
    )
    invitation = Invitation.objects.create(
        person=person,
        invited_by=by,
        token_hash=token_hash(token),
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    partnership = person.partnership
    assert partnership is not None  # only site operators belong to none, and they are not invited
    context = {
        "person": person,
        "invited_by": by,
        "partnership": partnership,
        "link": settings.SITE_URL + reverse("invitation_accept", args=[token]),
        "expires_at": timezone.localtime(invitation.expires_at),
        "sign_in_link": settings.SITE_URL + reverse("login"),
    }
    message = email_to(
        person,
        subject=f"Set your password for {partnership.name}'s JTAI action plans",
        template="people/emails/invitation",
        context=context,
    )
    # Inside the transaction: if the e-mail cannot be sent, nobody is left invited
    # without having been told.
    email_send(message)
    return invitation


@transaction.atomic
def person_invite(
    *,
    by: User | None,
    address: str | None,
    partnership: Partnership | None = None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    job_title: str,
    agency: Agency,
    role: Role,
) -> User:
    """Adds a person to the manager's partnership and e-mails them a link, valid for
    7 days and once, to set their password. Until then they cannot sign in.

    `by` is the manager inviting; None for the site operator, who names the partnership."""
    if partnership is None:
        assert by is not None  # the site operator names the partnership; a manager, their own
        partnership_id = by.partnership_id
    else:
        partnership_id = partnership.pk
    person = User(
        partnership_id=partnership_id,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        job_title=job_title,
        agency=agency,
        role=role,
    )
    person.set_unusable_password()
    person.full_clean()
    person.save()
    _send_invitation(person=person, by=by)
    record(
        EventKind.INVITED,
        user=by,
        username="" if by else "site operator (add_partnership)",
        partnership_id=person.partnership_id,
        detail=f"Invited {describe(person)} as {person.get_role_display()}, {agency}",
        address=address,
    )
    return person


@transaction.atomic
def person_invite_again(*, person: User, by: User, address: str | None) -> Invitation:
    """A new link for someone who has not yet set a password; earlier links stop working."""
    if person.has_usable_password():
        raise ValidationError(f"{person} has already set a password")
    invitation = _send_invitation(person=person, by=by)
    record(EventKind.INVITED, detail=f"Invited {describe(person)} again", user=by, address=address)
    return invitation


def invitation_for_token(token: str) -> Invitation:
    """The invitation a link names, if it can still be used; else InvitationRefused."""
    invitation = (
        Invitation.objects.select_related("person__partnership", "person__agency")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or not invitation.person.is_active:
        raise InvitationRefused(None)
    if invitation.status != InvitationStatus.PENDING:
        raise InvitationRefused(invitation.status)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, address: str | None) -> User:
    """The invitee's password is set and the link is used up."""
    used = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, replaced_at__isnull=True
    ).update(accepted_at=timezone.now())
    if not used:  # someone used the same link a moment ago
        raise InvitationRefused(InvitationStatus.ACCEPTED)
    person = invitation.person
    person.set_password(password)
    person.save(update_fields=["password"])
    record(EventKind.INVITATION_ACCEPTED, user=person, detail="Set their password", address=address)
    return person


def _keep_a_manager(person: User, *, losing_role: bool, field: str | None = None) -> None:
    other_managers = User.objects.active_in(person.partnership_id, Role.MANAGER).exclude(
        pk=person.pk
    )
    if losing_role and person.role == Role.MANAGER and not other_managers.exists():
        message = (
            "The partnership needs at least one active manager: make someone else a manager first"
        )
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def person_change(
    *, person: User, by: User, address: str | None, expected_version: int, **fields: object
) -> User:
    """Saves a manager's changes to a person: name, e-mail, job title, agency, role.
    Changes of role or agency are recorded in the audit trail. Refused (StaleEdit) when
    another manager saved the person after this one opened the page."""
    version_claim(person, expected_version=expected_version)  # locks the row until commit
    before = User.objects.select_related("agency").get(pk=person.pk)
    _keep_a_manager(
        before, losing_role=fields.get("role", before.role) != Role.MANAGER, field="role"
    )
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    changes = []
    if before.role != person.role:
        changes.append(f"role {before.get_role_display()} → {person.get_role_display()}")
    if before.agency_id != person.agency_id:
        changes.append(f"agency {before.agency or 'none'} → {person.agency or 'none'}")
    if changes:
        record(
            EventKind.PERSON_CHANGED,
            detail=f"{describe(person)}: " + "; ".join(changes),
            user=by,
            address=address,
        )
    return person


@transaction.atomic
def person_deactivate(*, person: User, by: User, address: str | None) -> User:
    """The person can no longer sign in; everything they did stays theirs."""
    if person.pk == by.pk:
        raise ValidationError("You cannot deactivate yourself: ask another manager")
    _keep_a_manager(person, losing_role=True)
    person.is_active = False
    person.save(update_fields=["is_active"])
    record(
        EventKind.DEACTIVATED, detail=f"Deactivated {describe(person)}", user=by, address=address
    )
    return person


@transaction.atomic
def person_reactivate(*, person: User, by: User, address: str | None) -> User:
    person.is_active = True
    person.save(update_fields=["is_active"])
    record(
        EventKind.REACTIVATED, detail=f"Reactivated {describe(person)}", user=by, address=address
    )
    return person


def password_changed(*, person: User, address: str | None) -> None:
    """The person changed their own password, signed in: the trail keeps when and where."""
    record(EventKind.PASSWORD_CHANGED, user=person, address=address)


def password_reset_by_email(*, person: User, address: str | None) -> None:
    """A password set from an e-mailed link: recorded, and every lock on the username ends
    (people.sign_in_limits), so the person can sign in straight away."""
    record(EventKind.PASSWORD_RESET, user=person, address=address)
    sign_in_limits.locks_end_at_password_reset(person=person)
