"""The meeting pack a chair runs the executive's meeting from, for the whole plan or for one
agency's actions (that partner's own board): the cover with the meeting and who is expected,
the decisions due and matters arising, the highlight report (red, overdue, the owners' asks,
what changed: the plan's statuses and dates, the target dates moved or refused and those
awaiting the executive's decision, the supporting agencies' contributions), the closures
to agree on their full evidence, each area's judgement, the trend, the open challenges, the
sustainability reviews due and, last, the whole plan and the evidence index. The PDF
(templates/meetings/pack_document.html) and the Word document (meetings/pack_word.py) both
read this; the HTML preview reads the same pack with the whole plan counted by area instead
of listed."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from actions.date_requests import awaiting_decision, is_plan_move
from actions.models import (
    Action,
    Closure,
    Contribution,
    Finding,
    Plan,
    TargetDateRequest,
    TargetDateRequestStatus,
)
from actions.rag import overdue_q
from actions.selectors import (
    ClosureForAgreement,
    EvidenceIndex,
    awaiting_agreement,
    closures_for_agreement,
    evidence_index,
    latest_update,
    with_list_annotations,
    with_suggestion,
)
from impact.reviews import reviews_due
from inspections.models import Inspection
from meetings.challenges import open_challenges
from meetings.dashboard import Cell, Dashboard, MatrixRow, action_list_url, plan_dashboard
from meetings.decisions import matters_arising, open_asks
from meetings.models import Challenge, Decision, ExecutiveAsk, Meeting
from partnerships.models import Agency
from people.models import Role, User


@dataclass(frozen=True)
class AreaOfThePlan:
    """One area for improvement with every current action answering it: the appendix."""

    finding: Finding
    actions: list[Action]


@dataclass(frozen=True)
class AreaCounted:
    """One area for improvement with its current actions counted, not listed, each figure
    leading to those actions in the action list: the HTML preview's appendix. A manager
    checks the pack on screen before sending it; the PDF and the Word pack list them."""

    finding: Finding
    # The dashboard's row of the area: its actions by status, and all of them.
    actions: MatrixRow
    overdue: Cell
    awaiting_agreement: Cell


@dataclass(frozen=True)
class TargetDateDecided:
    """A new target date decided since the last meeting: approved (the date moved), refused
    (it stayed), or the manager's own move in the plan, which nobody asked for."""

    request: TargetDateRequest
    moved_in_the_plan: bool

    @property
    def moved(self) -> bool:
        return self.request.status == TargetDateRequestStatus.APPROVED


@dataclass(frozen=True)
class MeetingPack:
    inspection: Inspection
    dashboard: Dashboard
    agency: Agency | None
    # Who is expected: the executive's members, each for their agency.
    members: list[User]
    last_meeting: Meeting | None
    last_attendees: list[User]
    last_apologies: list[User]
    matters_arising: list[Decision]
    asks: list[ExecutiveAsk]
    closures: list[ClosureForAgreement]
    # What changed in the owners' hands since the last meeting (every one before the first):
    # target dates decided, and the supporting agencies' contributions, each with
    # `evidence_count`. The dates still awaiting a decision are listed whenever asked for.
    target_dates_decided: list[TargetDateDecided]
    target_dates_awaiting: list[TargetDateRequest]
    contributions: list[Contribution]
    challenges: list[Challenge]
    # Empty when the appendix counts the plan by area instead (appendix_counted).
    appendix: list[AreaOfThePlan]
    # Closed actions whose owners check, by today, that the change held.
    reviews_due: list[Closure]
    evidence: EvidenceIndex
    # The HTML preview's appendix (pack_contents(whole_plan=False)); None in the PDF and Word.
    appendix_counted: list[AreaCounted] | None = None

    @property
    def today(self) -> datetime.date:
        return self.dashboard.today

    @property
    def meeting_date(self) -> datetime.date | None:
        """The meeting the pack is for: the one the open update round prepares."""
        update_round = self.dashboard.update_round
        return update_round.meeting_date if update_round else None

    @property
    def decisions_due(self) -> list[Decision]:
        """Matters arising due by the meeting (or by today when no meeting is arranged)."""
        by = self.meeting_date or self.today
        return [d for d in self.matters_arising if d.due_date and d.due_date <= by]

    @property
    def scope(self) -> str:
        """Whose actions the pack counts, in words for its cover and title."""
        return f"{self.agency.name}'s actions" if self.agency else "the whole plan"

    @property
    def action_count(self) -> int:
        """The current actions the pack counts, which its appendix lists or counts by area."""
        return self.dashboard.total.count

    # A JTAI plan runs to tens of actions. WeasyPrint lays out some 5 ms a row, so a plan of
    # thousands (a partnership's every plan at once) would take the PDF past half a minute:
    # past this many, the PDF's appendix points to the Word pack and the export instead.
    appendix_limit = 300

    @property
    def appendix_too_long(self) -> bool:
        return self.action_count > self.appendix_limit


