"""The queries the inspection pages need, each fetched in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from actions.models import Action, Finding
from actions.rag import RAG
from actions.selectors import awaiting_agreement, with_suggestion
from impact.selectors import Delivery
from inspections.models import Inspection
from partnerships.scoping import get_for_user_or_404
from people.models import User

# The plan's page lists an area's actions in full while a manager can still read and
# reorder them there; a larger area (a plan of hundreds of actions) is summarised, and the
# page lists only its most pressing actions, with a link to all of them in the action list.
AREA_LISTED_IN_FULL = 20
PRESSING_LISTED = 10


@dataclass
class AreaOnPage:
    """One area for improvement as the plan's page shows it: its delivery counted in the
    database, and the actions the page lists."""

    finding: Finding
    delivery: Delivery
    pressing_count: int  # Red or overdue, as the action list's "needs attention" filter
    actions: list[Action] = field(default_factory=list)

    @property
    def listed_in_full(self) -> bool:
        return self.delivery.total <= AREA_LISTED_IN_FULL

    @property
    def complete_count(self) -> int:
        return dict(self.delivery.counts)[RAG.COMPLETE]


def inspection_for_page(*, user: User | AnonymousUser, pk: int) -> Inspection:
    """One inspection with its inspectorates, ready for its page (its areas: areas_for_page)."""
    return get_for_user_or_404(
        Inspection.objects.for_pages().prefetch_related("inspectorates"), user, pk=pk
    )


def _overdue_q(today: datetime.date, prefix: str = "") -> Q:
    """actions.rag.overdue_q of a current action, through a relation: `prefix` "actions__"."""
    not_complete = [status for status in RAG if status != RAG.COMPLETE]
    return Q(**{f"{prefix}target_date__lt": today, f"{prefix}rag__in": not_complete})


def _pressing_q(today: datetime.date, prefix: str = "") -> Q:
    """Red or overdue, as the action list's "Red or overdue" filter: what needs the
    executive's attention first."""
    return Q(**{f"{prefix}rag": RAG.RED}) | _overdue_q(today, prefix)


def areas_for_page(
    *, inspection: Inspection, today: datetime.date | None = None
) -> list[AreaOnPage]:
    """The plan's areas in the letter's order, each with its current actions counted by
    status and the actions its page lists: every one, in the plan's order, in an area of up
    to AREA_LISTED_IN_FULL; otherwise its PRESSING_LISTED most overdue Red or overdue ones.
    Two queries, however many areas and actions."""
    today = today or timezone.localdate()
    current = Q(actions__archived_at__isnull=True)
    findings = (
        Finding.objects.filter(plan=inspection.plan_id)
        .annotate(
            action_count=Count("actions", filter=current),
            overdue_count=Count("actions", filter=current & _overdue_q(today, "actions__")),
            pressing_count=Count("actions", filter=current & _pressing_q(today, "actions__")),
            **{
                f"count_{status.value}": Count("actions", filter=current & Q(actions__rag=status))
                for status in RAG
            },
        )
        .order_by("number")
    )
    areas = {
        finding.pk: AreaOnPage(
            finding=finding,
            delivery=Delivery(
                [(status, getattr(finding, f"count_{status.value}")) for status in RAG],
                finding.overdue_count,
            ),
            pressing_count=finding.pressing_count,
        )
        for finding in findings
    }
    for area in areas.values():
        area.finding.plan = inspection.plan
    # Each area's actions ranked pressing first, then most overdue; the page keeps the
    # whole of a small area (re-sorted into the plan's order) and the pressing of a large.
    pressing_first = Case(
        When(_pressing_q(today), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    ranked = (
        with_suggestion(
            Action.objects.current()
            .filter(finding__plan=inspection.plan_id)
            .select_related("lead_agency", "lead_officer")
            .annotate(awaiting_agreement=awaiting_agreement())
        )
        .annotate(
            pressing_first=pressing_first,
            rank=Window(
                RowNumber(),
                partition_by=[F("finding_id")],
                order_by=[pressing_first.asc(), F("target_date").asc(), "position", "pk"],
            ),
        )
        .filter(rank__lte=AREA_LISTED_IN_FULL)
        .order_by("finding_id", "rank")
    )
    for action in ranked:  # each area's in its rank order
        area = areas[action.finding_id]
        action.finding = area.finding  # what each row's suggested RAG reads, without a query
        pressing = action.pressing_first == 0 and action.rank <= PRESSING_LISTED
        if area.listed_in_full or pressing:
            area.actions.append(action)
    for area in areas.values():
        if area.listed_in_full:
            area.actions.sort(key=lambda action: (action.position, action.pk))
    return list(areas.values())


def inspection_for_user(*, user: User | AnonymousUser, pk: int) -> Inspection:
    """One inspection of the user's partnership, for the pages about it, or 404."""
    return get_for_user_or_404(Inspection.objects.for_pages(), user, pk=pk)
