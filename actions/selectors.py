"""The queries the action pages need, each in a fixed number of queries however much data."""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerChoices,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone

from actions import fields as action_fields
from actions.models import (
    Action,
    Closure,
    ClosureStatus,
    Contribution,
    Evidence,
    Plan,
    PlanStatus,
    ProgressUpdate,
    TargetDateRequest,
)
from actions.models.delivery import ActionQuerySet
from actions.rag import RAG, SORT_ORDER
from partnerships.models import Agency
from partnerships.scoping import get_for_user_or_404
from people.models import User


def awaiting_agreement() -> Exists:
    """Whether an action has been proposed complete and awaits the partnership's agreement."""
    return Exists(Closure.objects.filter(action=OuterRef("pk"), status=ClosureStatus.PROPOSED))


def latest_update(field: str) -> Subquery:
    """A field of an action's latest progress update, as a correlated subquery: the database
    works it out only for the rows it returns, and counting skips it altogether."""
    return Subquery(
        ProgressUpdate.objects.filter(action=OuterRef("pk"))
        .order_by("-date", "-created_at", "-pk")
        .values(field)[:1]
    )


def with_list_annotations(actions: ActionQuerySet[Action]) -> QuerySet[Action]:
    """What a row of an action list shows: latest update, closure state, status order."""
    return actions.with_page_relations().annotate(
        last_update_on=latest_update("date"),
        awaiting_agreement=awaiting_agreement(),
        rag_order=Case(
            *(When(rag=status, then=Value(n)) for n, status in enumerate(SORT_ORDER)),
            output_field=IntegerField(),
        ),
    )


def actions_for_list(*, user: User | AnonymousUser) -> QuerySet[Action]:
    """The partnership's actions, ready for a list."""
    return with_list_annotations(Action.objects.for_user(user))


class MyActionsGroup(IntegerChoices):
    """How My actions heads its parts, in their order: what the officer leads, what
    colleagues in their agency lead, and what their agency supports (and may contribute to)."""

    MINE = 0, "Actions you lead"
    COLLEAGUES = 1, "Led by colleagues in your agency"
    SUPPORTED = 2, "Actions your agency supports"


def my_actions(*, user: User, closed_plan_shown: int | None = None) -> QuerySet[Action]:
    """The officer's own actions first, then the rest of their agency's, then those their
    agency supports, each part with the completed ones last (`my_group`, MyActionsGroup).
    A closed plan asks nothing more of them, so its actions are left out, unless the officer
    asks for that plan's (`closed_plan_shown`, a plan's id, as a filter by one of its areas
    does)."""
    mine = Q(lead_officer=user)
    group = Case(
        When(lead_officer=user, then=Value(MyActionsGroup.MINE)),
        default=Value(MyActionsGroup.COLLEAGUES),
    )
    if user.agency_id:
        supported = Q(
            pk__in=Action.supporting_agencies.through.objects.filter(
                agency_id=user.agency_id
            ).values("action_id")
        )
        mine |= Q(lead_agency=user.agency_id) | supported
        group = Case(
            When(lead_officer=user, then=Value(MyActionsGroup.MINE)),
            When(lead_agency=user.agency_id, then=Value(MyActionsGroup.COLLEAGUES)),
            default=Value(MyActionsGroup.SUPPORTED),
        )
    return (
        actions_for_list(user=user)
        .filter(mine)
        .exclude(Q(finding__plan__status=PlanStatus.CLOSED) & ~Q(finding__plan=closed_plan_shown))
        .annotate(
            my_group=group,
            # What is done asks nothing of the officer: it sorts after what is open.
            is_done=Case(When(rag=RAG.COMPLETE, then=Value(1)), default=Value(0)),
        )
        .order_by("my_group", "is_done", "target_date", "pk")
    )


def action_for_page(*, user: User | AnonymousUser, pk: int) -> Action:
    """One action with everything its page shows: updates with their evidence, closures."""
    updates = ProgressUpdate.objects.select_related("author", "entered_by").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("added_at")),
        "corrections__corrected_by",
    )
    contributions = Contribution.objects.select_related("agency", "author").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("added_at"))
    )
    date_requests = TargetDateRequest.objects.select_related("requested_by", "decided_by")
    closures = Closure.objects.select_related("proposed_by", "agreed_by", "reopened_by", "meeting")
    return get_for_user_or_404(
        Action.objects.with_page_relations()
        # The breadcrumbs name the inspection the plan answers, when there is one.
        .select_related("finding__plan__inspection__partnership")
        .prefetch_related(
            "supporting_agencies",
            Prefetch("updates", queryset=updates),
            Prefetch("closures", queryset=closures),
            Prefetch("contributions", queryset=contributions),
            Prefetch("date_requests", queryset=date_requests),
            # The governance records about the action (meetings.models), read through their
            # relations so this layer need not import the one above it.
            "executive_asks__asked_by",
            "executive_asks__decision__meeting",
            "decisions__meeting",
            "decisions__owner",
            "challenges__raised_by",
            "challenges__answered_by",
        ),
        user,
        pk=pk,
    )


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    changes: list[FieldChange]


