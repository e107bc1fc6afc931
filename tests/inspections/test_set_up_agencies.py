"""A manager keeps the partnership's list of partner agencies in the browser."""

import pytest
from django.urls import reverse

from actions.models import Action
from audit.models import AuditEvent, EventKind
from partnerships.models import Agency, AgencyKind
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    FindingFactory,
    PartnershipFactory,
    UserFactory,
)


@pytest.fixture
def partnership(db):
    return PartnershipFactory(local_area="London Borough of Lewisham")


@pytest.fixture
def manager(partnership):
    return UserFactory(partnership=partnership, role=Role.MANAGER, agency__name="LSCP")


@pytest.fixture
def police(partnership):
    return AgencyFactory(
        partnership=partnership,
        name="Metropolitan Police Service",
        short_name="Police",
        kind=AgencyKind.POLICE,
    )


def test_the_list_shows_each_agency_with_its_people_and_lead_actions(
    client, manager, police, django_assert_num_queries
):
    UserFactory.create_batch(2, partnership=manager.partnership, agency=police)
    ActionFactory.create_batch(
        3, lead_agency=police, finding__plan__partnership=manager.partnership
    )
    AgencyFactory(name="Northbrook Council")  # another partnership's
    client.force_login(manager)

    # session, user (with partnership), the agencies with their counts, in a savepoint pair
    with django_assert_num_queries(5):
        response = client.get(reverse("inspections:agency_list"))

    html = response.content.decode()
    assert response.status_code == 200
    row = html.split("Metropolitan Police Service</th>")[1].split("</tr>")[0]
    assert ">Police<" in row
    assert "Police</td>" in row and ">2<" in row and ">3<" in row
    assert "Northbrook Council" not in html


def test_the_list_costs_the_same_however_many_agencies(
    client, manager, police, django_assert_num_queries
):
    for n in range(5):
        agency = AgencyFactory(partnership=manager.partnership, name=f"Trust {n}")
        UserFactory(partnership=manager.partnership, agency=agency)
    client.force_login(manager)
    with django_assert_num_queries(5):
        client.get(reverse("inspections:agency_list"))


