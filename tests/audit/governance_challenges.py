"""How the audit trail's walk of every governance kind (test_governance_events) makes the
challenges kinds: each maker takes a tests.rounds.conftest.RoundPlan and records one entry
of its kind through the service, from the address ADDRESS."""

from collections.abc import Callable

from audit.models import EventKind
from meetings.challenges import challenge_answer, challenge_raise
from meetings.models import Challenge
from people.models import Role
from tests.factories import UserFactory
from tests.rounds.conftest import RoundPlan

ADDRESS = "192.0.2.44"


def _raise(plan: RoundPlan) -> Challenge:
    scrutineer = UserFactory(role=Role.SCRUTINEER, partnership=plan.partnership, agency=None)
    return challenge_raise(
        plan=plan.inspection.plan,
        user=scrutineer,
        text="How do you know the strategy meetings are held on time?",
        action=plan.police_actions[0],
        address=ADDRESS,
    )


def _answer(plan: RoundPlan) -> Challenge:
    return challenge_answer(
        challenge=_raise(plan),
        user=plan.manager,
        answer="The MASH audit of March samples every strategy meeting.",
        address=ADDRESS,
    )


CHALLENGES_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {
    EventKind.CHALLENGE_RAISED: _raise,
    EventKind.CHALLENGE_ANSWERED: _answer,
}
