"""How the audit trail's walk of every governance kind (test_governance_events) makes the
asks and decisions kinds: each maker takes a tests.rounds.conftest.RoundPlan and records one entry
of its kind through the service, from the address ADDRESS."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from actions.models import Action
from actions.rag import RAG
from audit.models import EventKind
from meetings.decisions import ask_record, decision_mark_done, decision_record
from meetings.models import AskKind, Decision, ExecutiveAsk
from meetings.services import meeting_record
from tests.rounds.conftest import RoundPlan

ADDRESS = "192.0.2.44"


def _ask(plan: RoundPlan) -> ExecutiveAsk:
    # Red, whatever the day: an owner asks for help only while the action needs it.
    action = plan.police_actions[0]
    Action.objects.filter(pk=action.pk).update(rag=RAG.RED)
    action.refresh_from_db()
    return ask_record(
        action=action,
        user=plan.police_owner,
        kind=AskKind.FUNDING,
        text="Fund two agency social workers for the EDT.",
        address=ADDRESS,
    )


def _decide(plan: RoundPlan) -> Decision:
    ask = _ask(plan)
    meeting = meeting_record(
        plan=plan.inspection.plan,
        user=plan.manager,
        date=timezone.localdate(),
        title="LSCP executive",
    )
    return decision_record(
        meeting=meeting,
        user=plan.manager,
        text="Fund the two posts until March.",
        owner=plan.executive,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        asks=[ask],
        address=ADDRESS,
    )


def _decision_done(plan: RoundPlan) -> None:
    decision_mark_done(
        decision=_decide(plan),
        user=plan.manager,
        note="Both agency workers started.",
        address=ADDRESS,
    )


ASKS_AND_DECISIONS_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {
    EventKind.ASK_RECORDED: _ask,
    EventKind.DECISION_RECORDED: _decide,
    EventKind.DECISION_DONE: _decision_done,
}
