"""Managers create, edit, reorder and archive the actions under a finding."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from tests.actions.test_edit_conflict import edit_data
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, ProgressUpdateFactory


@pytest.mark.django_db
def test_a_manager_adds_an_action_with_a_suggested_reference(client, plan):
    client.force_login(plan.manager)
    url = reverse("actions:action_new", args=[plan.finding.pk])
    assert 'value="1.2"' in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "version": 0,
            "reference": "1.2",
            "description": "Second out-of-hours social worker.",
            "lead_agency": plan.council.pk,
            "lead_officer": plan.council_owner.pk,
            "supporting_agencies": [plan.police.pk],
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2026",
            "target_date_0": "31",
            "target_date_1": "3",
            "target_date_2": "2027",
            "success_measure": "Two workers on every shift.",
        },
    )

    action = Action.objects.get(reference="1.2")
    assert response["Location"] == action.get_absolute_url()
    assert action.target_date == action.original_target_date == datetime.date(2027, 3, 31)
    assert action.start_date == datetime.date(2026, 4, 1)
    assert list(action.supporting_agencies.all()) == [plan.police]
    assert action.position > plan.action.position


@pytest.mark.django_db
def test_bad_dates_are_named_and_what_was_typed_stays(client, plan):
    client.force_login(plan.manager)
    response = client.post(
        reverse("actions:action_new", args=[plan.finding.pk]),
        {
            "version": 0,
            "reference": "1.2",
            "description": "Keep my words.",
            "lead_agency": plan.council.pk,
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2027",
            "target_date_0": "31",
            "target_date_1": "2",
            "target_date_2": "2027",
            "success_measure": "",
        },
    )
    html = response.content.decode()
    assert error_summary_messages(html) == [
        "The target date must be a real date",
        "Enter how success will be measured",
    ]
    assert "Keep my words." in html
    assert_error_summary_links_reach_inputs(html)
    assert not Action.objects.filter(reference="1.2").exists()


@pytest.mark.django_db
def test_a_target_date_before_the_start_is_refused(client, plan):
    client.force_login(plan.manager)
    response = client.post(
        reverse("actions:action_new", args=[plan.finding.pk]),
        {
            "version": 0,
            "reference": "1.2",
            "description": "x",
            "lead_agency": plan.council.pk,
            "start_date_0": "1",
            "start_date_1": "4",
            "start_date_2": "2027",
            "target_date_0": "1",
            "target_date_1": "3",
            "target_date_2": "2027",
            "success_measure": "x",
        },
    )
    assert error_summary_messages(response.content.decode()) == [
        "The target date must be on or after the start date"
    ]


@pytest.mark.django_db
def test_a_new_target_date_needs_a_reason_and_keeps_the_original(client, plan):
    client.force_login(plan.manager)
    url = reverse("actions:action_edit", args=[plan.action.pk])
    original = plan.action.target_date
    later = original + datetime.timedelta(days=120)
    new_date = {
        "target_date_0": later.day,
        "target_date_1": later.month,
        "target_date_2": later.year,
    }

    refused = client.post(url, edit_data(plan.action, plan.action.version, **new_date))
    assert error_summary_messages(refused.content.decode()) == [
        f"Explain why the target date has changed from {original:%-d %B %Y}"
    ]

    client.post(
        url,
        edit_data(
            plan.action,
            plan.action.version,
            **new_date,
            target_date_change_reason="Reprogrammed with executive approval.",
        ),
    )
    plan.action.refresh_from_db()
    assert plan.action.target_date == later
    assert plan.action.original_target_date == original
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert f"Re-baselined from {original:%-d %B %Y}" in page
    assert "Reprogrammed with executive approval." in page


@pytest.mark.django_db
def test_a_manager_reorders_actions_without_changing_their_references(client, plan):
    second = ActionFactory(finding=plan.finding, reference="1.2", lead_agency=plan.police)
    third = ActionFactory(finding=plan.finding, reference="1.3", lead_agency=plan.police)
    client.force_login(plan.manager)

    client.post(reverse("actions:action_move", args=[third.pk]), {"direction": "up"})

    order = list(plan.finding.actions.order_by("position").values_list("reference", flat=True))
    assert order == ["1.1", "1.3", "1.2"]
    page = client.get(plan.finding.plan.inspection.get_absolute_url()).content.decode()
    assert page.index(third.description) <= page.index(second.description)
    assert page.index(f'id="action-{third.pk}"') < page.index(f'id="action-{second.pk}"')


@pytest.mark.django_db
def test_an_action_with_updates_is_archived_never_deleted_and_can_come_back(client, plan):
    ProgressUpdateFactory(action=plan.action, author=plan.police_owner)
    client.force_login(plan.manager)
    url = reverse("actions:action_archive", args=[plan.action.pk])

    client.post(url, {"version": plan.action.version})

    plan.action.refresh_from_db()
    assert plan.action.is_archived
    assert plan.action.updates.count() == 1
    inspection_page = client.get(plan.finding.plan.inspection.get_absolute_url()).content.decode()
    assert plan.action.description not in inspection_page
    listed = client.get(
        reverse("inspections:inspection_actions", args=[plan.finding.plan.inspection.pk])
    )
    assert plan.action.description not in listed.content.decode()
    with_archived = client.get(
        reverse("inspections:inspection_actions", args=[plan.finding.plan.inspection.pk]),
        {"archived": "on"},
    )
    assert plan.action.description in with_archived.content.decode()

    client.force_login(plan.police_owner)
    assert (
        client.get(reverse("actions:progress_update_new", args=[plan.action.pk])).status_code == 403
    )

    client.force_login(plan.manager)
    client.post(url, {"version": plan.action.version})
    plan.action.refresh_from_db()
    assert not plan.action.is_archived


@pytest.mark.django_db
def test_a_reference_already_used_in_the_area_is_refused_in_plain_words(client, plan):
    client.force_login(plan.manager)
    response = client.post(
        reverse("actions:action_new", args=[plan.finding.pk]),
        {
            "version": 0,
            "reference": "1.1",
            "description": "Duplicate.",
            "lead_agency": plan.council.pk,
            "target_date_0": "31",
            "target_date_1": "3",
            "target_date_2": "2027",
            "success_measure": "x",
        },
    )
    assert error_summary_messages(response.content.decode()) == [
        "Action 1.1 already exists in area for improvement 1: choose another reference"
    ]
    assert plan.finding.actions.count() == 1
