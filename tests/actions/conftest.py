import pytest

from actions import services
from people.models import Role
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    FindingFactory,
    InspectionFactory,
    UserFactory,
)


class Plan:
    """One partnership's small plan, with a person of every role, and a stranger."""

    def __init__(self):
        self.finding = FindingFactory(number=1, text="Staffing capacity in the EDT.")
        self.partnership = self.finding.plan.partnership
        self.police = AgencyFactory(partnership=self.partnership, name="Metropolitan Police")
        self.council = AgencyFactory(partnership=self.partnership, name="Lewisham Council")
        people = {
            "manager": (Role.MANAGER, self.council),
            "police_owner": (Role.OWNER, self.police),
            "council_owner": (Role.OWNER, self.council),
            "executive": (Role.EXECUTIVE, self.council),
            "scrutineer": (Role.SCRUTINEER, self.council),
        }
        for name, (role, agency) in people.items():
            setattr(
                self,
                name,
                UserFactory(
                    partnership=self.partnership, agency=agency, role=role, first_name=name
                ),
            )
        self.stranger = UserFactory(role=Role.MANAGER)  # another partnership's manager
        self.action = ActionFactory(
            finding=self.finding,
            reference="1.1",
            lead_agency=self.police,
            lead_officer=self.police_owner,
            description="Review demand in the missing persons unit.",
        )


@pytest.fixture
def plan(db):
    return Plan()


def propose(action, user):
    return services.closure_propose(
        action=action,
        user=user,
        evidence_of_impact="Audit shows 95% of episodes followed up in 72 hours.",
        sustainability_plan="Quarterly audit by the missing persons lead.",
        expected_version=action.version,
    )


@pytest.fixture
def empty_copy(demo):
    """A second inspection of Lewisham's partnership with the same areas for improvement and
    no actions: an empty plan to import into."""
    from inspections.models import Inspection

    lewisham = Inspection.objects.get(partnership__slug="lewisham")
    copy = InspectionFactory(partnership=lewisham.partnership, subject="the copy")
    for finding in lewisham.plan.findings.all():
        FindingFactory(inspection=copy, number=finding.number, text=finding.text)
    return copy
