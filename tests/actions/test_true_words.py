"""Issue 18, part 3: the action lists, the import and the action page say what is true."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import PlanStatus
from actions.rag import RAG
from inspections.models import Theme
from tests.actions.conftest import propose
from tests.actions.plan_files import csv_file
from tests.actions.test_plan_files_made_elsewhere import PUBLISHED_HEADER, PUBLISHED_ROWS
from tests.factories import ActionFactory, FindingFactory, MeetingFactory


def _fresh(action):
    action.refresh_from_db()
    return action


def _list_of(plan):
    inspection = plan.finding.plan.inspection
    inspection.partnership.local_area = "Lewisham"
    inspection.partnership.save()
    inspection.theme = Theme.objects.create(name="Neglect")
    inspection.save()
    return reverse("inspections:inspection_actions", args=[inspection.pk])


@pytest.mark.django_db
def test_an_unfiltered_list_is_titled_all_actions_of_the_inspection(client, plan):
    client.force_login(plan.manager)
    page = client.get(_list_of(plan)).content.decode()
    assert "<title>All actions — JTAI Lewisham 2022: Neglect" in page
    assert ">All actions — JTAI Lewisham 2022: Neglect</h1>" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("rag=red", "Red actions"),
        ("overdue=on", "Overdue actions"),
        ("proposed_complete=on", "Actions awaiting agreement to close"),
        ("overdue=on&rag=red&rag=amber", "Overdue red or amber actions"),
        ("rag=green&due_within=30", "Green actions due within 30 days"),
    ],
)
def test_a_filtered_list_is_titled_by_its_filters_and_its_inspection(client, plan, query, title):
    client.force_login(plan.manager)
    page = client.get(f"{_list_of(plan)}?{query}").content.decode()
    assert f"<title>{title} — JTAI Lewisham 2022: Neglect" in page
    assert f">{title} — JTAI Lewisham 2022: Neglect</h1>" in page
    assert "All actions —" not in page


@pytest.mark.django_db
def test_my_filtered_actions_say_they_are_mine(client, plan):
    client.force_login(plan.police_owner)
    assert ">My actions</h1>" in client.get(reverse("actions:my_actions")).content.decode()
    page = client.get(reverse("actions:my_actions") + "?rag=red").content.decode()
    assert ">My red actions</h1>" in page


@pytest.mark.django_db
def test_importing_one_action_says_one_action(client, plan):
    client.force_login(plan.manager)
    row = [f"{plan.finding.number}. {plan.finding.text}", *PUBLISHED_ROWS[0][1:]]
    row[2] = plan.police.name
    row[3] = ""
    check = client.post(
        reverse("spreadsheets:plan_import", args=[plan.finding.plan.inspection.pk]),
        {"plan": SimpleUploadedFile("plan.csv", csv_file([PUBLISHED_HEADER, row]))},
        follow=True,
    )
    page = check.content.decode()
    assert "1 action will be added" in page
    assert "Import 1 action<" in page


def _history_of(client, action):
    page = client.get(action.get_absolute_url()).content.decode()
    return page[page.index("Change history") :]


@pytest.mark.django_db
def test_a_proposal_and_its_decision_show_in_the_change_history(client, plan):
    propose(plan.action, plan.police_owner)
    client.force_login(plan.manager)
    history = _history_of(client, plan.action)
    assert "Proposed complete" in history
    assert str(plan.police_owner) in history

    meeting = MeetingFactory(plan=plan.finding.plan, title="LSCP executive")
    services.closure_not_agree(
        action=_fresh(plan.action),
        user=plan.executive,
        decided_on=meeting.date,
        meeting=meeting,
        reason="No audit yet.",
        expected_version=_fresh(plan.action).version,
    )
    history = _history_of(client, plan.action)
    assert f"Closure not agreed at {meeting}: No audit yet." in history
    assert str(plan.executive) in history

    propose(_fresh(plan.action), plan.police_owner)
    services.closure_agree(
        action=_fresh(plan.action),
        user=plan.executive,
        agreed_on=meeting.date,
        meeting=meeting,
        expected_version=_fresh(plan.action).version,
    )
    services.action_reopen(
        action=_fresh(plan.action),
        user=plan.manager,
        reason="The protocol lapsed.",
        rag=RAG.AMBER,
        expected_version=_fresh(plan.action).version,
    )
    history = _history_of(client, plan.action)
    assert history.count("Proposed complete") == 2
    assert f"Closure agreed at {meeting}" in history
    assert "Reopened: The protocol lapsed." in history
    # Newest first: the reopening heads the history, the first proposal ends it.
    assert (
        history.index("Reopened")
        < history.index("Closure agreed")
        < history.index("Closure not agreed")
    )


@pytest.mark.django_db
def test_last_changed_is_the_latest_entry_of_the_history(client, plan):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    plan.action.history.update(history_date=long_ago)
    type(plan.action).objects.filter(pk=plan.action.pk).update(updated_at=timezone.now())
    client.force_login(plan.manager)
    page = client.get(plan.action.get_absolute_url()).content.decode()
    shown = timezone.localtime(long_ago)
    assert page.count("Last changed") == 1
    assert f"{shown:%-d %B %Y, %H:%M}" in page
    assert f"{timezone.localtime():%-d %B %Y}" not in page.split("Last changed")[1][:200]


@pytest.mark.django_db
def test_a_closed_plans_actions_leave_my_actions_unless_i_ask_for_that_plan(client, plan):
    closed_plan = plan.finding.plan
    closed_plan.status = PlanStatus.CLOSED
    closed_plan.save()
    live = ActionFactory(
        finding=FindingFactory(inspection__partnership=plan.partnership),
        lead_agency=plan.police,
        lead_officer=plan.police_owner,
        description="Train every duty officer.",
    )
    client.force_login(plan.police_owner)

    page = client.get(reverse("actions:my_actions")).content.decode()
    assert live.description in page
    assert plan.action.description not in page

    asked = client.get(reverse("actions:my_actions") + f"?finding={plan.finding.pk}")
    assert plan.action.description in asked.content.decode()
    # The inspection's own list is the plan asked for explicitly: its actions stay there.
    inspection_list = reverse("inspections:inspection_actions", args=[closed_plan.inspection.pk])
    assert plan.action.description in client.get(inspection_list).content.decode()
