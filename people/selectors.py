"""The queries the people pages need."""

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.models import User


def people_for_manager(*, user):
    """The people of the manager's partnership (site operators are not theirs to manage),
    each with the expiry of their open invitation, if any, and whether they use two-factor
    authentication."""
    return (
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


def person_status(person) -> tuple[str, str]:
    """A person's standing, as a word and the GOV.UK tag colour that goes with it.

    Needs the `invitation_expires_at` annotation of people_for_manager."""
    if not person.is_active:
        return "Deactivated", "grey"
    if person.has_usable_password():
        return "Active", "green"
    if person.invitation_expires_at and person.invitation_expires_at > timezone.now():
        return "Invited", "blue"
    return "Invitation expired", "orange"
