import pytest

from people.models import Role
from tests.factories import AgencyFactory, PartnershipFactory, UserFactory


class Team:
    """A partnership with two agencies, a manager and an owner, and another partnership's
    manager."""

    def __init__(self):
        self.partnership = PartnershipFactory()
        self.council = AgencyFactory(partnership=self.partnership, name="Lewisham Council")
        self.police = AgencyFactory(partnership=self.partnership, name="Metropolitan Police")
        self.manager = UserFactory(
            partnership=self.partnership, agency=self.council, role=Role.MANAGER,
            username="manager", first_name="Mo", last_name="Manager",
        )  # fmt: skip
        self.owner = UserFactory(
            partnership=self.partnership, agency=self.council, role=Role.OWNER,
            username="council.officer", first_name="Cat", last_name="Officer",
        )  # fmt: skip
        self.stranger = UserFactory(role=Role.MANAGER, username="other.manager")


@pytest.fixture
def team(db):
    return Team()
