"""A partnership and its agencies: the owner of every other record, at the ground floor.

Every page's queries are narrowed to the signed-in person's partnership through
`scoping.py`; every edit form refuses a stale save through `versioning.py`.
"""

from django.db import models

from partnerships.scoping import PartnershipScopedQuerySet


class PartnershipQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "pk"


class Partnership(models.Model):
    """A local safeguarding children partnership: the owner of every other record."""

    local_area = models.CharField(
        max_length=200, help_text="For example, London Borough of Lewisham"
    )
    name = models.CharField(
        max_length=200, help_text="For example, Lewisham Safeguarding Children Partnership"
    )
    short_name = models.CharField(max_length=30, help_text="For example, LSCP")
    slug = models.SlugField(unique=True)
    two_factor_required = models.BooleanField(
        "require two-factor authentication for managers and executive members",
        default=False,
        help_text="They then sign in with a code from an authenticator app as well as a password",
    )
    # The suggested RAG (actions.rag): progress reported against the share of time gone,
    # in per cent of what is due by now: Green at or above on-track, Red below off-track.
    on_track_percent = models.PositiveSmallIntegerField(
        "on track at or above (per cent of the progress due by now)", default=90
    )
    off_track_percent = models.PositiveSmallIntegerField(
        "off track below (per cent of the progress due by now)", default=70
    )
    # An open action not updated for longer than this is flagged "not updated".
    update_interval_days = models.PositiveSmallIntegerField(
        "days between updates before an action is flagged not updated", default=62
    )
    sustainability_review_months = models.PositiveSmallIntegerField(
        "months after closure that the owner checks the change held", default=6
    )
    version = models.PositiveIntegerField(default=1)  # partnerships.versioning

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        db_table = "inspections_partnership"  # kept where it was made
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health / integrated care board"
    NHS_TRUST = "nhs_trust", "NHS trust"
    PROBATION = "probation", "Probation"
    EDUCATION = "education", "Education"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    PARTNERSHIP = "partnership", "Partnership-wide"
    OTHER = "other", "Other"


class AgencyQuerySet(PartnershipScopedQuerySet):
    pass


class Agency(models.Model):
    """A partner organisation: the council, the police force, the ICB, a trust."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="What plans call it, for example 'Police' or 'ICB'"
    )
    kind = models.CharField(max_length=20, choices=AgencyKind.choices)
    version = models.PositiveIntegerField(default=1)  # partnerships.versioning

    objects = AgencyQuerySet.as_manager()

    class Meta:
        db_table = "inspections_agency"  # kept where it was made
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_name_unique"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name
