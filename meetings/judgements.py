"""Each area for improvement judged as a whole by the executive at a meeting, and what must
be true before a plan can be closed."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, OuterRef, QuerySet, Subquery, Value, When
from django.dispatch import receiver
from django.utils import timezone

from actions.models import Action, Finding, Plan
from actions.rag import RAG
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from inspections.services import plan_closing
from meetings.models import ActionSnapshot, AreaJudgement, Judgement, Meeting
from people import permissions
from people.models import User
from rounds.selectors import current_round


def _evidence_needed(judgement: str) -> bool:
    return judgement in (Judgement.IMPROVING, Judgement.ADDRESSED)


@transaction.atomic
def area_judge(
    *,
    meeting: Meeting,
    finding: Finding,
    judgement: str,
    evidence: str,
    user: User,
    address: str | None = None,
) -> AreaJudgement:
    """Records the executive's judgement of one area at a meeting: not yet addressed,
    improving or addressed, with the evidence that shows it. Judging the area again at the
    same meeting replaces that meeting's judgement; a later meeting's judgement becomes the
    area's current one."""
    if not permissions.can_judge_areas(user, meeting.plan):
        raise PermissionDenied
    if finding.plan_id != meeting.plan_id:
        raise ValidationError({"finding": "The area for improvement is not in this plan"})
    evidence = evidence.strip()
    if _evidence_needed(judgement) and not evidence:
        raise ValidationError(
            {
                "evidence": "Enter the evidence that shows the area is "
                f"{Judgement(judgement).label.lower()}"
            }
        )
    area, _ = AreaJudgement.objects.select_for_update().get_or_create(
        meeting=meeting,
        finding=finding,
        defaults={"judgement": judgement, "recorded_by": user, "recorded_at": timezone.now()},
    )
    area.judgement = judgement
    area.evidence = evidence
    area.recorded_by = user
    area.recorded_at = timezone.now()
    area.full_clean()
    area.save()
    record(
        EventKind.AREA_JUDGED,
        user=user,
        address=address,
        partnership_id=meeting.plan.partnership_id,
        detail=f"Judged area for improvement {finding.number} of "
        f"{plan_trail_name(meeting.plan)} {area.get_judgement_display().lower()} at {meeting}",
    )
    return area


# An area's current judgement is its latest by meeting date; of two meetings on one day,
# the one recorded last.
LATEST_FIRST = ("-meeting__date", "-meeting__pk")


def _latest_first(plan: Plan) -> QuerySet[AreaJudgement]:
    return (
        AreaJudgement.objects.filter(meeting__plan=plan)
        .select_related("meeting", "recorded_by")
        .order_by(*LATEST_FIRST)
    )


NOT_YET_JUDGED = "Not yet judged"


def with_current_judgement(findings: QuerySet[Finding]) -> QuerySet[Finding]:
    """Annotates each area with its current judgement (`current_judgement`, None until
    judged, and in words, `judgement_label`), its evidence and the date of the meeting
    that made it, in the same query."""
    latest = AreaJudgement.objects.filter(finding=OuterRef("pk")).order_by(*LATEST_FIRST)
    return findings.annotate(
        current_judgement=Subquery(latest.values("judgement")[:1]),
        judgement_evidence=Subquery(latest.values("evidence")[:1]),
        judged_on=Subquery(latest.values("meeting__date")[:1]),
    ).annotate(
        judgement_label=Case(
            *(
                When(current_judgement=value, then=Value(label))
                for value, label in Judgement.choices
            ),
            default=Value(NOT_YET_JUDGED),
        )
    )


def current_judgements(*, plan: Plan) -> dict[int, AreaJudgement]:
    """Each area's current judgement, by its finding's id. One query."""
    current: dict[int, AreaJudgement] = {}
    for judged in _latest_first(plan):
        current.setdefault(judged.finding_id, judged)
    return current


@dataclass(frozen=True)
class AreaAtMeeting:
    """One area for improvement on the meeting page: its actions' RAG at the meeting, its
    judgement at this meeting and its current one."""

    finding: Finding
    rag_counts: list[tuple[RAG, int]]
    at_meeting: AreaJudgement | None
    current: AreaJudgement | None


def meeting_areas(*, meeting: Meeting) -> list[AreaAtMeeting]:
    """The plan's areas for the meeting page, each with the RAG counts of its actions as
    the meeting's snapshot kept them. Three queries."""
    findings = list(Finding.objects.filter(plan=meeting.plan_id).order_by("number"))
    counts: dict[int, dict[str, int]] = {}
    rows = (
        ActionSnapshot.objects.filter(meeting=meeting)
        .values_list("action__finding_id", "rag")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for finding_id, rag, n in rows:
        counts.setdefault(finding_id, {})[rag] = n
    current: dict[int, AreaJudgement] = {}
    at_meeting: dict[int, AreaJudgement] = {}
    for judged in _latest_first(meeting.plan):
        current.setdefault(judged.finding_id, judged)
        if judged.meeting_id == meeting.pk:
            at_meeting[judged.finding_id] = judged
    return [
        AreaAtMeeting(
            finding=finding,
            rag_counts=[(status, counts.get(finding.pk, {}).get(status, 0)) for status in RAG],
            at_meeting=at_meeting.get(finding.pk),
            current=current.get(finding.pk),
        )
        for finding in findings
    ]


def _areas_in_words(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"area {numbers[0]} is"
    listed = ", ".join(str(number) for number in numbers[:-1])
    return f"areas {listed} and {numbers[-1]} are"


def plan_close_check(*, plan: Plan) -> None:
    """Refuses to close a plan until it is done: every area for improvement judged
    addressed at a meeting, no action still open, and no update round still open on it.
    The refusal lists every reason in plain words, keyed by the plan's status."""
    reasons = []
    areas = with_current_judgement(Finding.objects.filter(plan=plan).order_by("number"))
    not_addressed = [
        area.number
        for area in areas
        # Annotated by with_current_judgement, which the type checker cannot see.
        if getattr(area, "current_judgement", None) != Judgement.ADDRESSED
    ]
    if not_addressed:
        reasons.append(f"{_areas_in_words(not_addressed)} not yet judged addressed")
    open_actions = Action.objects.open().filter(finding__plan=plan).count()
    if open_actions:
        reasons.append(f"{open_actions} action{'s are' if open_actions != 1 else ' is'} still open")
    if open_round := current_round(plan=plan, today=timezone.localdate()):
        reasons.append(
            f"the update round for the meeting on {open_round.meeting_date:%-d %B %Y} is still open"
        )
    if reasons:
        raise ValidationError({"status": "The plan cannot be closed: " + "; ".join(reasons)})


@receiver(plan_closing)
def _check_before_closing(sender: object, *, plan: Plan, **kwargs: object) -> None:
    plan_close_check(plan=plan)
