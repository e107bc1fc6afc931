"""Actions that answer the findings, and the progress their owners report."""

import uuid
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actions.rag import RAG, is_overdue
from partnerships.scoping import PartnershipScopedQuerySet


class ActionQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "finding__plan__partnership"

    def current(self) -> Self:
        """Actions still in the plan: archived ones are kept for the record, not shown."""
        return self.filter(archived_at__isnull=True)

    def open(self) -> Self:
        """Still in the plan and not complete: what someone must still deliver."""
        return self.current().exclude(rag=RAG.COMPLETE)

    def with_page_relations(self) -> Self:
        """What a page showing actions needs, fetched in the same query: with the plan's
        inspection, which names the plan (Plan.name)."""
        return self.select_related(
            "finding__plan__partnership",
            "finding__plan__inspection__partnership",
            "finding__plan__inspection__theme",
            "lead_agency",
            "lead_officer",
        )


class Action(models.Model):
    """One thing the partnership will do about a finding, with an owner and a date."""

    finding = models.ForeignKey("actions.Finding", on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(
        max_length=20, help_text="Stable reference used in papers, for example 3.2"
    )
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField("action")
    lead_agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="led_actions"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_actions",
    )
    supporting_agencies = models.ManyToManyField(
        "partnerships.Agency", blank=True, related_name="supported_actions"
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
    archived_at = models.DateTimeField("archived", null=True, blank=True)
    # Bumped by every change; a save that started from an older version is refused,
    # so two people editing at once never silently overwrite each other.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "position"])

    class Meta:
        ordering = ["finding__number", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["finding", "reference"], name="action_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.description[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.original_target_date is None:
            self.original_target_date = self.target_date
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actions:action_detail", args=[self.pk])

    def clean(self):
        super().clean()
        partnership_id = self.finding.plan.partnership_id if self.finding_id else None
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
        """actions.rag.is_overdue as at today."""
        return is_overdue(
            self.rag, self.target_date, timezone.localdate(), archived=self.is_archived
        )

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_rebaselined(self) -> bool:
        return (
            self.original_target_date is not None and self.target_date != self.original_target_date
        )


class ProgressUpdateQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__plan__partnership"


class ProgressUpdate(models.Model):
    """What an owner reported about an action on a date, with the RAG they gave it."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_updates"
    )
    # Who typed it in, when that is not the author: a manager importing the owners' updates
    # from the spreadsheet they sent back.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField()
    rag = models.CharField("RAG status", max_length=20, choices=RAG.choices)
    previous_rag = models.CharField(max_length=20, choices=RAG.choices, blank=True)
    # How much of the action the owner reports done: with the time gone between the plan's
    # start and the target date it gives the suggested RAG (actions.rag), when given.
    percent_complete = models.PositiveSmallIntegerField(
        "per cent complete",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    rag_change_reason = models.TextField(
        "why the status changed", blank=True, help_text="Required when the status gets worse"
    )
    # The form's one-time key: the same form sent twice (Save, Back, Save) records one update.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # When its author last corrected it (actions.models.UpdateCorrection keeps what it said).
    corrected_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        get_latest_by = ["date", "created_at"]
        indexes = [
            models.Index(fields=["action", "-date"], name="update_action_latest"),
            # An update round's returns: each action's latest update since the round opened.
            models.Index(fields=["action", "created_at"], name="update_action_recorded"),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference} on {self.date:%d %b %Y}"

    @property
    def rag_status(self) -> RAG:
        return RAG(self.rag)


class ClosureQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__plan__partnership"


class ClosureStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed complete"
    AGREED = "agreed", "Closure agreed"
    REOPENED = "reopened", "Reopened"
    NOT_AGREED = "not_agreed", "Not agreed"

    @classmethod
    def ended(cls) -> list["ClosureStatus"]:
        """A closure that no longer stands: the action is open again, and its owner may
        propose it complete again."""
        return [cls.REOPENED, cls.NOT_AGREED]


class Closure(models.Model):
    """The way partnerships close an action: its owner proposes it complete with evidence
    of impact and a sustainability plan; the partnership agrees at a meeting. Until then
    the action is "Proposed complete", not Complete. The partnership's decision, agreed or
    not agreed (with its reason), names who recorded it, the day and the meeting. A closure
    not agreed or reopened stays on record."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="closures")
    status = models.CharField(max_length=20, choices=ClosureStatus.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    evidence_of_impact = models.TextField()
    sustainability_plan = models.TextField()
    # The partnership's decision, whichever it was: agreed, or not agreed with its reason.
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="decision recorded by",
    )
    agreed_on = models.DateField("date decided", null=True, blank=True)
    agreed_at_meeting = models.CharField("meeting", max_length=200, blank=True)
    # The recorded meeting the decision was made at; agreed_at_meeting keeps its name as
    # the record reads it. A string reference: meetings sits above actions, and this is no
    # import of it. Decisions from before meetings were recorded may have none.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures_decided",
    )
    decision_reason = models.TextField("why not agreed", blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)
    # When the owner checks that the change held (impact.SustainabilityReview): set as the
    # closure is agreed, by default six months on (Partnership.sustainability_review_months).
    sustainability_review_due = models.DateField(null=True, blank=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # An action has at most one closure under way or agreed at a time.
            models.UniqueConstraint(
                fields=["action"],
                condition=~models.Q(status__in=["reopened", "not_agreed"]),
                name="closure_one_open_per_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action.reference}: {self.get_status_display()}"

    @property
    def decided_at(self) -> str:
        """Where and when the partnership decided, as the record words it ("at LSCP
        executive, 1 December 2026"): a recorded meeting names its own date, so the day of
        the decision is said again only when it differs; a meeting typed as text has it."""
        if self.meeting_id is None:
            return f"at {self.agreed_at_meeting} on {self.agreed_on:%-d %B %Y}"
        if self.meeting.date == self.agreed_on:  # type: ignore[attr-defined]
            return f"at {self.agreed_at_meeting}"
        return f"at {self.agreed_at_meeting}, decided on {self.agreed_on:%-d %B %Y}"

    @property
    def has_ended(self) -> bool:
        return self.status in ClosureStatus.ended()


class EvidenceQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__plan__partnership"


class EvidenceKind(models.TextChoices):
    """What an item of evidence is, as inspectors ask for it."""

    DATA = "data", "Data"
    CASE_AUDIT = "case_audit", "Case audit"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    POLICY = "policy", "Policy or procedure"
    TRAINING = "training", "Training record"
    VOICE = "voice", "Voice of the child or family"
    OTHER = "other", "Other"


def evidence_file_name(instance, filename: str) -> str:
    # Unguessable and free of the uploader's file name: the original name is kept in the
    # database and given back only on download.
    return f"evidence/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A link or a file that shows progress or impact, attached to an update or a closure."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="evidence")
    update = models.ForeignKey(
        ProgressUpdate, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    closure = models.ForeignKey(
        Closure, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    contribution = models.ForeignKey(
        "actions.Contribution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    title = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices, default=EvidenceKind.OTHER)
    date = models.DateField("date of the evidence", null=True, blank=True)
    description = models.TextField(blank=True)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to=evidence_file_name, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(link="") | ~models.Q(file=""), name="evidence_link_or_file"
            ),
        ]

    def __str__(self) -> str:
        """Its title wherever evidence is named; a file's name or the link where it has none."""
        return self.title or self.original_name or self.link

    def get_absolute_url(self) -> str:
        return self.link or reverse("actions:evidence_download", args=[self.uuid])
