"""A plan of hundreds of actions: the plan's page summarises an area too large to read in
full, lists its most pressing actions, and links to all of them in the action list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.rag import RAG
from inspections.selectors import AREA_LISTED_IN_FULL, PRESSING_LISTED
from people.models import Role
from tests.factories import ActionFactory, FindingFactory, InspectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def large_area(db):
    """Area 1 of 30 current actions: 12 overdue (action 1.1 the most), 2 Red but not yet
    due, 3 complete (one of them past its date, so not overdue) and 13 Green on track;
    and one archived action, which the page leaves out."""
    finding = FindingFactory(inspection=InspectionFactory(), number=1, text="Front door.")
    for n in range(12):
        ActionFactory(
            finding=finding,
            reference=f"1.{n + 1}",
            description=f"Overdue action {n + 1}.",
            target_date=days_ago(50 - n),
            position=n,
        )
    for n in range(2):
        ActionFactory(
            finding=finding, reference=f"1.{13 + n}", description=f"Red {n}.", rag=RAG.RED
        )
    for n in range(3):
        ActionFactory(
            finding=finding,
            reference=f"1.{15 + n}",
            description=f"Done {n}.",
            rag=RAG.COMPLETE,
            target_date=days_ago(90),
        )
    for n in range(13):
        ActionFactory(finding=finding, reference=f"1.{18 + n}", description=f"On track {n}.")
    ActionFactory(
        finding=finding, description="Withdrawn.", archived_at=timezone.now(), rag=RAG.RED
    )
    return finding


def page_of(client, finding, role=Role.EXECUTIVE):
    client.force_login(UserFactory(partnership=finding.plan.partnership, role=role))
    return client.get(finding.plan.inspection.get_absolute_url()).content.decode()


def test_a_large_area_shows_its_counts_in_words(client, large_area):
    page = page_of(client, large_area)
    assert "30 actions: 12 overdue, 3 complete." in page
    delivery = " ".join(page.split("Delivery: ")[1].split("Impact:")[0].split())
    assert ">Red</strong> 2" in delivery
    assert ">Green</strong> 25" in delivery
    assert ">Complete</strong> 3" in delivery


def test_a_large_area_lists_its_most_overdue_red_or_overdue_actions(client, large_area):
    page = page_of(client, large_area)
    assert f"The {PRESSING_LISTED} most overdue of its 14 Red or overdue actions" in page
    listed = [f"Overdue action {n}." for n in range(1, PRESSING_LISTED + 1)]
    for description in listed:
        assert description in page
    assert [page.index(d) for d in listed] == sorted(page.index(d) for d in listed)
    assert "Overdue action 11." not in page
    assert "On track 0." not in page
    assert "Done 0." not in page
    assert "Withdrawn." not in page


def test_a_large_area_links_to_all_its_actions_and_its_pressing_ones(client, large_area):
    page = page_of(client, large_area)
    actions = reverse("inspections:inspection_actions", args=[large_area.plan.inspection.pk])
    everything = f"{actions}?finding={large_area.pk}"
    pressing = f"{everything}&amp;needs_attention=on"
    assert f'href="{everything}">View the 30 actions in area for improvement 1</a>' in page
    assert f'href="{pressing}">View its 14 Red or overdue actions' in page

    listed = client.get(f"{everything}&needs_attention=on").content.decode()
    assert "Overdue action 12." in listed and "Red 1." in listed
    assert "On track 0." not in listed


def test_a_large_area_with_nothing_red_or_overdue_says_so(client):
    finding = FindingFactory(inspection=InspectionFactory(), number=1)
    for n in range(AREA_LISTED_IN_FULL + 1):
        ActionFactory(finding=finding, reference=f"1.{n + 1}")
    page = page_of(client, finding)
    assert "None of its actions is Red or overdue." in page
    assert f"View the {AREA_LISTED_IN_FULL + 1} actions in area for improvement 1" in page
    assert "View its" not in page


def test_an_area_of_up_to_the_limit_lists_every_action_in_the_plans_order(client):
    finding = FindingFactory(inspection=InspectionFactory(), number=1)
    for n in reversed(range(AREA_LISTED_IN_FULL)):
        ActionFactory(
            finding=finding,
            reference=f"1.{n + 1}",
            description=f"Step {n + 1}.",
            position=n,
            rag=RAG.RED if n == AREA_LISTED_IN_FULL - 1 else RAG.GREEN,
        )
    page = page_of(client, finding, role=Role.MANAGER)
    steps = [page.index(f"Step {n + 1}.") for n in range(AREA_LISTED_IN_FULL)]
    assert steps == sorted(steps)
    assert page.count(": move action 1.") == 2 * AREA_LISTED_IN_FULL - 2  # Up and Down
    assert "View the" not in page


def test_a_manager_is_not_offered_to_reorder_a_partial_list(client, large_area):
    page = page_of(client, large_area, role=Role.MANAGER)
    assert ": move action" not in page
    assert "Add an action" in page
