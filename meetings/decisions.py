"""What owners ask of the executive, and what the executive decides at its meetings.

"Red" means an action needs the executive's help: its owner says which help (an ask). At the
meeting the manager records the executive's decisions, each with an owner and a date, the
actions it concerns and the asks it answers. A decision not yet done carries forward to every
later meeting as a matter arising, until someone marks it done."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone

from actions.models import Action, Plan
from actions.rag import RAG
from actions.services import action_trail_name, plan_trail_name
from audit.models import EventKind
from audit.trail import record
from govuk.words import plural
from meetings.models import AskKind, Decision, ExecutiveAsk, Meeting
from people import permissions
from people.models import User

# The rule of asking, worded once: the form page, the service and the tests read it here.
ASK_ONLY_WHEN_RED = "You can ask the executive for help only while the action is Red or overdue"


def _needs_help(action: Action) -> bool:
    return not action.is_archived and (action.rag == RAG.RED or action.is_overdue)


@transaction.atomic
def ask_record(
    *,
    action: Action,
    user: User,
    kind: str,
    text: str,
    address: str | None = None,
) -> ExecutiveAsk:
    """Records what the action's owner asks of the executive (unblock funding, escalate to
    a partner, agree a new date), while the action is Red or overdue. The ask waits on the
    meeting page and in the pack until a decision answers it."""
    if not _needs_help(action):
        raise ValidationError(ASK_ONLY_WHEN_RED)
    if not permissions.can_update_action(user, action):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if kind not in AskKind.values:
        errors["kind"] = "Select what you ask of the executive"
    text = text.strip()
    if not text:
        errors["text"] = "Enter what you ask of the executive"
    if errors:
        raise ValidationError(errors)
    ask = ExecutiveAsk(action=action, kind=kind, text=text, asked_by=user, asked_at=timezone.now())
    ask.full_clean()
    ask.save()
    record(
        EventKind.ASK_RECORDED,
        user=user,
        address=address,
        partnership_id=action.finding.plan.partnership_id,
        detail=f"Asked the executive about {action_trail_name(action)}: "
        f"{ask.get_kind_display().lower()}",
    )
    return ask


def _references(actions: Sequence[Action]) -> str:
    return ", ".join(action.reference for action in actions)


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    owner: User | None = None,
    due_date: datetime.date | None = None,
    actions: Sequence[Action] = (),
    asks: Sequence[ExecutiveAsk] = (),
    address: str | None = None,
) -> Decision:
    """Records a decision the executive made at the meeting: what, who owns it, by when,
    the actions it concerns and the asks it answers. The asks show as answered by it, and
    the actions they were about are among those it concerns. Until marked done it is a
    matter arising at every later meeting."""
    plan = meeting.plan
    if not permissions.can_record_decisions(user, plan):
        raise PermissionDenied
    errors: dict[str, str] = {}
    text = text.strip()
    if not text:
        errors["text"] = "Enter the decision"
    # Each decision has someone who owns it and a date it is due by: that is what carries
    # it forward as a matter arising until it is done.
    if owner is None:
        errors["owner"] = "Choose who owns the decision"
    elif owner.partnership_id != plan.partnership_id or not owner.is_active:
        errors["owner"] = "Choose a person of the partnership to own the decision"
    if due_date is None:
        errors["due_date"] = "Enter the date the decision is due by"
    elif due_date < meeting.date:
        errors["due_date"] = (
            f"The due date must be on or after the date of the meeting ({meeting.date:%-d %B %Y})"
        )
    action_ids = {action.pk for action in actions}
    concerned = list(
        Action.objects.current().filter(finding__plan=plan, pk__in=action_ids).order_by()
    )
    if len(concerned) != len(action_ids):
        errors["actions"] = "Choose actions of this plan that are still in it"
    ask_ids = {ask.pk for ask in asks}
    # Locked, so two decisions recorded at once cannot both answer the same ask.
    answered = list(
        ExecutiveAsk.objects.select_for_update()
        .open()
        .filter(pk__in=ask_ids, action__finding__plan=plan, action__archived_at__isnull=True)
        .order_by("pk")
    )
    if len(answered) != len(ask_ids):
        errors["asks"] = "Choose asks that are still awaiting a decision"
    elif any(timezone.localtime(ask.asked_at).date() > meeting.date for ask in answered):
        errors["asks"] = (
            f"Choose asks made by the day of the meeting ({meeting.date:%-d %B %Y}): a later "
            "ask waits for a later meeting"
        )
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        meeting=meeting,
        text=text,
        owner=owner,
        due_date=due_date,
        recorded_by=user,
        recorded_at=timezone.now(),
    )
    decision.full_clean()
    decision.save()
    concerned_ids = {action.pk for action in concerned} | {ask.action_id for ask in answered}
    decision.actions.set(concerned_ids)
    ExecutiveAsk.objects.filter(pk__in=[ask.pk for ask in answered]).update(decision=decision)
    about = list(
        Action.objects.filter(pk__in=concerned_ids).order_by("finding__number", "position")
    )
    detail = f"Recorded a decision at {meeting} on {plan_trail_name(plan)}: {text}"
    if about:
        detail += f" (about action{'s' if len(about) > 1 else ''} {_references(about)}"
        detail += f", answering {plural(len(answered), 'ask')})" if answered else ")"
    record(
        EventKind.DECISION_RECORDED,
        user=user,
        address=address,
        partnership_id=plan.partnership_id,
        detail=detail,
    )
    return decision


@transaction.atomic
def decision_mark_done(
    *, decision: Decision, user: User, note: str, address: str | None = None
) -> Decision:
    """Marks the executive's decision done, saying what was done. It stops carrying forward
    as a matter arising; the meetings' record keeps it, with who marked it done and when."""
    plan = decision.meeting.plan
    if not permissions.can_record_decisions(user, plan):
        raise PermissionDenied
    # Locked, so of two people marking it done at once the second is told it is done.
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.done_at is not None:
        done_on = timezone.localdate(locked.done_at)
        raise ValidationError(f"This decision was already marked as done on {done_on:%-d %B %Y}")
    note = note.strip()
    if not note:
        raise ValidationError({"note": "Enter what was done"})
    decision.done_at = timezone.now()
    decision.done_by = user
    decision.done_note = note
    decision.full_clean()
    decision.save(update_fields=["done_at", "done_by", "done_note"])
    record(
        EventKind.DECISION_DONE,
        user=user,
        address=address,
        partnership_id=plan.partnership_id,
        detail=f"Marked as done the decision at {decision.meeting} on {plan_trail_name(plan)}: "
        f"{note}",
    )
    return decision


