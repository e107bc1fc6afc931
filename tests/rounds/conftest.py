import datetime
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from people.models import Role
from rounds import services
from tests.factories import ActionFactory, AgencyFactory, FindingFactory, UserFactory

# A Monday; the meeting is on Friday 13 March 2026, so updates are due by Friday 6 March.
OPENED = datetime.datetime(2026, 2, 23, 9, 0)
MEETING = datetime.date(2026, 3, 13)


def at(day: datetime.date, hour: int = 7):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class RoundPlan:
    """A plan with two owners in two agencies, a manager, an executive and a stranger."""

    def __init__(self):
        self.finding = FindingFactory(number=1)
        self.inspection = self.finding.plan.inspection
        self.partnership = self.inspection.partnership
        self.police = AgencyFactory(partnership=self.partnership, name="Metropolitan Police")
        self.council = AgencyFactory(partnership=self.partnership, name="Lewisham Council")

        def person(name, role, agency):
            return UserFactory(
                partnership=self.partnership, agency=agency, role=role, first_name=name
            )

        self.manager = person("Manager", Role.MANAGER, self.council)
        self.police_owner = person("Police", Role.OWNER, self.police)
        self.council_owner = person("Council", Role.OWNER, self.council)
        self.executive = person("Executive", Role.EXECUTIVE, self.council)
        self.far_target = datetime.date(2026, 9, 30)

        def action(reference, agency, officer, **fields):
            return ActionFactory(
                finding=self.finding,
                reference=reference,
                lead_agency=agency,
                lead_officer=officer,
                target_date=fields.pop("target_date", self.far_target),
                **fields,
            )

        self.police_actions = [
            action("1.1", self.police, self.police_owner),
            action("1.2", self.police, self.police_owner),
        ]
        self.council_action = action("1.3", self.council, self.council_owner)
        self.stranger = UserFactory(role=Role.OWNER)  # another partnership's owner
        ActionFactory(lead_officer=self.stranger, target_date=self.far_target)

    def open_round(self, **kwargs):
        with time_machine.travel(timezone.make_aware(OPENED), tick=False):
            update_round, _ = services.round_open(
                plan=self.inspection.plan,
                user=self.manager,
                meeting_date=kwargs.get("meeting_date", MEETING),
                deadline=kwargs.get("deadline", services.suggest_deadline(MEETING)),
            )
        return update_round


@pytest.fixture
def plan(db):
    return RoundPlan()


# A day in the round RoundPlan.open_round opens, before its deadline.
DURING = datetime.date(2026, 3, 2)


@pytest.fixture
def during():
    with time_machine.travel(at(DURING, 10), tick=True):
        yield


@pytest.fixture
def opened(plan, during):
    """The round open, its opening e-mails already read."""
    update_round = plan.open_round()
    mail.outbox.clear()
    return update_round


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://plans.example.org"


class RefusingMailServer(locmem.EmailBackend):
    """A mail server that fails on the addresses in `refused` and delivers the rest."""

    refused: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            if refused := set(message.to) & self.refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"No")))
        return super().send_messages(messages)


@pytest.fixture
def mail_server_refusing(settings):
    """Call it with the addresses the mail server should fail on."""
    settings.MAILERS = {"default": {"BACKEND": "tests.rounds.conftest.RefusingMailServer"}}

    def refuse(*addresses: str) -> None:
        RefusingMailServer.refused = set(addresses)

    yield refuse
    RefusingMailServer.refused = set()
