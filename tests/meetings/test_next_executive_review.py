"""The home page names the next executive review: the meeting an open update round is for,
or, with none open, two months after the last meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import PlanStatus
from meetings.services import meeting_record
from people.models import Role
from rounds.models import UpdateRound
from tests.factories import FindingFactory, UserFactory

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def plan(db):
    plan = FindingFactory().plan
    plan.status = PlanStatus.MONITORING
    plan.save()
    plan.manager = UserFactory(partnership=plan.partnership, role=Role.MANAGER)
    meeting_record(plan=plan, user=plan.manager, date=days(-40), title="LSCP executive")
    return plan


def next_review(client, plan) -> str:
    client.force_login(plan.manager)
    page = client.get(reverse("meetings:home")).content.decode()
    row = page.split("Next executive review", 1)[1]
    return row.split('<dd class="govuk-summary-list__value">', 1)[1].split("</dd>", 1)[0]


def test_with_a_round_open_the_next_review_is_the_meeting_it_is_for(client, plan):
    UpdateRound.objects.create(
        plan=plan,
        meeting_date=days(10),
        deadline=days(3),
        opened_by=plan.manager,
        opened_at=timezone.now() - datetime.timedelta(days=4),
    )
    assert next_review(client, plan) == f"{days(10):%-d %B %Y}"


def test_without_a_round_it_is_due_two_months_after_the_last_meeting(client, plan):
    UpdateRound.objects.create(  # a past round, for the last meeting, is not the next review
        plan=plan,
        meeting_date=days(-40),
        deadline=days(-45),
        opened_by=plan.manager,
        opened_at=timezone.now() - datetime.timedelta(days=50),
    )
    assert next_review(client, plan) == f"{days(21):%-d %B %Y}"
