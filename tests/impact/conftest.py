import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from people.models import Role
from tests.factories import ActionFactory, AgencyFactory, FindingFactory, UserFactory
from tests.impact.factories import MeasureFactory

# Half-way between the measures' baseline (1 April 2025) and target (1 April 2026).
TODAY = datetime.date(2025, 10, 1)


@pytest.fixture
def today():
    """1 October 2025, for the test modules that ask for it (pytestmark: usefixtures)."""
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(10))), tick=False
    ):
        yield TODAY


class ImpactPlan:
    """One area with a police action and a council action, a measure of contacts decided
    within 24 hours (60% to 90%), and the partnership's people in each role."""

    def __init__(self):
        self.finding = FindingFactory(number=1, text="Decisions at the front door are slow.")
        self.plan = self.finding.plan
        self.inspection = self.plan.inspection
        self.partnership = self.plan.partnership
        self.police = AgencyFactory(partnership=self.partnership, name="Metropolitan Police")
        self.council = AgencyFactory(partnership=self.partnership, name="Lewisham Council")
        self.health = AgencyFactory(partnership=self.partnership, name="NHS South East London")

        def person(role, agency, name):
            return UserFactory(
                partnership=self.partnership, agency=agency, role=role, first_name=name
            )

        self.manager = person(Role.MANAGER, self.council, "Manager")
        self.police_owner = person(Role.OWNER, self.police, "Police")
        self.health_owner = person(Role.OWNER, self.health, "Health")
        self.executive = person(Role.EXECUTIVE, self.council, "Executive")
        self.scrutineer = person(Role.SCRUTINEER, None, "Scrutineer")
        self.police_action = ActionFactory(
            finding=self.finding, reference="1.1", lead_agency=self.police
        )
        self.council_action = ActionFactory(
            finding=self.finding, reference="1.2", lead_agency=self.council
        )
        self.measure = MeasureFactory(
            finding=self.finding,
            name="Contacts decided within 24 hours",
            baseline_value=Decimal(60),
            target_value=Decimal(90),
            created_by=self.manager,
        )


@pytest.fixture
def area(db):
    return ImpactPlan()
