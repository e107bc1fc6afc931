"""Changes an owner asks for or makes after the fact: a new target date, approved or refused
by the partnership; a correction of their own last update; a supporting agency's account of
its part. Each keeps what was there before, so the record reads as it happened."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from partnerships.scoping import PartnershipScopedQuerySet


class TargetDateRequestStatus(models.TextChoices):
    PENDING = "pending", "Awaiting a decision"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class TargetDateRequestQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__plan__partnership"


class TargetDateRequest(models.Model):
    """An owner asks to move an action's target date, with the reason; the manager or an
    executive member approves or refuses it. An approved request moves the date; the date
    first agreed stays on the action (Action.original_target_date). A manager who moves the
    date in the plan records an approved request of their own, so no date moves without an
    approval on record."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.PROTECT, related_name="date_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    current_date = models.DateField("target date when asked")
    proposed_date = models.DateField("new target date")
    reason = models.TextField("why the date must move")
    status = models.CharField(
        max_length=20,
        choices=TargetDateRequestStatus.choices,
        default=TargetDateRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_comment = models.TextField(blank=True)

    objects = TargetDateRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # An action has at most one request awaiting a decision.
            models.UniqueConstraint(
                fields=["action"],
                condition=models.Q(status="pending"),
                name="date_request_one_pending_per_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} to {self.proposed_date:%-d %B %Y}: {self.get_status_display()}"


class UpdateCorrectionQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "update__action__finding__plan__partnership"


class UpdateCorrection(models.Model):
    """What an update said before its author corrected it: the update shows the corrected
    words, and the change history keeps these."""

    update = models.ForeignKey(
        "actions.ProgressUpdate", on_delete=models.PROTECT, related_name="corrections"
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField(default=timezone.now)
    previous_narrative = models.TextField()
    previous_rag = models.CharField(max_length=20)
    previous_percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    previous_rag_change_reason = models.TextField(blank=True)

    objects = UpdateCorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["corrected_at", "pk"]

    def __str__(self) -> str:
        return f"{self.update} corrected {self.corrected_at:%d %b %Y %H:%M}"


class ContributionQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__plan__partnership"


class Contribution(models.Model):
    """A supporting agency's account of its part in an action: progress in its own words,
    with evidence (Evidence.contribution). It gives no RAG and changes none: the status is
    the lead's; the lead reads contributions as they write their update, and an update
    round's returns count the lead's update only."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.PROTECT, related_name="contributions"
    )
    agency = models.ForeignKey(
        "partnerships.Agency", on_delete=models.PROTECT, related_name="contributions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    date = models.DateField(default=timezone.localdate)
    narrative = models.TextField("what your agency has done")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["action", "-date"], name="contribution_action_latest")]

    def __str__(self) -> str:
        return f"{self.agency} on {self.action.reference}, {self.date:%d %b %Y}"