def _people(queryset: QuerySet[User]) -> list[User]:
    return list(queryset.select_related("agency").order_by("first_name", "last_name", "username"))


def _areas_counted(
    *, current: QuerySet[Action], dashboard: Dashboard, today: datetime.date
) -> list[AreaCounted]:
    """Each area's current actions counted by status (the dashboard's), overdue and
    awaiting agreement to close; one query for them all."""
    counts = {
        row["finding_id"]: row
        for row in current.values("finding_id").annotate(
            overdue=Count("pk", filter=overdue_q(today)),
            awaiting=Count("pk", filter=awaiting_agreement()),
        )
    }
    lead_agency = dashboard.agency.pk if dashboard.agency else None
    areas = []
    for finding, row in dashboard.area_rows:
        counted = counts.get(finding.pk, {})
        shown = {"lead_agency": lead_agency, "finding": finding.pk}
        areas.append(
            AreaCounted(
                finding=finding,
                actions=row,
                overdue=Cell(
                    counted.get("overdue", 0),
                    action_list_url(dashboard.inspection, **shown, overdue="on"),
                ),
                awaiting_agreement=Cell(
                    counted.get("awaiting", 0),
                    action_list_url(dashboard.inspection, **shown, proposed_complete="on"),
                ),
            )
        )
    return areas


def _since(meeting: Meeting | None) -> datetime.datetime | None:
    """From the start of the last meeting's day, as the dashboard's "not updated since" counts
    it: a decision taken at the meeting itself is shown again rather than missed."""
    if meeting is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time.min))


def _target_dates(
    *, plan: Plan, agency: Agency | None, last_meeting: Meeting | None
) -> tuple[list[TargetDateDecided], list[TargetDateRequest]]:
    """The current actions' new target dates decided since the last meeting, in the plan's
    order, and those awaiting a decision (actions.date_requests.awaiting_decision): one query."""
    decided = TargetDateRequest.objects.filter(
        action__finding__plan=plan, action__archived_at__isnull=True
    ).exclude(status=TargetDateRequestStatus.PENDING)
    since = _since(last_meeting)
    if since is not None:
        decided = decided.filter(decided_at__gte=since)
    requests = awaiting_decision(plan=plan) | decided
    if agency is not None:
        requests = requests.filter(action__lead_agency=agency)
    requests = requests.select_related(
        "action__lead_agency", "requested_by__agency", "decided_by__agency"
    ).order_by("action__finding__number", "action__position", "action__pk", "requested_at")
    moves, awaiting = [], []
    for request in requests:
        if request.status == TargetDateRequestStatus.PENDING:
            awaiting.append(request)
        else:
            moves.append(TargetDateDecided(request, moved_in_the_plan=is_plan_move(request)))
    return moves, awaiting


