"""The queries the people pages need."""

import datetime
from typing import TYPE_CHECKING, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnerships.scoping import PartnershipScopedQuerySet
from people.models import User

if TYPE_CHECKING:  # django-stubs-ext is installed for development only
    from django_stubs_ext import WithAnnotations


class Standing(TypedDict):
    """What people_for_manager adds to each person."""

    invitation_expires_at: datetime.datetime | None
    uses_two_factor: bool


type ManagedPerson = WithAnnotations[User, Standing]


def people_for_manager(*, user: User | AnonymousUser) -> PartnershipScopedQuerySet[ManagedPerson]:
    """The people of the manager's partnership (site operators are not theirs to manage),
    each with the expiry of their open invitation, if any, and whether they use two-factor
    authentication."""
    # Annotated here because mypy cannot follow PersonManager's from_queryset() base, so
    # User.objects is untyped to it.
    people: PartnershipScopedQuerySet[ManagedPerson] = (
        User.objects.for_user(user)
        .filter(is_superuser=False)
        .select_related("agency")
        .annotate(
            invitation_expires_at=Max(
                "invitations__expires_at",
                filter=Q(
                    invitations__accepted_at__isnull=True, invitations__replaced_at__isnull=True
                ),
            ),
            uses_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
    )
    return people


def person_status(person: ManagedPerson) -> tuple[str, str]:
    """A person's standing, as a word and the GOV.UK tag colour that goes with it.

    Needs the `invitation_expires_at` annotation of people_for_manager."""
    if not person.is_active:
        return "Deactivated", "grey"
    if person.has_usable_password():
        return "Active", "green"
    if person.invitation_expires_at and person.invitation_expires_at > timezone.now():
        return "Invited", "blue"
    return "Invitation expired", "orange"
