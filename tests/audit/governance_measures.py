"""How the audit trail's walk of every governance kind (test_governance_events) makes the
measures kinds: each maker takes a tests.rounds.conftest.RoundPlan and records one entry of
its kind through the service, from the address ADDRESS."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from audit.models import EventKind
from impact import services
from impact.models import Measure
from tests.rounds.conftest import RoundPlan

ADDRESS = "192.0.2.44"


def _add(plan: RoundPlan) -> Measure:
    return services.measure_add(
        finding=plan.finding,
        user=plan.manager,
        name="Contacts decided within 24 hours",
        definition="Contacts to the MASH decided within 24 hours, as a share of all.",
        source="MASH performance report",
        unit="percentage",
        direction="higher",
        baseline_value=Decimal(60),
        baseline_date=datetime.date(2025, 4, 1),
        target_value=Decimal(90),
        target_date=datetime.date(2026, 4, 1),
        address=ADDRESS,
    )


def _change(plan: RoundPlan) -> Measure:
    return services.measure_change(
        measure=_add(plan),
        user=plan.manager,
        changes={"target_value": Decimal(95)},
        address=ADDRESS,
    )


def _read(plan: RoundPlan) -> object:
    return services.reading_record(
        measure=_add(plan),
        user=plan.police_owner,
        value=Decimal(72),
        date=datetime.date(2025, 10, 1),
        note="September's report.",
        address=ADDRESS,
    )


MEASURES_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {
    EventKind.MEASURE_ADDED: _add,
    EventKind.MEASURE_CHANGED: _change,
    EventKind.READING_RECORDED: _read,
}