def _contributions(
    *, plan: Plan, agency: Agency | None, last_meeting: Meeting | None
) -> list[Contribution]:
    """The supporting agencies' contributions to current actions dated since the last
    meeting's day, in the plan's order, each with its number of evidence items: one query."""
    contributions = Contribution.objects.filter(
        action__finding__plan=plan, action__archived_at__isnull=True
    )
    if last_meeting is not None:
        contributions = contributions.filter(date__gte=last_meeting.date)
    if agency is not None:
        contributions = contributions.filter(action__lead_agency=agency)
    return list(
        contributions.select_related("action", "agency", "author")
        .annotate(evidence_count=Count("evidence"))
        .order_by("action__finding__number", "action__position", "action__pk", "date", "pk")
    )


def pack_contents(
    *,
    inspection: Inspection,
    today: datetime.date,
    agency: Agency | None = None,
    whole_plan: bool = True,
) -> MeetingPack:
    """Everything the pack shows, in a fixed number of queries however big the plan.
    Without `whole_plan` (the HTML preview) the appendix counts each area's actions instead
    of listing every one: at thousands of actions the list alone would keep the page from
    opening within a second, and the manager checking the pack has the action list for them."""
    plan = inspection.plan
    dashboard = plan_dashboard(inspection=inspection, today=today, agency=agency)
    last_meeting = dashboard.last_meeting
    # Decisions concern actions; an agency's pack carries those about its actions or
    # owned by its people. Asks and challenges about actions follow their action's lead.
    decisions = matters_arising(plan=plan)
    asks = open_asks(plan=plan)
    challenges = open_challenges(plan=plan)
    if agency is not None:
        decisions = decisions.filter(
            Q(actions__lead_agency=agency) | Q(owner__agency=agency)
        ).distinct()
        asks = asks.filter(action__lead_agency=agency)
        challenges = challenges.filter(Q(action__isnull=True) | Q(action__lead_agency=agency))
    current = Action.objects.current().filter(finding__plan=plan)
    if agency is not None:
        current = current.filter(lead_agency=agency)
    appendix: list[AreaOfThePlan] = []
    appendix_counted = None
    if whole_plan:
        appendix_actions = (
            with_suggestion(with_list_annotations(current))
            .annotate(latest_update=latest_update("narrative"))
            .order_by("finding__number", "position", "pk")
        )
        by_finding: dict[int, list[Action]] = {}
        for action in appendix_actions:
            by_finding.setdefault(action.finding_id, []).append(action)
        appendix = [
            AreaOfThePlan(finding, by_finding.get(finding.pk, [])) for finding in dashboard.areas
        ]
    else:
        appendix_counted = _areas_counted(current=current, dashboard=dashboard, today=today)
    dates_decided, dates_awaiting = _target_dates(
        plan=plan, agency=agency, last_meeting=last_meeting
    )
    return MeetingPack(
        inspection=inspection,
        dashboard=dashboard,
        agency=agency,
        members=_people(User.objects.active_in(inspection.partnership_id, Role.EXECUTIVE)),
        last_meeting=last_meeting,
        last_attendees=_people(last_meeting.attendees.all()) if last_meeting else [],
        last_apologies=_people(last_meeting.apologies.all()) if last_meeting else [],
        matters_arising=list(decisions),
        asks=list(asks),
        closures=closures_for_agreement(plan=plan, agency=agency),
        target_dates_decided=dates_decided,
        target_dates_awaiting=dates_awaiting,
        contributions=_contributions(plan=plan, agency=agency, last_meeting=last_meeting),
        challenges=list(challenges),
        reviews_due=list(reviews_due(plan=plan, on=today, agency=agency)),
        evidence=evidence_index(plan=plan, agency=agency),
        appendix=appendix,
        appendix_counted=appendix_counted,
    )


def pack_filename(*, pack: MeetingPack, extension: str) -> str:
    """meeting-pack-<partnership>[-<agency>]-<date>.<pdf|docx>"""
    partnership = pack.inspection.partnership.slug
    agency = f"-{slugify(pack.agency.short_name or pack.agency.name)}" if pack.agency else ""
    return f"meeting-pack-{partnership}{agency}-{pack.today:%Y-%m-%d}.{extension}"
