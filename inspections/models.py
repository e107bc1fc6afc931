"""The inspections whose findings a partnership must answer, and their reference data."""

import uuid
from typing import Self

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from actions.models import Plan
from partnerships.models import Partnership
from partnerships.scoping import PartnershipScopedQuerySet


class Inspectorate(models.Model):
    """Ofsted, CQC, HMICFRS, HMI Probation: reference data shared by every partnership."""

    short_name = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    former_names = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "short_name"]

    def __str__(self) -> str:
        return self.short_name


class Theme(models.Model):
    """A JTAI deep-dive theme: reference data shared by every partnership, editable."""

    name = models.CharField(max_length=200, unique=True)
    years = models.CharField(max_length=40, blank=True, help_text="When inspectors used this theme")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class InspectionQuerySet(PartnershipScopedQuerySet):
    def for_pages(self) -> Self:
        """What every page about one inspection shows in its header."""
        return self.select_related("partnership", "theme", "plan")


def letter_file_name(instance, filename: str) -> str:
    # Unguessable; the letter's own name is kept in letter_filename for downloads.
    return f"letters/{uuid.uuid4().hex}"


class Inspection(models.Model):
    """One JTAI and the letter of findings that followed it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="inspections"
    )
    # The plan that answers this inspection's findings: its status, statement and actions.
    plan = models.OneToOneField(Plan, on_delete=models.PROTECT, related_name="inspection")
    subject = models.CharField(
        max_length=300,
        help_text="What was inspected, as the letter puts it, for example "
        "'the multi-agency response to identification of initial need and risk'",
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    inspectorates = models.ManyToManyField(Inspectorate, related_name="inspections")
    onsite_start = models.DateField("on-site start", null=True, blank=True)
    onsite_end = models.DateField("on-site end", null=True, blank=True)
    letter_date = models.DateField("letter published", null=True, blank=True)
    statement_due = models.DateField("statement due", null=True, blank=True)
    principal_authority = models.CharField(max_length=200, blank=True)
    addressees = models.TextField(blank=True, help_text="One addressee per line")
    headline_findings = models.TextField(blank=True)
    strengths = models.TextField(blank=True, help_text="One strength per line")
    letter = models.FileField(
        "original letter", upload_to=letter_file_name, blank=True, help_text="As it was imported"
    )
    letter_filename = models.CharField(max_length=255, blank=True)
    # Bumped by every edit of the details; a save that started from an older version is
    # refused, so two managers editing at once never silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-letter_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(onsite_end__gte=F("onsite_start"))
                | Q(onsite_end__isnull=True)
                | Q(onsite_start__isnull=True),
                name="inspection_onsite_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return f"Joint targeted area inspection of {self.partnership.local_area}"

    @property
    def short_title(self) -> str:
        """The inspection named by area, year and theme ("JTAI Lewisham 2022: Neglect"), so
        two inspections of one area can be told apart wherever the name is short. The year
        is the one inspectors were on site, as the letter and the partnership call it."""
        day = self.onsite_start or self.letter_date
        name = f"JTAI {self.partnership.local_area}"
        if day is not None:
            name += f" {day.year}"
        if self.theme_id is not None:
            name += f": {self.theme}"
        return name

    @property
    def addressee_list(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]

    @property
    def strength_list(self) -> list[str]:
        return [line.strip() for line in self.strengths.splitlines() if line.strip()]
