"""The executive's bi-monthly meetings, each with a snapshot of the plan as it stood."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from actions.rag import RAG
from partnerships.scoping import PartnershipScopedQuerySet


class MeetingQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"


class Meeting(models.Model):
    """A meeting of the LSCP executive that reviewed the plan. Recording it keeps a snapshot
    of every action, so later meetings can see what changed since."""

    plan = models.ForeignKey("actions.Plan", on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    title = models.CharField(max_length=200, default="LSCP executive")
    notes = models.TextField(blank=True)
    # Who was there, and who sent apologies: people of the partnership (each shown with
    # their agency) and, for everyone else, their names as written, one per line.
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended"
    )
    guests = models.TextField("named guests", blank=True)
    apologies = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_apologised"
    )
    guest_apologies = models.TextField("apologies from guests", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        db_table = "actions_meeting"  # kept where it was made
        ordering = ["-date", "-pk"]
        get_latest_by = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.title}, {self.date:%-d %B %Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def guest_names(self) -> list[str]:
        return [name.strip() for name in self.guests.splitlines() if name.strip()]

    @property
    def guest_apology_names(self) -> list[str]:
        return [name.strip() for name in self.guest_apologies.splitlines() if name.strip()]


class AgendaItem(models.Model):
    """One item of a meeting's agenda, in the order the meeting took them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveIntegerField()
    text = models.CharField(max_length=500)

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_numbered_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class ActionSnapshot(models.Model):
    """One action as it stood when a meeting was recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="snapshots")
    action = models.ForeignKey("actions.Action", on_delete=models.PROTECT, related_name="+")
    rag = models.CharField(max_length=20, choices=RAG.choices)
    target_date = models.DateField()
    overdue = models.BooleanField()
    latest_update_on = models.DateField(null=True, blank=True)
    latest_update = models.TextField(blank=True)

    class Meta:
        db_table = "actions_actionsnapshot"  # kept where it was made
        constraints = [
            models.UniqueConstraint(fields=["meeting", "action"], name="snapshot_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.action_id} at {self.meeting}"


class Judgement(models.TextChoices):
    """How far the executive judges an area for improvement addressed, as a whole: the
    outcome for children the letter asked for, not the RAG of the area's actions."""

    NOT_YET_ADDRESSED = "not_yet_addressed", "Not yet addressed"
    IMPROVING = "improving", "Improving"
    ADDRESSED = "addressed", "Addressed"


class AreaJudgementQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "meeting__plan__partnership"


class AreaJudgement(models.Model):
    """The executive's judgement of one area for improvement at one meeting, with the
    evidence that shows it. An area's current judgement is its latest by meeting date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="judgements")
    finding = models.ForeignKey(
        "actions.Finding", on_delete=models.CASCADE, related_name="judgements"
    )
    judgement = models.CharField(max_length=20, choices=Judgement.choices)
    evidence = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    objects = AreaJudgementQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "finding"], name="area_judged_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"Area {self.finding.number}: {self.get_judgement_display()} at {self.meeting}"


class AskKind(models.TextChoices):
    """What an owner may ask of the executive for an action that is Red or overdue."""

    FUNDING = "funding", "Unblock funding or resources"
    ESCALATE = "escalate", "Escalate to a partner"
    NEW_DATE = "new_date", "Agree a new target date"
    OTHER = "other", "Something else"


class ExecutiveAskQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "action__finding__plan__partnership"

    def open(self) -> "ExecutiveAskQuerySet":
        """Asks no decision has answered yet: the highlight report lists them."""
        return self.filter(decision__isnull=True)


class ExecutiveAsk(models.Model):
    """What an action's owner asks of the executive when the action is Red or overdue:
    "Red" means it needs the executive's help, and this says which help. A decision at a
    meeting answers it."""

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="executive_asks"
    )
    kind = models.CharField(max_length=20, choices=AskKind.choices)
    text = models.TextField("what you ask of the executive")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField()
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        help_text="The decision at a meeting that answered this ask",
    )

    objects = ExecutiveAskQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.action_id}"


class DecisionQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "meeting__plan__partnership"

    def outstanding(self) -> "DecisionQuerySet":
        """Decisions not yet done: the next meetings' matters arising."""
        return self.filter(done_at__isnull=True)


class Decision(models.Model):
    """A decision the executive made at a meeting: what, who owns it, by when, and the
    actions it concerns. Until done it carries forward to each meeting as a matter arising."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField("decision")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions_owned",
    )
    due_date = models.DateField(null=True, blank=True)
    actions = models.ManyToManyField("actions.Action", blank=True, related_name="decisions")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    done_note = models.TextField("what was done", blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__date", "pk"]

    def __str__(self) -> str:
        return f"Decision at {self.meeting}: {self.text[:60]}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ChallengeQuerySet(PartnershipScopedQuerySet):
    partnership_lookup = "plan__partnership"

    def open(self) -> "ChallengeQuerySet":
        """Challenges the manager has not answered yet: the pack lists them."""
        return self.filter(answered_at__isnull=True)


class Challenge(models.Model):
    """The independent scrutineer's challenge on an action, an area for improvement or a
    meeting, which the partnership manager must answer. Exactly one of the three is set."""

    plan = models.ForeignKey("actions.Plan", on_delete=models.CASCADE, related_name="challenges")
    action = models.ForeignKey(
        "actions.Action",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="challenges",
    )
    finding = models.ForeignKey(
        "actions.Finding",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="challenges",
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="challenges"
    )
    text = models.TextField("challenge")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField()
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(action__isnull=False, finding__isnull=True, meeting__isnull=True)
                    | models.Q(action__isnull=True, finding__isnull=False, meeting__isnull=True)
                    | models.Q(action__isnull=True, finding__isnull=True, meeting__isnull=False)
                ),
                name="challenge_about_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"Challenge on {self.subject_name}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def subject_name(self) -> str:
        """What the challenge is about, as the pack and the audit trail name it."""
        if self.action_id:
            return f"action {self.action.reference}"
        if self.finding_id:
            return f"area for improvement {self.finding.number}"
        return str(self.meeting)
