"""The executive's meetings: recording one takes a snapshot of the plan, and comparing two
snapshots (or a snapshot and today) says what changed since the last meeting."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet

from actions.models import Action, Plan
from actions.rag import RAG, is_overdue
from actions.rules import date_not_in_future
from actions.selectors import latest_update
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from meetings.models import ActionSnapshot, AgendaItem, Meeting
from meetings.trend import TrendPoint
from partnerships.models import Agency
from people.models import User


@dataclass(frozen=True)
class ActionState:
    """An action as it stood at one moment: at a meeting, or now."""

    action_id: int
    rag: RAG
    target_date: datetime.date
    overdue: bool
    latest_update_on: datetime.date | None
    latest_update: str


def current_states(
    plan: Plan,
    *,
    on: datetime.date,
    with_updates: bool = True,
    agency: Agency | None = None,
) -> dict[int, ActionState]:
    """Every action in the plan now (or those `agency` leads), judged overdue as at `on`.
    One query; comparing states needs no updates, so `with_updates=False` spares reading
    them."""
    # ActionQuerySet.current is not annotated.
    current = Action.objects.current()
    actions = current.filter(finding__plan=plan)
    if agency is not None:
        actions = actions.filter(lead_agency=agency)
    fields = ["pk", "rag", "target_date"]
    if with_updates:
        actions = actions.annotate(
            latest_update_on=latest_update("date"), latest_update=latest_update("narrative")
        )
        fields += ["latest_update_on", "latest_update"]
    return {
        row["pk"]: ActionState(
            action_id=row["pk"],
            rag=RAG(row["rag"]),
            target_date=row["target_date"],
            overdue=is_overdue(row["rag"], row["target_date"], on),
            latest_update_on=row.get("latest_update_on"),
            latest_update=row.get("latest_update") or "",
        )
        for row in actions.values(*fields)
    }


def snapshot_states(
    meeting: Meeting | None, *, agency: Agency | None = None
) -> dict[int, ActionState]:
    """The plan as it stood at the meeting: every action's state then (or the states of
    the actions `agency` leads now, for that agency's pack)."""
    if meeting is None:
        return {}
    snapshots = ActionSnapshot.objects.filter(meeting=meeting)
    if agency is not None:
        snapshots = snapshots.filter(action__lead_agency=agency)
    rows = snapshots.values_list(
        "action_id", "rag", "target_date", "overdue", "latest_update_on", "latest_update"
    )
    return {
        action_id: ActionState(action_id, RAG(rag), target, overdue, update_on, update)
        for action_id, rag, target, overdue, update_on, update in rows
    }


@transaction.atomic
def meeting_record(
    *,
    plan: Plan,
    user: User,
    date: datetime.date,
    title: str,
    notes: str = "",
    attendees: Sequence[User] = (),
    guests: str = "",
    apologies: Sequence[User] = (),
    guest_apologies: str = "",
    agenda: Sequence[str] = (),
    address: str | None = None,
) -> Meeting:
    """Records an executive meeting: who attended (people of the partnership, each for
    their agency, and named guests), who sent apologies, and its agenda; and keeps every
    action's RAG, target date and latest update as they stand, so the next meeting can see
    what changed. The audit trail records who recorded it."""
    date_not_in_future(date, field="date", what="The meeting date")
    errors: dict[str, str] = {}
    # The snapshot is the plan as it stands now, so it cannot stand for a meeting held
    # before one already recorded.
    latest = Meeting.objects.filter(plan=plan).order_by("-date").first()
    if latest and date < latest.date:
        errors["date"] = (
            f"The meeting date must be on or after the last meeting recorded "
            f"({latest.date:%-d %B %Y})"
        )
    for field, people in (("attendees", attendees), ("apologies", apologies)):
        if any(person.partnership_id != plan.partnership_id for person in people):
            errors[field] = "Choose people of the partnership"
    both = sorted({person.pk for person in attendees} & {person.pk for person in apologies})
    if both:
        names = ", ".join(
            person.get_full_name() or person.username for person in attendees if person.pk in both
        )
        errors["apologies"] = (
            f"{names} cannot both attend and send apologies: choose one or the other"
        )
    items = [item.strip() for item in agenda if item.strip()]
    if any(len(item) > AGENDA_ITEM_LENGTH for item in items):
        errors["agenda"] = f"Each agenda item must be {AGENDA_ITEM_LENGTH} characters or fewer"
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        plan=plan,
        date=date,
        title=title,
        notes=notes,
        guests=_one_per_line(guests),
        guest_apologies=_one_per_line(guest_apologies),
        recorded_by=user,
    )
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.apologies.set(apologies)
    AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, number=number, text=text)
        for number, text in enumerate(items, start=1)
    )
    take_snapshot(meeting)
    record(
        EventKind.MEETING_RECORDED,
        user=user,
        address=address,
        partnership_id=plan.partnership_id,
        detail=f"Recorded the meeting {title!r} of {date:%-d %B %Y}, with a snapshot of "
        f"{plan_trail_name(plan)}{_attendance_words(meeting)}",
    )
    return meeting


