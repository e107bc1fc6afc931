"""How the audit trail's walk of every governance kind (test_governance_events) makes the
reviews kinds: each maker takes a tests.rounds.conftest.RoundPlan and records one entry of
its kind through the service, from the address ADDRESS."""

from collections.abc import Callable

from django.utils import timezone

from actions import services as action_services
from audit.models import EventKind
from impact.models import SustainabilityReview
from impact.reviews import sustainability_review_record
from tests.factories import MeetingFactory
from tests.rounds.conftest import RoundPlan

ADDRESS = "192.0.2.44"


def _review(plan: RoundPlan) -> SustainabilityReview:
    action = plan.police_actions[0]
    action_services.closure_propose(
        action=action,
        user=plan.police_owner,
        evidence_of_impact="The audit of 40 strategy meetings found all were on time.",
        sustainability_plan="Audited every quarter.",
        expected_version=action.version,
    )
    action.refresh_from_db()
    closure = action_services.closure_agree(
        action=action,
        user=plan.executive,
        agreed_on=timezone.localdate(),
        meeting=MeetingFactory(plan=plan.inspection.plan, recorded_by=plan.manager),
        expected_version=action.version,
    )
    action.refresh_from_db()
    return sustainability_review_record(
        closure=closure,
        user=plan.police_owner,
        held=True,
        note="The quarterly audit again found every strategy meeting on time.",
        address=ADDRESS,
    ).review


REVIEWS_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {
    EventKind.SUSTAINABILITY_REVIEWED: _review,
}
