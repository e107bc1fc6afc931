"""My actions and an inspection's actions: filters in the URL, sorting, pages, counts."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.rag import RAG
from tests.actions.conftest import propose
from tests.factories import ActionFactory, ProgressUpdateFactory, UserFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


# What the lists cost, whatever they hold (counted in
# test_the_lists_run_the_same_queries_however_many_actions).
MY_ACTIONS_QUERIES = 11
PLAN_LIST_QUERIES = 10


def listed(response) -> list[str]:
    """The action references in the list, in the order shown, across its parts."""
    return re.findall(
        r'<td class="govuk-table__cell" data-label="No.">([\w.]+)</td>', page(response)
    )


def headings(response) -> list[str]:
    return re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', page(response))


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def actions(plan):
    """A hand-built plan whose every action is picked out by one filter."""
    plan.action.reference, plan.action.rag, plan.action.target_date = "A", RAG.GREEN, days(200)
    plan.action.save()
    made = {"A": plan.action}
    specs = {
        "B": dict(
            rag=RAG.RED,
            target_date=days(-5),
            lead_agency=plan.council,
            description="Recruit emergency duty social workers",
        ),
        "C": dict(rag=RAG.AMBER, target_date=days(20), lead_agency=plan.police),
        "D": dict(rag=RAG.GREEN, target_date=days(50), lead_agency=plan.council),
        "E": dict(rag=RAG.COMPLETE, target_date=days(-40), lead_agency=plan.police),
    }
    for reference, fields in specs.items():
        made[reference] = ActionFactory(finding=plan.finding, reference=reference, **fields)
    ProgressUpdateFactory(action=made["C"], author=plan.police_owner, date=days(-3))
    ProgressUpdateFactory(action=made["D"], author=plan.council_owner, date=days(-100))
    propose(made["A"], plan.police_owner)
    return made


def inspection_list(client, plan, **params):
    return client.get(
        reverse("inspections:inspection_actions", args=[plan.finding.plan.inspection.pk]), params
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["A", "B", "C", "D", "E"]),
        ({"rag": "red"}, ["B"]),
        ({"rag": ["red", "amber"]}, ["B", "C"]),
        ({"overdue": "on"}, ["B"]),
        ({"due_within": "30"}, ["C"]),
        ({"due_within": "60"}, ["C", "D"]),
        ({"not_updated_for": "60"}, ["D"]),
        ({"proposed_complete": "on"}, ["A"]),
        ({"q": "emergency duty"}, ["B"]),
        ({"lead_agency": "council"}, ["B", "D"]),
        ({"lead_officer": "police_owner"}, ["A"]),
    ],
)
def test_each_filter_picks_out_exactly_its_actions(client, plan, actions, params, expected):
    # Not updated for 60 days counts an action never updated from its creation: B and E
    # were created today, so only D (last updated 100 days ago) is stale.
    if params.get("lead_agency") == "council":
        params["lead_agency"] = plan.council.pk
    if params.get("lead_officer") == "police_owner":
        params["lead_officer"] = plan.police_owner.pk
    client.force_login(plan.executive)
    response = inspection_list(client, plan, **params)
    assert sorted(listed(response)) == expected
    count = len(expected)
    assert f"{count} action{'s' if count != 1 else ''}" in response.content.decode()


@pytest.mark.django_db
def test_filters_combine_and_stay_in_the_url_for_sharing(client, plan, actions):
    client.force_login(plan.executive)
    response = inspection_list(
        client, plan, rag=["red", "green"], lead_agency=plan.council.pk, sort="-target"
    )
    assert listed(response) == ["D", "B"]
    html = response.content.decode()
    checked = re.findall(r'value="(\w+)"\s+checked="checked"', html)
    assert checked == ["red", "green"]  # the filter form shows what was chosen
    # Sorting links keep the filters.
    assert "rag=red&amp;rag=green" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("target", ["E", "B", "C", "D", "A"]),
        ("-target", ["A", "D", "C", "B", "E"]),
        ("status", ["E", "A", "D", "C", "B"]),
        ("-reference", ["E", "D", "C", "B", "A"]),
    ],
)
def test_columns_sort_both_ways(client, plan, actions, sort, expected):
    client.force_login(plan.executive)
    assert listed(inspection_list(client, plan, sort=sort)) == expected


@pytest.mark.django_db
def test_long_lists_come_in_pages_of_50(client, plan):
    for n in range(60):
        ActionFactory(finding=plan.finding, reference=f"P{n:02}", lead_agency=plan.police)
    client.force_login(plan.executive)

    first = inspection_list(client, plan, sort="reference")
    second = inspection_list(client, plan, sort="reference", page=2)

    assert len(listed(first)) == 50
    assert len(listed(second)) == 11
    assert "61 actions" in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    assert "sort=reference&amp;page=2" in first.content.decode()


@pytest.mark.django_db
def test_my_actions_lists_mine_first_then_my_agencys(client, plan, actions):
    colleague = UserFactory(partnership=plan.partnership, agency=plan.police)
    mine_later = ActionFactory(
        finding=plan.finding,
        reference="M",
        lead_agency=plan.police,
        lead_officer=plan.police_owner,
        target_date=days(300),
    )
    theirs_sooner = ActionFactory(
        finding=plan.finding,
        reference="T",
        lead_agency=plan.police,
        lead_officer=colleague,
        target_date=days(1),
    )
    client.force_login(plan.police_owner)

    shown = listed(client.get(reverse("actions:my_actions")))

    assert shown[:2] == ["A", mine_later.reference]  # mine, by target date
    assert set(shown[2:]) == {"C", "E", theirs_sooner.reference}  # the rest of my agency's
    assert "B" not in shown and "D" not in shown  # the council's


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 120])
def test_the_lists_run_the_same_queries_however_many_actions(
    client, plan, django_assert_num_queries, count
):
    for n in range(count):
        action = ActionFactory(
            finding=plan.finding,
            reference=f"Q{n}",
            lead_agency=plan.police,
            lead_officer=plan.police_owner,
        )
        ProgressUpdateFactory(action=action, author=plan.police_owner)
    propose(plan.action, plan.police_owner)
    client.force_login(plan.police_owner)

    # session, user, count, page of actions, and the filter's choices: findings,
    # agencies, officers; the request's savepoints; and the open update rounds, for the
    # banner (rounds.templatetags.update_rounds.my_rounds; none is open here); and whether
    # the list spans plans, so each row names its plan
    with django_assert_num_queries(MY_ACTIONS_QUERIES):
        client.get(reverse("actions:my_actions"), {"rag": "green"})
    with django_assert_num_queries(PLAN_LIST_QUERIES):  # the inspection, not whether it spans plans
        inspection_list(client, plan, rag="green")


@pytest.mark.django_db
def test_an_action_re_baselined_shows_the_same_in_the_list_and_the_page(client, plan):
    services.action_edit(
        action=plan.action,
        user=plan.manager,
        expected_version=plan.action.version,
        details={"target_date": days(90)},
        supporting_agencies=[],
        target_date_change_reason="Approved.",
    )
    client.force_login(plan.executive)
    assert "Re-baselined from" in client.get(plan.action.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_my_completed_actions_come_after_my_open_ones(client, plan, actions):
    done_sooner = ActionFactory(
        finding=plan.finding,
        reference="K",
        lead_agency=plan.police,
        lead_officer=plan.police_owner,
        rag=RAG.COMPLETE,
        target_date=days(-30),  # due before everything else of mine
    )
    client.force_login(plan.police_owner)

    shown = listed(client.get(reverse("actions:my_actions")))

    # Mine: the open one first, then the completed one, though its date came sooner; then
    # my agency's, the completed E last of them.
    assert shown[:2] == ["A", done_sooner.reference]
    assert shown[-1] == "E"


@pytest.mark.django_db
def test_my_actions_heads_what_i_lead_apart_from_colleagues_and_what_my_agency_supports(
    client, plan, actions
):
    colleague = UserFactory(partnership=plan.partnership, agency=plan.police)
    ActionFactory(
        finding=plan.finding, reference="T", lead_agency=plan.police, lead_officer=colleague
    )
    supported = ActionFactory(finding=plan.finding, reference="S", lead_agency=plan.council)
    supported.supporting_agencies.add(plan.police)
    client.force_login(plan.police_owner)

    response = client.get(reverse("actions:my_actions"))

    assert headings(response)[:3] == [
        "Actions you lead",
        "Led by colleagues in your agency",
        "Actions your agency supports",
    ]
    parts = page(response).split('<h2 class="govuk-heading-m">')
    assert "T" in listed_in(parts[2]) and "A" not in listed_in(parts[2])
    assert listed_in(parts[3]) == ["S"]  # supported, though the council leads it
    assert "B" not in listed(response)  # the council's own, not supported by the police


@pytest.mark.django_db
def test_sorting_my_actions_sorts_within_each_part(client, plan, actions):
    client.force_login(plan.police_owner)

    shown = listed(client.get(reverse("actions:my_actions"), {"sort": "-target"}))

    assert shown[0] == "A"  # mine, though my colleagues' are due later
    assert shown.index("A") < shown.index("C") and shown.index("A") < shown.index("E")


def listed_in(html: str) -> list[str]:
    return re.findall(r'<td class="govuk-table__cell" data-label="No.">([\w.]+)</td>', html)


@pytest.mark.django_db
def test_a_list_spanning_inspections_names_each_actions_inspection(client, plan):
    from tests.factories import FindingFactory, InspectionFactory

    later = InspectionFactory(
        partnership=plan.partnership,
        onsite_start=datetime.date(2025, 3, 3),
        onsite_end=datetime.date(2025, 3, 7),
    )
    ActionFactory(finding=FindingFactory(inspection=later, number=1), lead_agency=plan.police)
    client.force_login(plan.police_owner)
    area = plan.partnership.local_area

    body = page(client.get(reverse("actions:my_actions")))
    body_all = page(client.get(reverse("actions:my_actions"), {"q": ""}))

    assert f"JTAI {area} 2022, area 1" in body and f"JTAI {area} 2025, area 1" in body
    # The filter's areas say which inspection each belongs to.
    assert f">JTAI {area} 2025, area 1: Area for improvement" in body_all
    assert f">JTAI {area} 2022, area 1: Staffing capacity in the EDT.<" in body_all


@pytest.mark.django_db
def test_the_filters_fold_on_a_phone_unless_some_are_applied(client, plan):
    client.force_login(plan.police_owner)

    plain = page(client.get(reverse("actions:my_actions")))
    filtered = page(client.get(reverse("actions:my_actions"), {"rag": "red"}))

    assert '<details class="govuk-details app-filters" open data-fold-on-mobile>' in plain
    assert "Filter actions (filters applied)" in filtered
    assert "data-fold-on-mobile" not in filtered
