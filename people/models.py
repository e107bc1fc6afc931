"""People who sign in: each belongs to one partnership and one agency, with one role."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models

from inspections.scoping import PartnershipScopedQuerySet


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
    pass


class PersonManager(UserManager.from_queryset(PersonQuerySet)):
    pass


class User(AbstractUser):
    """A person in a partnership. Site operators (superusers) may belong to none."""

    partnership = models.ForeignKey(
        "inspections.Partnership",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    agency = models.ForeignKey(
        "inspections.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SCRUTINEER)
    job_title = models.CharField(max_length=200, blank=True)

    objects = PersonManager()

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self):
        super().clean()
        if self.agency_id and self.agency.partnership_id != self.partnership_id:
            raise ValidationError({"agency": "Choose an agency of this person's partnership."})
