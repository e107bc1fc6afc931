"""The executive's three questions about a plan, answered in a fixed number of queries:
what is off track, what is overdue, and what changed since we last met."""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from actions.filters import not_updated_since_q
from actions.models import Action, Finding
from actions.rag import RAG, overdue_q
from actions.selectors import latest_update, with_list_annotations, with_suggestion
from impact.selectors import AreaImpact, plan_impacts
from inspections.models import Inspection
from meetings.judgements import with_current_judgement
from meetings.models import Meeting
from meetings.services import (
    ChangeGroup,
    current_states,
    plan_changes,
    rag_trend,
    snapshot_states,
)
from meetings.trend import TrendPoint, trend_chart
from partnerships.models import Agency
from rounds.models import UpdateRound
from rounds.selectors import ReturnNote, current_round, return_note, round_counts, with_return

DUE_SOON_DAYS = 60
# A meeting works by exception: list the worst this many of each kind, and count the rest.
LISTED = 25


@dataclass
class Cell:
    count: int
    url: str


@dataclass
class MatrixRow:
    label: str
    cells: list[Cell]
    total: Cell
    # An area's row only: its impact (impact.selectors) and its page, beside its delivery.
    impact: AreaImpact | None = None
    area_url: str = ""

    @property
    def counts_in_words(self) -> str:
        """The row's delivery in words: "Green 2, Red 1" (the cells run in RAG's order)."""
        counted = [f"{s.label} {c.count}" for s, c in zip(RAG, self.cells, strict=True) if c.count]
        return ", ".join(counted) or "No actions"


@dataclass(frozen=True)
class DeliveredWithoutImpact:
    """An area whose actions are all complete while its measures show no change for
    children: not moving (no change or worse), no readings, or no measures at all."""

    finding: Finding
    impact: AreaImpact
    url: str

    @property
    def reason(self) -> str:
        if not self.impact.measures:
            return "No measure of impact has been set"
        read = [m for m in self.impact.measures if m.latest_date is not None]
        if not read:
            return "No measure has a reading yet"
        return "Its measures are not moving: " + ", ".join(
            f"{m.measure.name} {m.status.label.lower()}" for m in self.impact.measures
        )


@dataclass
class Dashboard:
    inspection: Inspection
    today: datetime.date
    last_meeting: Meeting | None
    totals: list[tuple[RAG, Cell, int]]  # status, count with link, share in per cent
    total: Cell
    by_finding: list[MatrixRow]
    by_agency: list[MatrixRow]
    overdue: Cell
    due_soon: Cell
    not_updated: Cell | None
    awaiting_agreement: Cell
    exceptions: list[Action]
    exception_count: int = 0
    exceptions_url: str = ""
    changes: list[ChangeGroup] = field(default_factory=list)
    trend: list = field(default_factory=list)
    chart: object = None
    # The update round for the next meeting: how many actions came back and were accepted.
    update_round: UpdateRound | None = None
    round_counts: dict = field(default_factory=dict)
    # Each area for improvement with the executive's current judgement of it (meetings.judgements).
    areas: list[Finding] = field(default_factory=list)
    # The agency whose actions alone the dashboard counts: its own pack, for its board.
    agency: Agency | None = None
    # Each area's impact by its finding's id (impact.selectors.plan_impacts), and the areas
    # delivered whose measures show no difference yet.
    impacts: dict[int, AreaImpact] = field(default_factory=dict)
    delivered_without_impact: list[DeliveredWithoutImpact] = field(default_factory=list)

    def impact_of(self, finding_id: int) -> AreaImpact:
        return self.impacts.get(finding_id) or AreaImpact()

    @property
    def area_rows(self) -> list[tuple[Finding, MatrixRow]]:
        """Each area with its row of the matrix: its delivery, its impact and its page."""
        return list(zip(self.areas, self.by_finding, strict=True))

    @property
    def red(self) -> Cell:
        return next(cell for status, cell, _ in self.totals if status == RAG.RED)

    @property
    def return_notes_key(self) -> str:
        return ReturnNote.KEY

    @property
    def more_exceptions(self) -> int:
        return self.exception_count - len(self.exceptions)


def action_list_url(inspection: Inspection, **filters) -> str:
    """The action list filtered to exactly the actions a dashboard number counts."""
    url = reverse("inspections:inspection_actions", args=[inspection.pk])
    filters = {name: value for name, value in filters.items() if value is not None}
    return f"{url}?{urlencode(filters, doseq=True)}" if filters else url


def _matrix(inspection, rows, key, labels, keys_in_order, filter_name, **base) -> list[MatrixRow]:
    counts = {}
    for row in rows:
        counts[(row[key], RAG(row["rag"]))] = row["count"]
    matrix = []
    for item_key in keys_in_order:
        cells = [
            Cell(
                counts.get((item_key, status), 0),
                action_list_url(inspection, **{**base, filter_name: item_key, "rag": status.value}),
            )
            for status in RAG
        ]
        total = Cell(
            sum(cell.count for cell in cells),
            action_list_url(inspection, **{**base, filter_name: item_key}),
        )
        matrix.append(MatrixRow(labels[item_key], cells, total))
    return matrix


