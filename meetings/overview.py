"""The partnership's home page: every plan with its RAG summary and what is due next."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Max, OuterRef, Subquery

from actions.date_requests import awaiting_decision
from actions.models import Action, Finding, PlanStatus
from actions.rag import RAG, is_overdue
from inspections.models import Inspection
from meetings.models import Meeting
from people.models import User
from rounds.models import UpdateRound

# The executive reviews the plan every two months.
REVIEW_INTERVAL = datetime.timedelta(days=61)


@dataclass(frozen=True)
class PlanSummary:
    inspection: Inspection
    finding_count: int
    rag_counts: list[tuple[RAG, int]]
    overdue: int
    next_label: str
    next_date: datetime.date | None
    # New target dates asked for and awaiting a decision (actions.date_requests).
    dates_to_decide: int = 0

    @property
    def action_count(self) -> int:
        return sum(count for _, count in self.rag_counts)


def partnership_overview(*, user: User | AnonymousUser, today: datetime.date) -> list[PlanSummary]:
    """Every plan of the partnership with its RAG summary and what is due next.
    Four queries however many plans, actions and meetings."""
    # An open update round is for the plan's next meeting (rounds.selectors.current_round).
    round_meeting = UpdateRound.objects.filter(plan=OuterRef("plan_id"), meeting_date__gte=today)
    inspections = list(
        Inspection.objects.for_user(user)
        .for_pages()
        .annotate(
            round_meeting_date=Subquery(
                round_meeting.order_by("meeting_date", "pk").values("meeting_date")[:1]
            ),
            dates_to_decide=Subquery(
                awaiting_decision(plan=OuterRef("plan_id"))
                .values("action__finding__plan")
                .annotate(count=Count("pk"))
                .values("count")
            ),
        )
    )
    ids = [inspection.plan_id for inspection in inspections]
    in_plans = Action.objects.current().filter(finding__plan__in=ids)
    rag_counts: dict[int, dict[RAG, int]] = {pk: dict.fromkeys(RAG, 0) for pk in ids}
    overdue: dict[int, int] = dict.fromkeys(ids, 0)
    rows = in_plans.values("finding__plan", "rag", "target_date")
    for row in rows.annotate(count=Count("pk")):
        plan_id, status = row["finding__plan"], RAG(row["rag"])
        rag_counts[plan_id][status] += row["count"]
        if is_overdue(status, row["target_date"], today):
            overdue[plan_id] += row["count"]
    findings = dict(
        Finding.objects.filter(plan__in=ids).values_list("plan").annotate(count=Count("pk"))
    )
    last_meetings = dict(
        Meeting.objects.filter(plan__in=ids).values_list("plan").annotate(last=Max("date"))
    )
    summaries = []
    for inspection in inspections:
        plan_id = inspection.plan_id
        label, date = _next(inspection, last_meetings.get(plan_id), inspection.round_meeting_date)
        summaries.append(
            PlanSummary(
                inspection=inspection,
                finding_count=findings.get(plan_id, 0),
                rag_counts=list(rag_counts[plan_id].items()),
                overdue=overdue[plan_id],
                next_label=label,
                next_date=date,
                dates_to_decide=inspection.dates_to_decide or 0,
            )
        )
    return summaries


def _next(
    inspection: Inspection,
    last_meeting: datetime.date | None,
    round_meeting: datetime.date | None,
) -> tuple[str, datetime.date | None]:
    if inspection.plan.status == PlanStatus.DRAFTING:
        return "Statement due", inspection.statement_due
    if inspection.plan.status == PlanStatus.CLOSED:
        return "Plan closed", None
    if round_meeting:
        # The round open for it names the meeting; two months on is only a guess.
        return "Next executive review", round_meeting
    if last_meeting:
        return "Next executive review due", last_meeting + REVIEW_INTERVAL
    return "Next executive review", None
