"""The executive's dashboard against a hand-built plan: every number, and where it leads."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.rag import RAG
from meetings.dashboard import plan_dashboard
from meetings.services import meeting_record
from tests.actions.conftest import propose
from tests.actions.test_action_lists import listed
from tests.factories import ActionFactory, FindingFactory, ProgressUpdateFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def hand_built(plan):
    """Two areas, two agencies, seven actions whose every number is known."""
    second_area = FindingFactory(
        inspection=plan.finding.plan.inspection, number=2, text="Training."
    )
    plan.action.delete()
    specs = [
        # ref, area, agency, rag, target
        ("1.1", plan.finding, plan.police, RAG.RED, days(-3)),  # red and overdue
        ("1.2", plan.finding, plan.police, RAG.GREEN, days(-1)),  # overdue behind a green
        ("1.3", plan.finding, plan.council, RAG.AMBER, days(30)),  # due soon
        ("1.4", plan.finding, plan.council, RAG.COMPLETE, days(-50)),  # complete: not overdue
        ("2.1", second_area, plan.council, RAG.GREEN, days(59)),  # due soon
        ("2.2", second_area, plan.police, RAG.NOT_STARTED, days(200)),
        ("2.3", second_area, plan.council, RAG.GREEN, days(120)),  # proposed complete
    ]
    actions = {
        ref: ActionFactory(
            finding=finding, reference=ref, lead_agency=agency, rag=rag, target_date=target
        )
        for ref, finding, agency, rag, target in specs
    }
    ActionFactory(
        finding=plan.finding, reference="1.9", lead_agency=plan.police, archived_at=timezone.now()
    )  # archived: counted nowhere
    return plan, actions


@pytest.mark.django_db
def test_every_dashboard_number_counts_the_hand_built_plan(client, hand_built):
    plan, actions = hand_built
    propose(actions["2.3"], plan.council_owner)
    board = plan_dashboard(inspection=plan.finding.plan.inspection, today=TODAY)

    assert board.total.count == 7
    assert {status.value: (cell.count, share) for status, cell, share in board.totals} == {
        "not_started": (1, 14),
        "red": (1, 14),
        "amber": (1, 14),
        "green": (3, 43),
        "complete": (1, 14),
    }
    assert board.overdue.count == 2
    assert board.due_soon.count == 2
    assert board.awaiting_agreement.count == 1
    assert board.not_updated is None  # no meeting yet
    assert [row.total.count for row in board.by_finding] == [4, 3]
    assert [[c.count for c in row.cells] for row in board.by_finding] == [
        [0, 1, 1, 1, 1],
        [1, 0, 0, 2, 0],
    ]
    by_agency = {row.label: [c.count for c in row.cells] for row in board.by_agency}
    assert by_agency == {
        "Lewisham Council": [0, 0, 1, 2, 1],
        "Metropolitan Police": [1, 1, 0, 1, 0],
    }
    assert [a.reference for a in board.exceptions] == ["1.1", "1.2"]


@pytest.mark.django_db
def test_every_dashboard_link_lists_exactly_the_actions_it_counts(client, hand_built):
    plan, actions = hand_built
    propose(actions["2.3"], plan.council_owner)
    meeting_record(
        plan=plan.finding.plan.inspection.plan,
        user=plan.manager,
        date=days(-7),
        title="LSCP executive",
    )
    ProgressUpdateFactory(action=actions["1.3"], author=plan.council_owner, date=days(-2))
    board = plan_dashboard(inspection=plan.finding.plan.inspection, today=TODAY)
    client.force_login(plan.executive)

    cells = [cell for _, cell, _ in board.totals] + [
        board.total,
        board.overdue,
        board.due_soon,
        board.awaiting_agreement,
        board.not_updated,
    ]
    for row in board.by_finding + board.by_agency:
        cells += row.cells + [row.total]
    for cell in cells:
        assert len(listed(client.get(cell.url))) == cell.count, cell.url
    # 2.3 was proposed complete after the meeting: that counts as an update since; 1.4 is
    # complete, so it needs none.
    assert sorted(listed(client.get(board.not_updated.url))) == ["1.1", "1.2", "2.1", "2.2"]


@pytest.mark.django_db
def test_the_dashboard_page_shows_the_numbers_and_links(client, hand_built):
    plan, _ = hand_built
    client.force_login(plan.executive)
    html = client.get(
        reverse("meetings:dashboard", args=[plan.finding.plan.inspection.pk])
    ).content.decode()
    assert re.search(r'overdue=on">\s*<span class="app-figure__number">2</span> overdue', html)
    assert "43%" in html
    assert "No meeting has been recorded yet" in html


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 1000])
def test_the_dashboard_runs_the_same_queries_however_big_the_plan(
    client, plan, django_assert_num_queries, count
):
    Action.objects.bulk_create(
        Action(
            finding=plan.finding,
            reference=f"B{n}",
            description="Bulk action.",
            lead_agency=plan.police if n % 2 else plan.council,
            lead_officer=plan.police_owner,
            target_date=days(n % 90 - 30),
            original_target_date=days(n % 90 - 30),
            success_measure="Measured.",
            rag=list(RAG)[n % 5],
        )
        for n in range(count)
    )
    inspection = plan.finding.plan.inspection
    meeting_record(plan=inspection.plan, user=plan.manager, date=days(-20), title="Exec")
    meeting_record(plan=inspection.plan, user=plan.manager, date=days(-5), title="Exec")
    Action.objects.filter(reference="B2").update(rag=RAG.RED)  # a change since the meeting
    client.force_login(plan.executive)

    # session, user, inspection, last meeting, RAG by area, by agency, areas, agencies, the
    # watch numbers, exceptions, the plan now, the last snapshot, the changed actions, the
    # meetings, the trend, closures to agree, the update round, the areas' measures with
    # their latest readings (their impact); the request's savepoints; and, for the
    # executive, the new target dates awaiting their decision
    with django_assert_num_queries(21):
        assert client.get(reverse("meetings:dashboard", args=[inspection.pk])).status_code == 200
    # The pack adds the executive's members, the last meeting's attendance and apologies,
    # the matters arising, the asks, the open challenges, the whole plan for its appendix
    # and the agencies to choose one's own pack from (the areas' impact comes with the
    # dashboard's queries, one more than before impact)
    # and the sustainability reviews due and the evidence index (its items, its areas); and
    # the highlight report's target dates decided and awaiting a decision (one query) and the
    # supporting agencies' contributions with their evidence counted (one)
    with django_assert_num_queries(33):
        assert client.get(reverse("meetings:meeting_pack", args=[inspection.pk])).status_code == 200
    # and the open update rounds, for the officer's banner (none is open here)
    with django_assert_num_queries(9):
        assert client.get(reverse("meetings:home")).status_code == 200