def plan_dashboard(
    *, inspection: Inspection, today: datetime.date, agency: Agency | None = None
) -> Dashboard:
    """The dashboard of the plan, or of the actions one agency leads (its own pack, for
    that partner's board): every figure, list, change and trend bar counts those only."""
    actions = Action.objects.current().filter(finding__plan=inspection.plan_id)
    lead_agency = None
    if agency is not None:
        actions = actions.filter(lead_agency=agency)
        lead_agency = agency.pk

    def link(**filters) -> str:
        return action_list_url(inspection, lead_agency=lead_agency, **filters)

    last_meeting = Meeting.objects.filter(plan=inspection.plan_id).order_by("-date", "-pk").first()
    by_finding = list(actions.values("finding_id", "rag").annotate(count=Count("pk")))
    by_agency = list(actions.values("lead_agency_id", "rag").annotate(count=Count("pk")))
    areas = list(with_current_judgement(inspection.plan.findings.order_by("number")))
    findings = {f.pk: f"{f.number}. {f.text}" for f in areas}
    agency_names = dict(
        inspection.partnership.agencies.filter(
            pk__in={row["lead_agency_id"] for row in by_agency}
        ).values_list("pk", "name")
    )

    listed = with_list_annotations(actions)
    overdue_filter = overdue_q(today)
    soon_filter = Q(
        target_date__gte=today, target_date__lte=today + datetime.timedelta(DUE_SOON_DAYS)
    ) & ~Q(rag=RAG.COMPLETE)
    watch = {
        "overdue": Count("pk", filter=overdue_filter),
        "due_soon": Count("pk", filter=soon_filter),
        "awaiting": Count("pk", filter=Q(awaiting_agreement=True)),
        "exceptions": Count("pk", filter=overdue_filter | Q(rag=RAG.RED)),
    }
    if last_meeting:
        watch["not_updated"] = Count("pk", filter=not_updated_since_q(last_meeting.date))
    numbers = listed.aggregate(**watch)

    update_round = current_round(plan=inspection.plan, today=today)
    # Each listed action says why the round has no accepted update for it, if it has none.
    exceptions_listed = (
        with_return(actions=listed, update_round=update_round) if update_round else listed
    )

    total_by_status = dict.fromkeys(RAG, 0)
    for row in by_finding:
        total_by_status[RAG(row["rag"])] += row["count"]
    grand_total = sum(total_by_status.values())

    dashboard = Dashboard(
        inspection=inspection,
        today=today,
        last_meeting=last_meeting,
        totals=[
            (
                status,
                Cell(count, link(rag=status.value)),
                round(100 * count / grand_total) if grand_total else 0,
            )
            for status, count in total_by_status.items()
        ],
        total=Cell(grand_total, link()),
        by_finding=_matrix(
            inspection,
            by_finding,
            "finding_id",
            findings,
            list(findings),
            "finding",
            lead_agency=lead_agency,
        ),
        by_agency=_matrix(
            inspection,
            by_agency,
            "lead_agency_id",
            agency_names,
            sorted(agency_names, key=agency_names.get),
            "lead_agency",
        ),
        overdue=Cell(numbers["overdue"], link(overdue="on")),
        due_soon=Cell(numbers["due_soon"], link(due_within=DUE_SOON_DAYS)),
        not_updated=Cell(
            numbers["not_updated"],
            link(not_updated_since=last_meeting.date.isoformat()),
        )
        if last_meeting
        else None,
        awaiting_agreement=Cell(numbers["awaiting"], link(proposed_complete="on")),
        exceptions=list(
            # Each says what the product suggests where the owner's status is better.
            with_suggestion(exceptions_listed.filter(overdue_filter | Q(rag=RAG.RED)))
            .annotate(latest_update=latest_update("narrative"))
            .order_by("-rag_order", "target_date", "pk")[:LISTED]
        ),
        exception_count=numbers["exceptions"],
        exceptions_url=link(needs_attention="on"),
        areas=areas,
        agency=agency,
    )
    _add_impact(dashboard, by_finding)
    if update_round:
        dashboard.update_round = update_round
        dashboard.round_counts = round_counts(update_round=update_round, agency=agency)
        for action in dashboard.exceptions:
            # Why the meeting has no accepted update for it, if it has none (rounds.selectors).
            action.return_note = return_note(action=action)
    if last_meeting:
        after = current_states(inspection.plan, on=today, with_updates=False, agency=agency)
        before = snapshot_states(last_meeting, agency=agency)
        dashboard.changes = list(plan_changes(before, after, listed, limit=LISTED).values())
    trend = rag_trend(inspection.plan, agency=agency)
    if trend:
        # The last bar is the plan as it stands today, beside the meetings' snapshots.
        trend.append(TrendPoint(date=today, counts=total_by_status, label="Today", today=True))
    dashboard.trend = trend
    dashboard.chart = trend_chart(trend)
    return dashboard


def _add_impact(dashboard: Dashboard, by_finding: list[dict]) -> None:
    """Each area's impact beside its delivery, and the areas delivered whose measures show no
    difference yet. One query, however many readings."""
    dashboard.impacts = plan_impacts(plan=dashboard.inspection.plan_id)
    open_by_finding: dict[int, int] = {}
    all_by_finding: dict[int, int] = {}
    for row in by_finding:
        all_by_finding[row["finding_id"]] = all_by_finding.get(row["finding_id"], 0) + row["count"]
        if row["rag"] != RAG.COMPLETE:
            open_by_finding[row["finding_id"]] = (
                open_by_finding.get(row["finding_id"], 0) + row["count"]
            )
    for area, row in zip(dashboard.areas, dashboard.by_finding, strict=True):
        row.impact = dashboard.impact_of(area.pk)
        row.area_url = reverse("impact:area_detail", args=[area.pk])
        delivered = all_by_finding.get(area.pk, 0) and not open_by_finding.get(area.pk, 0)
        if delivered and not row.impact.is_moving:
            dashboard.delivered_without_impact.append(
                DeliveredWithoutImpact(area, row.impact, row.area_url)
            )