def test_a_manager_adds_an_agency(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:agency_new"),
        {"name": "Metropolitan Police", "short_name": "Police", "kind": "police"},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Metropolitan Police")
    assert (agency.partnership, agency.short_name, agency.kind) == (
        manager.partnership,
        "Police",
        AgencyKind.POLICE,
    )
    event = AuditEvent.objects.get(kind=EventKind.SETTINGS_CHANGED)
    assert event.detail == "Added agency Metropolitan Police"
    assert event.partnership == manager.partnership
    assert "Metropolitan Police has been added" in client.get(response["Location"]).content.decode()


def test_a_duplicate_name_is_refused_with_a_clear_message(client, manager, police):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:agency_new"),
        {"name": "metropolitan police service", "short_name": "", "kind": "police"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<title>Error: ") == 1
    assert error_summary_messages(html) == [
        "Your partnership already has an agency called metropolitan police service"
    ]
    assert_error_summary_links_reach_inputs(html)
    assert 'value="metropolitan police service"' in html
    assert Agency.objects.filter(partnership=manager.partnership).count() == 2


def test_the_same_name_is_fine_in_another_partnership(client, manager):
    AgencyFactory(name="Metropolitan Police Service")
    client.force_login(manager)
    response = client.post(
        reverse("inspections:agency_new"), {"name": "Metropolitan Police Service", "kind": "police"}
    )
    assert response.status_code == 302


def test_missing_answers_are_named_in_govuk_words(client, manager):
    client.force_login(manager)
    html = client.post(reverse("inspections:agency_new"), {"name": "", "kind": ""}).content.decode()
    assert error_summary_messages(html) == ["Enter the agency's name", "Select the kind of agency"]
    assert_error_summary_links_reach_inputs(html)


def test_a_manager_renames_an_agency(client, manager, police):
    client.force_login(manager)
    page = client.get(reverse("inspections:agency_edit", args=[police.pk])).content.decode()
    assert 'value="Metropolitan Police Service"' in page
    response = client.post(
        reverse("inspections:agency_edit", args=[police.pk]),
        {"name": "Met Police", "short_name": "Police", "kind": "police", "version": police.version},
    )
    assert response.status_code == 302
    police.refresh_from_db()
    assert police.name == "Met Police"
    assert AuditEvent.objects.get(kind=EventKind.SETTINGS_CHANGED).detail == (
        "Changed agency Met Police (was Metropolitan Police Service)"
    )


def test_renaming_to_another_agencys_name_is_refused(client, manager, police):
    client.force_login(manager)
    html = client.post(
        reverse("inspections:agency_edit", args=[police.pk]),
        {"name": manager.agency.name, "kind": "police", "version": police.version},
    ).content.decode()
    assert error_summary_messages(html) == ["Your partnership already has an agency called LSCP"]
    police.refresh_from_db()
    assert police.name == "Metropolitan Police Service"


def test_an_unused_agency_is_removed_after_confirmation(client, manager):
    agency = AgencyFactory(partnership=manager.partnership, name="Whittington Health")
    client.force_login(manager)
    page = client.get(reverse("inspections:agency_remove", args=[agency.pk])).content.decode()
    assert "Remove Whittington Health?" in page
    assert Agency.objects.filter(pk=agency.pk).exists()

    response = client.post(reverse("inspections:agency_remove", args=[agency.pk]))
    assert response.status_code == 302
    assert not Agency.objects.filter(pk=agency.pk).exists()
    assert (
        AuditEvent.objects.get(kind=EventKind.SETTINGS_CHANGED).detail
        == "Removed agency Whittington Health"
    )


@pytest.mark.parametrize("use", ["person", "lead", "supporting", "archived lead"])
def test_an_agency_in_use_cannot_be_removed_and_the_page_says_why(client, manager, police, use):
    finding = FindingFactory(inspection__partnership=manager.partnership)
    if use == "person":
        UserFactory(partnership=manager.partnership, agency=police)
        reason = "1 person belongs to it"
    elif use == "supporting":
        ActionFactory(finding=finding).supporting_agencies.add(police)
        reason = "It supports 1 action"
    else:
        action = ActionFactory(finding=finding, lead_agency=police)
        if use == "archived lead":
            Action.objects.filter(pk=action.pk).update(archived_at="2025-01-01T00:00Z")
        reason = "It leads 1 action"
    client.force_login(manager)

    for response in (
        client.get(reverse("inspections:agency_remove", args=[police.pk])),
        client.post(reverse("inspections:agency_remove", args=[police.pk])),
    ):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Metropolitan Police Service cannot be removed" in html
        assert reason in html
        assert "Remove agency</button>" not in html
    assert Agency.objects.filter(pk=police.pk).exists()
    assert not AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).exists()


@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE, Role.SCRUTINEER])
def test_other_roles_are_refused(client, partnership, police, role):
    client.force_login(UserFactory(partnership=partnership, role=role))
    for url in (
        reverse("inspections:agency_list"),
        reverse("inspections:agency_new"),
        reverse("inspections:agency_edit", args=[police.pk]),
        reverse("inspections:agency_remove", args=[police.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("inspections:agency_remove", args=[police.pk])).status_code == 403
    assert Agency.objects.filter(pk=police.pk).exists()


def test_another_partnerships_agency_is_not_found(client, police):
    other_manager = UserFactory(role=Role.MANAGER)
    client.force_login(other_manager)
    assert client.get(reverse("inspections:agency_list")).status_code == 200
    assert (
        "Metropolitan Police Service"
        not in client.get(reverse("inspections:agency_list")).content.decode()
    )
    for name in ("inspections:agency_edit", "inspections:agency_remove"):
        assert client.get(reverse(name, args=[police.pk])).status_code == 404
        assert client.post(reverse(name, args=[police.pk]), {"name": "Taken"}).status_code == 404
    police.refresh_from_db()
    assert police.name == "Metropolitan Police Service"
