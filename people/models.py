"""People who sign in: each belongs to one partnership and one agency, with one role."""

import hashlib

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from partnerships.scoping import PartnershipScopedQuerySet


class Role(models.TextChoices):
    """What a person may do in their partnership. The rules live in people.permissions."""

    MANAGER = "manager", "Partnership manager"
    OWNER = "owner", "Action owner"
    EXECUTIVE = "executive", "Executive member"
    SCRUTINEER = "scrutineer", "Scrutineer"


ROLE_DESCRIPTIONS = {
    Role.MANAGER: "Edits everything in the partnership's plans.",
    Role.OWNER: "Updates the actions their agency leads.",
    Role.EXECUTIVE: "Reads everything and agrees closures.",
    Role.SCRUTINEER: "Reads everything, edits nothing.",
}


class PersonQuerySet(PartnershipScopedQuerySet):
    def active_in(self, partnership, *roles: "Role"):
        """The people of a partnership who can sign in, of the given roles (any if none)."""
        people = self.filter(partnership=partnership, is_active=True)
        return people.filter(role__in=roles) if roles else people


class PersonManager(UserManager.from_queryset(PersonQuerySet)):
    pass


class User(AbstractUser):
    """A person in a partnership. Site operators (superusers) may belong to none."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    agency = models.ForeignKey(
        "partnerships.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SCRUTINEER)
    job_title = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)  # partnerships.versioning

    objects = PersonManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [
            # People sign in with their e-mail address too, so it must name one person.
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="person_email_unique",
                violation_error_message="Someone already uses this e-mail address",
            ),
            models.UniqueConstraint(
                Lower("username"),
                name="person_username_unique_any_case",
                violation_error_message="That username is taken: choose another",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.agency_id and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "Choose an agency of this person's partnership."})


class InvitationQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "person__partnership"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Invited"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Invitation expired"
    REPLACED = "replaced", "Replaced by a newer invitation"


def token_hash(token: str) -> str:
    # Only the hash is stored: a copy of the database gives nobody a working link.
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """A single-use link, e-mailed to a new person, to set their password."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    # None when the site operator invited a partnership's first manager (add_partnership).
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation for {self.person} of {self.created_at:%d %b %Y}"

    @property
    def status(self) -> InvitationStatus:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.replaced_at:
            return InvitationStatus.REPLACED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING
