"""Actions that answer the findings, and the progress their owners report."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from actions.rag import RAG
from inspections.scoping import PartnershipScopedQuerySet


class ActionQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "finding__inspection__partnership"

    def with_page_relations(self):
        """What a page showing actions needs, fetched in the same query."""
        return self.select_related(
            "finding__inspection__partnership", "lead_agency", "lead_officer"
        )


class Action(models.Model):
    """One thing the partnership will do about a finding, with an owner and a date."""

    finding = models.ForeignKey(
        "inspections.Finding", on_delete=models.PROTECT, related_name="actions"
    )
    reference = models.CharField(
        max_length=20, help_text="Stable reference used in papers, for example 3.2"
    )
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField("action")
    lead_agency = models.ForeignKey(
        "inspections.Agency", on_delete=models.PROTECT, related_name="led_actions"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    supporting_agencies = models.ManyToManyField(
        "inspections.Agency", blank=True, related_name="supported_actions"
    )
    start_date = models.DateField(null=True, blank=True)
    target_date = models.DateField()
    original_target_date = models.DateField(
        help_text="The date first agreed. It stays when the target date is re-baselined."
    )
    target_date_change_reason = models.TextField(blank=True)
    success_measure = models.TextField(
        "success measure", help_text="How the partnership will know this has worked for children"
    )
    rag = models.CharField(
        "RAG status", max_length=20, choices=RAG.choices, default=RAG.NOT_STARTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["finding__number", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "reference"], name="action_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:60]}"

    def save(self, *args, **kwargs):
        if self.original_target_date is None:
            self.original_target_date = self.target_date
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("action_detail", args=[self.pk])

    def clean(self):
        super().clean()
        partnership_id = self.finding.inspection.partnership_id if self.finding_id else None
        if self.lead_agency_id and self.lead_agency.partnership_id != partnership_id:
            raise ValidationError({"lead_agency": "Choose an agency of this partnership."})
        if self.lead_officer_id and self.lead_officer.partnership_id != partnership_id:
            raise ValidationError({"lead_officer": "Choose an officer of this partnership."})

    @property
    def rag_status(self) -> RAG:
        return RAG(self.rag)

    @property
    def is_complete(self) -> bool:
        return self.rag == RAG.COMPLETE

    @property
    def is_overdue(self) -> bool:
        """Past its target date and not complete, whatever its owner last said."""
        return not self.is_complete and self.target_date < timezone.localdate()

    @property
    def is_rebaselined(self) -> bool:
        return (
            self.original_target_date is not None and self.target_date != self.original_target_date
        )


class ProgressUpdateQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__inspection__partnership"


class ProgressUpdate(models.Model):
    """What an owner reported about an action on a date, with the RAG they gave it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates"
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField()
    rag = models.CharField("RAG status", max_length=20, choices=RAG.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        get_latest_by = ["date", "created_at"]

    def __str__(self) -> str:
        return f"{self.action.reference} on {self.date:%d %b %Y}"

    @property
    def rag_status(self) -> RAG:
        return RAG(self.rag)