# --- What the meeting page and the pack read ------------------------------------------------


def open_asks(*, plan: Plan, by: datetime.date | None = None) -> QuerySet[ExecutiveAsk]:
    """The asks no decision has answered yet, on the plan's current actions, in the plan's
    order (area, then the action's place in it), the oldest ask first; only those asked by
    `by` (a meeting's date: a meeting cannot answer an ask made after it). One query."""
    asks = ExecutiveAsk.objects.open()
    if by is not None:
        asks = asks.filter(asked_at__date__lte=by)
    return (
        asks.filter(action__finding__plan=plan, action__archived_at__isnull=True)
        .select_related("action__lead_agency", "action__lead_officer", "asked_by")
        .order_by(
            "action__finding__number",
            "action__position",
            "action__reference",
            "asked_at",
            "pk",
        )
    )


def _with_relations(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    return decisions.select_related("meeting", "owner__agency").prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("finding__number", "position", "pk"))
    )


def matters_arising(*, plan: Plan, before: datetime.date | None = None) -> QuerySet[Decision]:
    """The decisions made at the plan's meetings that are not yet done, soonest due first
    (those with no date last); with `before`, only those made at meetings held before that
    day: a meeting's matters arising. Two queries (the decisions, their actions)."""
    decisions = Decision.objects.outstanding().filter(meeting__plan=plan)
    if before is not None:
        decisions = decisions.filter(meeting__date__lt=before)
    return _with_relations(decisions).order_by(
        F("due_date").asc(nulls_last=True), "meeting__date", "meeting__pk", "pk"
    )


def decisions_at(*, meeting: Meeting) -> QuerySet[Decision]:
    """The decisions made at the meeting, in the order they were recorded, done or not.
    Two queries (the decisions, their actions)."""
    return (
        _with_relations(Decision.objects.filter(meeting=meeting))
        .select_related("done_by")
        .order_by("recorded_at", "pk")
    )