def _reason_with_its_date(
    changes: list[FieldChange], changed: set[str], *, reason: str
) -> list[FieldChange]:
    """A target date that moved says why beside the move, in one line, rather than as a
    second change of its reason from the last move's."""
    if not {"target_date", "target_date_change_reason"} <= changed:
        return changes
    reason_label = action_fields.action_field("target_date_change_reason").label
    date_label = action_fields.action_field("target_date").label
    return [
        FieldChange(field=c.field, old=c.old, new=f"{c.new}, because: {reason}")
        if c.field == date_label and reason
        else c
        for c in changes
        if c.field != reason_label
    ]


def action_history(*, action: Action, since_version: int = 0) -> list[HistoryEntry]:
    """Who changed which field of an action from what to what, newest first.

    Reads every historical record in one query and resolves agencies and officers in one
    query each, so the page costs the same however long the history.
    """
    records = list(
        action.history.select_related("history_user").order_by("history_date", "history_id")
    )
    agency_ids: set[int] = set()
    user_ids: set[int | None] = set()
    for record in records:
        agency_ids.add(record.lead_agency_id)
        user_ids.add(record.lead_officer_id)
    agencies = {a.pk: a.name for a in Agency.objects.filter(pk__in=agency_ids)}
    people = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)}

    # `record` is a historical action: simple_history makes its model at run time, so mypy
    # has no class for it.
    def shown(record: Any, name: str) -> str:
        if name == "rag":
            return RAG(record.rag).label
        if name == "lead_agency":
            return agencies.get(record.lead_agency_id, "")
        if name == "lead_officer":
            return people.get(record.lead_officer_id, "Not assigned")
        if name == "finding":
            return f"Area for improvement (id {record.finding_id})"
        value = getattr(record, name)
        if name == "archived_at":
            return "Archived" if value else "In the plan"
        if hasattr(value, "strftime"):
            return f"{value:%-d %B %Y}"
        return "" if value is None else str(value)

    entries = []
    previous = None
    for record in records:
        if previous is None:
            changes: list[FieldChange] = []
            kind = "Created"
        else:
            changed = set(record.diff_against(previous).changed_fields)
            changes = [
                FieldChange(
                    field=field.label,
                    old=shown(previous, field.name),
                    new=shown(record, field.name),
                )
                for field in action_fields.history_fields()
                if field.name in changed
            ]
            changes = _reason_with_its_date(
                changes, changed, reason=record.target_date_change_reason
            )
            kind = "Changed"
        if previous is not None and not changes:
            kind = "Recorded a progress update or a closure step"
        if record.version > since_version and (changes or previous is None or since_version):
            who = str(record.history_user) if record.history_user else "The system"
            entries.append(HistoryEntry(record.history_date, who, kind, changes))
        previous = record
    if not since_version:
        entries.extend(_closure_entries(action=action, records=records))
        entries.extend(_correction_entries(action=action))
        entries.sort(key=lambda entry: entry.when)
    return list(reversed(entries))


def _update_wording(
    narrative: str, rag: str, percent_complete: int | None, reason: str
) -> dict[str, str]:
    """What a correction can change in an update, as its history entry names it."""
    return {
        "progress": narrative,
        "RAG status": RAG(rag).label,
        "per cent complete": "" if percent_complete is None else f"{percent_complete}%",
        "why this status": reason,
    }


def _correction_entries(*, action: Action) -> list[HistoryEntry]:
    """Each correction of an update by its author as an entry of the action's history
    ("Update of 1 December corrected"), with what it changed from what to what. The
    corrections come prefetched with the updates on the action's page (action_for_page):
    no query there; elsewhere, three."""
    prefetch_related_objects([action], "updates__corrections__corrected_by")
    entries = []
    for update in action.updates.all():
        made = list(update.corrections.all())
        if not made:
            continue
        # Each correction kept the wording before it: the wording after it is the next
        # one's, or the update's own for the last.
        after = [
            _update_wording(
                c.previous_narrative,
                c.previous_rag,
                c.previous_percent_complete,
                c.previous_rag_change_reason,
            )
            for c in made[1:]
        ]
        after.append(
            _update_wording(
                update.narrative, update.rag, update.percent_complete, update.rag_change_reason
            )
        )
        for correction, new in zip(made, after, strict=True):
            old = _update_wording(
                correction.previous_narrative,
                correction.previous_rag,
                correction.previous_percent_complete,
                correction.previous_rag_change_reason,
            )
            kind = f"Update of {update.date:%-d %B} corrected"
            # The history's table lists the changes of an entry, not its kind: each change
            # names the update it is of.
            changes = [
                FieldChange(field=f"{kind}, {name}", old=old[name], new=new[name])
                for name in old
                if old[name] != new[name]
            ]
            entries.append(
                HistoryEntry(correction.corrected_at, str(correction.corrected_by), kind, changes)
            )
    return entries


