"""Closures decided before meetings were recorded name their meeting as text: migrating
links each to the recorded meeting of its plan with that title, held on the day of the
decision or within the 14 days before it; a name that matches none stays text only."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from actions.models import Closure
from meetings.models import Meeting
from tests.factories import ActionFactory, FindingFactory, UserFactory

BEFORE_THE_LINK = ("actions", "0017_closure_not_agreed")
DECIDED = timezone.localdate() - datetime.timedelta(days=3)


def _days_before(n: int) -> datetime.date:
    return DECIDED - datetime.timedelta(days=n)


@pytest.mark.django_db(transaction=True)
def test_closures_named_after_a_recorded_meeting_point_at_it():
    finding = FindingFactory()
    other_plan = FindingFactory().plan
    manager = UserFactory(partnership=finding.plan.partnership)

    def meeting(title, day, plan=finding.plan):
        return Meeting.objects.create(plan=plan, title=title, date=day, recorded_by=manager)

    on_the_day = meeting("LSCP executive", DECIDED)
    meeting("LSCP executive", _days_before(10))
    week_before = meeting("Extraordinary executive", _days_before(7))
    meeting("Extraordinary executive", _days_before(30))
    meeting("Too long ago", _days_before(15))
    meeting("Another plan's", DECIDED, plan=other_plan)
    meeting("Held after", DECIDED + datetime.timedelta(days=1))

    try:
        call_command("migrate", *BEFORE_THE_LINK, verbosity=0)
        executor = MigrationExecutor(connection)
        old = executor.loader.project_state(BEFORE_THE_LINK).apps.get_model("actions", "Closure")
        names = [
            "LSCP executive",  # the meeting that day, not the one ten days before
            "extraordinary executive ",  # the latest within 14 days, whatever the case
            "Too long ago",  # held 15 days before: no link
            "Another plan's",  # another plan's meeting: no link
            "Held after",  # held after the decision: no link
            "Board nobody recorded",
        ]
        for name in names:
            old.objects.create(
                action_id=ActionFactory(finding=finding).pk,
                status="agreed",
                proposed_by_id=manager.pk,
                evidence_of_impact="Audit.",
                sustainability_plan="Quarterly audit.",
                agreed_by_id=manager.pk,
                agreed_on=DECIDED,
                agreed_at_meeting=name,
            )
    finally:
        call_command("migrate", verbosity=0)

    linked = {
        closure.agreed_at_meeting: closure.meeting
        for closure in Closure.objects.select_related("meeting")
    }
    assert linked == {
        "LSCP executive": on_the_day,
        "extraordinary executive ": week_before,
        "Too long ago": None,
        "Another plan's": None,
        "Held after": None,
        "Board nobody recorded": None,
    }
