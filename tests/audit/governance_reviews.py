"""How the audit trail's walk of every governance kind (test_governance_events) makes the
reviews kinds: each maker takes a tests.rounds.conftest.RoundPlan and records one entry of
its kind through the service, from the address ADDRESS."""

from collections.abc import Callable

from audit.models import EventKind
from tests.rounds.conftest import RoundPlan

ADDRESS = "192.0.2.44"

REVIEWS_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {}