def _closure_entries(*, action: Action, records: list[Any]) -> list[HistoryEntry]:
    """Each step of the action's closures as an entry of its history: proposed complete,
    agreed or not agreed, reopened, each with who and when. The closures come prefetched
    on the action's page, so this costs it no query."""
    entries = []
    for closure in action.closures.all():
        entries.append(
            HistoryEntry(closure.proposed_at, str(closure.proposed_by), "Proposed complete", [])
        )
        if closure.agreed_by_id is not None and closure.agreed_on is not None:
            # A decision is recorded for a day; the time is that of the change to the
            # action its recorder saved, the first after the proposal.
            when = next(
                (
                    record.history_date
                    for record in records
                    if record.history_user_id == closure.agreed_by_id
                    and record.history_date > closure.proposed_at
                ),
                timezone.make_aware(datetime.combine(closure.agreed_on, time())),
            )
            if closure.status == ClosureStatus.NOT_AGREED:
                kind = f"Closure not agreed {closure.decided_at}: {closure.decision_reason}"
            else:
                kind = f"Closure agreed {closure.decided_at}"
            entries.append(HistoryEntry(when, str(closure.agreed_by), kind, []))
        if closure.reopened_at is not None:
            who = str(closure.reopened_by) if closure.reopened_by_id else "The system"
            kind = "Reopened" + (f": {closure.reopen_reason}" if closure.reopen_reason else "")
            entries.append(HistoryEntry(closure.reopened_at, who, kind, []))
    return entries


def action_last_changed(*, action: Action, history: list[HistoryEntry]) -> datetime | None:
    """When anything last happened to the action: the latest entry of its history (field
    changes and closure steps) or its latest progress update, whichever is later. Reads
    the updates prefetched for its page."""
    moments = [entry.when for entry in history[:1]]
    moments += [update.created_at for update in action.updates.all()]
    return max(moments, default=None)


# How many of an action's latest updates the agreement page shows beside its evidence.
LATEST_UPDATES_FOR_AGREEMENT = 3


@dataclass(frozen=True)
class ClosureForAgreement:
    """What the partnership decides a closure on: the proposal, every piece of evidence
    the action has (the proposal's and its updates'), and its latest updates."""

    closure: Closure
    evidence: list[Evidence]
    latest_updates: list[ProgressUpdate]


def closures_proposed(*, plan: Plan, agency: Agency | None = None) -> QuerySet[Closure]:
    """The plan's closures awaiting the executive's decision (of the actions `agency` leads,
    when given), oldest proposal first, with what a list of them shows."""
    closures = Closure.objects.filter(
        status=ClosureStatus.PROPOSED,
        action__finding__plan=plan,
        action__archived_at__isnull=True,
    )
    if agency is not None:
        closures = closures.filter(action__lead_agency=agency)
    return closures.select_related(
        "action__lead_agency", "action__lead_officer", "action__finding", "proposed_by"
    ).order_by("proposed_at", "pk")


def closures_for_agreement(
    *, plan: Plan, agency: Agency | None = None
) -> list[ClosureForAgreement]:
    """Every closure of the plan awaiting the executive's decision (of the actions `agency`
    leads, when given), each with all its evidence and latest updates, oldest proposal
    first: the meeting pack's closures to agree. Three queries however many closures."""
    proposals = list(closures_proposed(plan=plan, agency=agency))
    action_ids = [closure.action_id for closure in proposals]
    evidence: dict[int, list[Evidence]] = {pk: [] for pk in action_ids}
    for item in (
        Evidence.objects.filter(action__in=action_ids)
        .select_related("update__author", "added_by")
        .order_by("-added_at", "-pk")
    ):
        evidence[item.action_id].append(item)
    updates: dict[int, list[ProgressUpdate]] = {pk: [] for pk in action_ids}
    for update in (
        ProgressUpdate.objects.filter(action__in=action_ids)
        .select_related("author")
        .order_by("-date", "-created_at", "-pk")
    ):
        if len(updates[update.action_id]) < LATEST_UPDATES_FOR_AGREEMENT:
            updates[update.action_id].append(update)
    return [
        ClosureForAgreement(
            closure=closure,
            evidence=evidence[closure.action_id],
            latest_updates=updates[closure.action_id],
        )
        for closure in proposals
    ]


