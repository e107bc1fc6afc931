"""The update round before each executive meeting, the manager's review of each return, and
the kinds of e-mail the round sends (recorded in notifications.SentEmail)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from partnerships.scoping import PartnershipScopedQuerySet

# The executive reviews the plan every two months: owners update their actions a week before.
DEADLINE_WORKING_DAYS_BEFORE_MEETING = 5


class UpdateRoundQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"


class UpdateRound(models.Model):
    """Owners bring every open action of a plan up to date before an executive meeting.
    An update recorded after the round opened is that action's return."""

    plan = models.ForeignKey("actions.Plan", on_delete=models.PROTECT, related_name="update_rounds")
    meeting_date = models.DateField("date of the executive meeting")
    deadline = models.DateField("deadline for updates")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()

    objects = UpdateRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_date", "-pk"]
        get_latest_by = ["meeting_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "meeting_date"], name="round_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(deadline__lte=F("meeting_date")), name="round_deadline_before_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"Update round for the meeting on {self.meeting_date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("rounds:round_returns", args=[self.pk])


class ReviewDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    SENT_BACK = "sent_back", "Returned for more detail"


class ReturnReviewQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "update_round__plan__partnership"


class ReturnReview(models.Model):
    """The manager's quality check of one return. A return sent back for more detail stays
    so until the owner records another update, which becomes the action's new return."""

    update_round = models.ForeignKey(UpdateRound, on_delete=models.CASCADE, related_name="reviews")
    update = models.ForeignKey(
        "actions.ProgressUpdate", on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(max_length=20, choices=ReviewDecision.choices)
    comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    objects = ReturnReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_at", "-pk"]
        constraints = [
            # Each return is judged once: a revision is a new update, with its own review.
            models.UniqueConstraint(fields=["update"], name="review_once_per_update"),
            models.CheckConstraint(
                condition=~Q(decision="sent_back") | ~Q(comment=""),
                name="review_sent_back_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: update {self.update_id}"


class EmailKind(models.TextChoices):
    """Every e-mail the round and its reminders send, and when: the `kind` they are recorded
    under in notifications.SentEmail."""

    ROUND_OPEN = "round_open", "Round opened: update your actions"
    REMINDER = "reminder", "Reminder, 2 working days before the deadline"
    LAST_REMINDER = "last_reminder", "Last reminder, on the deadline"
    LAST_REMINDER_COPY = "last_reminder_copy", "Manager's copy of a last reminder"
    CHASE = "chase", "Chased by the manager"
    SENT_BACK = "sent_back", "Update returned for more detail"
    OVERDUE_DIGEST = "overdue_digest", "Weekly list of overdue actions"
    CLOSURES_AWAITING = "closures_awaiting", "Closures awaiting the executive's agreement"
