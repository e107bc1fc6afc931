"""A manager corrects an inspection's details and moves its status on, without the admin."""

import datetime

import pytest
from django.urls import reverse

from actions.models import PlanStatus
from audit.models import AuditEvent, EventKind
from inspections.models import Inspection, Inspectorate
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import FindingFactory, InspectionFactory, UserFactory
from tests.inspections.test_create_inspection_by_hand import date


@pytest.fixture
def inspection(db):
    inspection = InspectionFactory(
        addressees="Director of Children's Services\nChief Constable",
        strengths="Strong leadership.\nA well-run front door.",
    )
    inspection.inspectorates.set(Inspectorate.objects.filter(short_name__in=["Ofsted", "CQC"]))
    FindingFactory(inspection=inspection, number=1)
    return inspection


@pytest.fixture
def manager(inspection):
    return UserFactory(partnership=inspection.partnership, role=Role.MANAGER)


def as_shown(client, inspection) -> dict:
    """What the edit page's form posts back unchanged, read from the page."""
    html = client.get(reverse("inspections:inspection_edit", args=[inspection.pk])).content.decode()
    assert f'name="version" value="{inspection.version}"' in html
    return {
        "version": str(inspection.version),
        "status": inspection.plan.status,
        "subject": inspection.subject,
        "inspectorates": ["Ofsted", "CQC"],
        **date("onsite_start", 21, 11, 2022),
        **date("onsite_end", 25, 11, 2022),
        **date("letter_date", 31, 1, 2023),
        **date("statement_due", 11, 5, 2023),
        "addressees": "Director of Children's Services\nChief Constable",
        "strengths": "Strong leadership.\n\nA well-run front door.",
    }


def test_the_inspection_page_links_to_the_edit_pages_for_managers_only(client, inspection, manager):
    client.force_login(manager)
    html = client.get(inspection.get_absolute_url()).content.decode()
    assert reverse("inspections:inspection_edit", args=[inspection.pk]) in html
    assert reverse("inspections:finding_list", args=[inspection.pk]) in html
    client.force_login(UserFactory(partnership=inspection.partnership, role=Role.EXECUTIVE))
    html = client.get(inspection.get_absolute_url()).content.decode()
    assert reverse("inspections:inspection_edit", args=[inspection.pk]) not in html
    assert reverse("inspections:finding_list", args=[inspection.pk]) not in html


def test_a_manager_changes_the_status_and_the_due_date(client, inspection, manager):
    client.force_login(manager)
    data = as_shown(client, inspection)
    data.update(status=PlanStatus.MONITORING, **date("statement_due", 15, 5, 2023))
    data["inspectorates"] = ["Ofsted", "CQC", "HMICFRS"]

    response = client.post(reverse("inspections:inspection_edit", args=[inspection.pk]), data)

    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.plan.status == PlanStatus.MONITORING
    assert inspection.statement_due == datetime.date(2023, 5, 15)
    assert inspection.strength_list == ["Strong leadership.", "A well-run front door."]
    assert inspection.inspectorates.count() == 3
    assert inspection.plan.findings.count() == 1  # the findings have their own pages
    assert AuditEvent.objects.get(kind=EventKind.INSPECTION_SET_UP).detail == (
        f"Changed the details of the inspection of {inspection.partnership.local_area} "
        f"({inspection.subject}): statement due date, status, inspectorates"
    )
    assert not AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).exists()


def test_a_stale_save_is_refused_and_keeps_what_was_typed(client, inspection, manager):
    client.force_login(manager)
    mine = as_shown(client, inspection)
    theirs = as_shown(client, inspection)
    theirs["principal_authority"] = "London Borough of Lewisham"
    assert (
        client.post(
            reverse("inspections:inspection_edit", args=[inspection.pk]), theirs
        ).status_code
        == 302
    )

    mine["principal_authority"] = "Lewisham Council"
    response = client.post(reverse("inspections:inspection_edit", args=[inspection.pk]), mine)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert error_summary_messages(html)[0].startswith(
        "Someone else changed this inspection's details while you were working on them"
    )
    assert_error_summary_links_reach_inputs(html)
    assert 'value="Lewisham Council"' in html
    inspection.refresh_from_db()
    assert inspection.principal_authority == "London Borough of Lewisham"
    # Saving again, having seen the refusal, goes through.
    assert f'name="version" value="{inspection.version}"' in html
    mine["version"] = str(inspection.version)
    assert (
        client.post(reverse("inspections:inspection_edit", args=[inspection.pk]), mine).status_code
        == 302
    )
    inspection.refresh_from_db()
    assert inspection.principal_authority == "Lewisham Council"


def test_wrong_answers_are_explained(client, inspection, manager):
    client.force_login(manager)
    data = as_shown(client, inspection)
    data.update(subject="", status="", **date("onsite_end", 1, 1, 2022))
    html = client.post(
        reverse("inspections:inspection_edit", args=[inspection.pk]), data
    ).content.decode()
    assert error_summary_messages(html) == [
        "Select the inspection's status",
        "Enter what was inspected",
        "The last day on site must be on or after the first",
    ]
    assert_error_summary_links_reach_inputs(html)
    assert Inspection.objects.get().subject


def test_a_letter_dated_before_the_last_day_on_site_is_refused(client, inspection, manager):
    client.force_login(manager)
    data = as_shown(client, inspection)
    data.update(**date("letter_date", 24, 11, 2022), **date("statement_due", 1, 11, 2022))
    response = client.post(reverse("inspections:inspection_edit", args=[inspection.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(html) == [
        "The date of the letter must be after the last day on site",
        "The written statement due date must be after the date of the letter",
    ]
    assert_error_summary_links_reach_inputs(html)
    inspection.refresh_from_db()
    assert inspection.letter_date != datetime.date(2022, 11, 24)


@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE, Role.SCRUTINEER])
def test_other_roles_are_refused(client, inspection, role):
    client.force_login(UserFactory(partnership=inspection.partnership, role=role))
    assert (
        client.get(reverse("inspections:inspection_edit", args=[inspection.pk])).status_code == 403
    )


def test_another_partnerships_inspection_is_not_found(client, inspection):
    client.force_login(UserFactory(role=Role.MANAGER))
    url = reverse("inspections:inspection_edit", args=[inspection.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"subject": "Taken over"}).status_code == 404