def _attendance_words(meeting: Meeting) -> str:
    """Who was there, as the audit trail keeps it: the count of each, for the record
    (the meeting page names them)."""
    attended = meeting.attendees.count() + len(meeting.guest_names)
    apologies = meeting.apologies.count() + len(meeting.guest_apology_names)
    if not attended and not apologies:
        return ""
    sent = f"{apologies} {'apology' if apologies == 1 else 'apologies'}"
    return f"; {attended} attended, {sent}"


AGENDA_ITEM_LENGTH = AgendaItem._meta.get_field("text").max_length or 500


def _one_per_line(names: str) -> str:
    return "\n".join(name.strip() for name in names.splitlines() if name.strip())


def take_snapshot(meeting: Meeting) -> None:
    """Keeps every action of the plan as it stands now, judged overdue as at the meeting."""
    ActionSnapshot.objects.bulk_create(
        ActionSnapshot(
            meeting=meeting,
            action_id=state.action_id,
            rag=state.rag,
            target_date=state.target_date,
            overdue=state.overdue,
            latest_update_on=state.latest_update_on,
            latest_update=state.latest_update,
        )
        for state in current_states(meeting.plan, on=meeting.date).values()
    )


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(plan=meeting.plan_id, date__lte=meeting.date)
        .exclude(pk=meeting.pk)
        .exclude(date=meeting.date, pk__gt=meeting.pk)
        .order_by("-date", "-pk")
        .first()
    )


CHANGE_KINDS = {
    "worse": "Moved to a worse status",
    "better": "Moved to a better status",
    "overdue": "Became overdue",
    "completed": "Completed",
    "rebaselined": "Target date moved",
    "new": "New to the plan",
}


@dataclass(frozen=True)
class Change:
    action: Action
    before: ActionState | None
    after: ActionState


@dataclass(frozen=True)
class ChangeGroup:
    kind: str
    label: str
    total: int
    changes: list[Change]  # the first `limit` of them, to list

    @property
    def more(self) -> int:
        return self.total - len(self.changes)


def plan_changes(
    before: dict[int, ActionState],
    after: dict[int, ActionState],
    actions: QuerySet[Action],
    *,
    limit: int | None = None,
) -> dict[str, ChangeGroup]:
    """What changed between two states of the plan, by kind (the keys of CHANGE_KINDS). An
    action can show under more than one kind: Red and overdue since the last meeting is both.

    `actions` is a queryset of the plan's actions: only the changes listed (at most `limit`
    of each kind) are fetched from it.
    """
    found: dict[str, list[tuple[int, ActionState | None, ActionState]]] = {
        kind: [] for kind in CHANGE_KINDS
    }
    for action_id, now in after.items():
        then = before.get(action_id)
        entry = (action_id, then, now)
        if then is None:
            found["new"].append(entry)
            continue
        if now.rag == RAG.COMPLETE and then.rag != RAG.COMPLETE:
            found["completed"].append(entry)
        elif now.rag.is_worse_than(then.rag):
            found["worse"].append(entry)
        elif then.rag.is_worse_than(now.rag):
            found["better"].append(entry)
        if now.overdue and not then.overdue:
            found["overdue"].append(entry)
        if now.target_date != then.target_date:
            found["rebaselined"].append(entry)
    listed = {kind: sorted(entries)[:limit] for kind, entries in found.items()}
    wanted = {action_id for entries in listed.values() for action_id, _, _ in entries}
    by_id = actions.in_bulk(wanted) if wanted else {}
    return {
        kind: ChangeGroup(
            kind,
            CHANGE_KINDS[kind],
            len(found[kind]),
            [Change(by_id[action_id], then, now) for action_id, then, now in listed[kind]],
        )
        for kind in CHANGE_KINDS
    }


def rag_trend(plan: Plan, *, agency: Agency | None = None) -> list[TrendPoint]:
    """RAG counts at each meeting, oldest first (of the actions `agency` leads now, when
    given). Two queries however many meetings."""
    meetings = list(Meeting.objects.filter(plan=plan).order_by("date", "pk"))
    counts = {meeting.pk: dict.fromkeys(RAG, 0) for meeting in meetings}
    snapshots = ActionSnapshot.objects.filter(meeting__plan=plan)
    if agency is not None:
        snapshots = snapshots.filter(action__lead_agency=agency)
    rows = snapshots.values("meeting_id", "rag").annotate(count=Count("pk"))
    for row in rows:
        counts[row["meeting_id"]][RAG(row["rag"])] = row["count"]
    return [
        TrendPoint(date=meeting.date, counts=counts[meeting.pk], label=str(meeting))
        for meeting in meetings
    ]