def closure_for_agreement(*, action: Action) -> ClosureForAgreement | None:
    """The closure awaiting the partnership's decision, with its evidence, in three queries
    however much evidence and however many updates; None when none awaits."""
    closure = (
        Closure.objects.filter(action=action, status=ClosureStatus.PROPOSED)
        .select_related("proposed_by")
        .first()
    )
    if closure is None:
        return None
    evidence = list(
        Evidence.objects.filter(action=action)
        .select_related("update__author", "added_by")
        .order_by("-added_at", "-pk")
    )
    latest_updates = list(
        ProgressUpdate.objects.filter(action=action)
        .select_related("author")
        .order_by("-date", "-created_at", "-pk")[:LATEST_UPDATES_FOR_AGREEMENT]
    )
    return ClosureForAgreement(closure=closure, evidence=evidence, latest_updates=latest_updates)


def with_suggestion(actions: QuerySet[Action]) -> QuerySet[Action]:
    """What the suggested RAG (actions.suggested.action_suggestion) reads off each row of a
    list, in the list's own query: the latest update's per cent complete and date, and the
    inspection letter's date, which the time gone runs from when an action has no start
    date. The plan's inspection is reached by its reverse link: no import of inspections."""
    annotations: dict[str, Any] = {
        "latest_percent": latest_update("percent_complete"),
        "plan_letter_date": F("finding__plan__inspection__letter_date"),
    }
    if "last_update_on" not in actions.query.annotations:  # with_list_annotations has it
        annotations["last_update_on"] = latest_update("date")
    return actions.annotate(**annotations)


# --- Evidence as items ------------------------------------------------------------------


def _evidence_listed() -> QuerySet[Evidence]:
    """Evidence with what its lists show beside it: who added it, which action, and the
    update or closure that cites it; newest first."""
    return Evidence.objects.select_related(
        "added_by", "update", "closure", "contribution__agency", "action__finding"
    ).order_by(F("date").desc(nulls_last=True), "-added_at", "-pk")


def evidence_for_action(*, action: Action) -> list[Evidence]:
    """An action's evidence, newest first, in one query however much there is."""
    return list(_evidence_listed().filter(action=action))


def evidence_for_area(*, finding: Any) -> list[Evidence]:
    """All evidence of an area for improvement's current actions, newest first, in one
    query. The finding comes scoped from its page."""
    return list(
        _evidence_listed().filter(action__finding=finding, action__archived_at__isnull=True)
    )


@dataclass(frozen=True)
class ActionEvidence:
    action: Action
    items: list[Evidence]


@dataclass(frozen=True)
class AreaEvidence:
    finding: Any  # actions.models.Finding
    actions: list[ActionEvidence]  # only the actions with evidence


@dataclass(frozen=True)
class EvidenceIndex:
    """Every item of evidence of the plan's current actions, by area then action (in the
    plan's order), oldest item first within an action."""

    areas: list[AreaEvidence]
    count: int


def evidence_index(
    *, plan: Plan, agency: Agency | None = None, as_of: date | None = None
) -> EvidenceIndex:
    """The evidence index of the progress report and the meeting pack, of the whole plan or
    of one agency's actions (those it leads); with `as_of`, only the evidence added by the
    end of that day (a progress report as at a past date). Two queries however much."""
    items = Evidence.objects.filter(
        action__finding__plan=plan, action__archived_at__isnull=True
    ).select_related("action__lead_agency", "added_by", "contribution__agency")
    if as_of is not None:
        items = items.filter(added_at__date__lte=as_of)
    if agency is not None:
        items = items.filter(action__lead_agency=agency)
    by_action: dict[int, ActionEvidence] = {}
    count = 0
    for item in items.order_by(
        "action__position", "action__pk", F("date").asc(nulls_last=True), "added_at", "pk"
    ):
        if item.action_id not in by_action:
            by_action[item.action_id] = ActionEvidence(action=item.action, items=[])
        by_action[item.action_id].items.append(item)
        count += 1
    by_area: dict[int, list[ActionEvidence]] = {}
    for listed in by_action.values():
        by_area.setdefault(listed.action.finding_id, []).append(listed)
    areas = [
        AreaEvidence(finding=finding, actions=by_area.get(finding.pk, []))
        for finding in plan.findings.order_by("number", "pk")
    ]
    return EvidenceIndex(areas=areas, count=count)
