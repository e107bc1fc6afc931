"""The plan a partnership owes: the record its findings, actions, meetings, rounds and
statement hang from. A JTAI's plan is pointed at by its inspection (inspections.Inspection
.plan); a plan of another kind has no inspection, and nothing below it needs to know."""

from django.db import models

from partnerships.models import Partnership
from partnerships.scoping import PartnershipScopedQuerySet


class PlanKind(models.TextChoices):
    JTAI = "jtai", "Joint targeted area inspection"


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting the statement"
    SUBMITTED = "submitted", "Statement submitted"
    MONITORING = "monitoring", "Monitoring"
    CLOSED = "closed", "Closed"


class Plan(models.Model):
    """An improvement plan: its status, and the parts of its written statement the manager
    writes (the plan's actions make up the rest)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=20, choices=PlanKind.choices, default=PlanKind.JTAI)
    status = models.CharField(
        max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFTING
    )
    statement_introduction = models.TextField(
        "introduction",
        blank=True,
        help_text="Opens the statement: the partnership's response to the letter",
    )
    statement_governance = models.TextField(
        "governance and monitoring arrangements",
        blank=True,
        help_text="Who oversees the plan, how often, and how progress is reported",
    )
    statement_version = models.CharField("version", max_length=20, default="1.0")
    protective_marking = models.CharField(
        max_length=40,
        default="OFFICIAL",
        help_text="Printed on every page of exported documents, for example OFFICIAL",
    )
    version = models.PositiveIntegerField(default=1)  # partnerships.versioning
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnershipScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} plan of {self.partnership.local_area}"

    @property
    def name(self) -> str:
        """The plan as people name it wherever plans must be told apart (lists, filters,
        e-mails): a JTAI's by its inspection, by area, year and theme ("JTAI Lewisham 2022:
        Neglect"). Read through the inspection's reverse link, which this layer may follow
        but not import; select `inspection__partnership` with the plan to spare a query."""
        inspection = getattr(self, "inspection", None)
        return inspection.short_title if inspection is not None else str(self)

    @property
    def is_drafting(self) -> bool:
        return self.status == PlanStatus.DRAFTING
