"""Who may change what, enforced on the server for every request, not by hiding buttons."""

import pytest
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action
from tests.actions.conftest import propose
from tests.factories import ActionFactory, MeetingFactory

# view -> the people of the partnership who may use it
WRITE_VIEWS = {
    "actions:progress_update_new": {"manager", "police_owner"},
    "actions:closure_propose": {"manager", "police_owner"},
    "actions:closure_agree": {"manager", "executive"},
    "actions:action_reopen": {"manager", "executive"},
    "actions:action_edit": {"manager"},
    "actions:action_archive": {"manager"},
    "actions:action_new": {"manager"},
}
PEOPLE = ["manager", "police_owner", "council_owner", "executive", "scrutineer"]


def url_for(view, plan, action):
    if view == "actions:action_new":
        return reverse(view, args=[plan.finding.pk])
    return reverse(view, args=[action.pk])


def action_for(view, plan):
    if view in ("actions:closure_agree", "actions:action_reopen"):
        propose(plan.action, plan.police_owner)
        plan.action.refresh_from_db()
    if view == "actions:action_reopen":  # only a complete action reopens
        services.closure_agree(
            action=plan.action,
            user=plan.executive,
            agreed_on=timezone.localdate(),
            meeting=MeetingFactory(plan=plan.finding.plan, recorded_by=plan.manager),
            expected_version=plan.action.version,
        )
        plan.action.refresh_from_db()
    return plan.action


@pytest.mark.django_db
@pytest.mark.parametrize("view", WRITE_VIEWS)
@pytest.mark.parametrize("person", PEOPLE)
def test_each_role_may_open_only_the_forms_it_may_use(client, plan, view, person):
    action = action_for(view, plan)
    client.force_login(getattr(plan, person))
    response = client.get(url_for(view, plan, action))
    expected = 200 if person in WRITE_VIEWS[view] else 403
    assert response.status_code == expected


FORBIDDEN = [(view, p) for view, allowed in WRITE_VIEWS.items() for p in PEOPLE if p not in allowed]


@pytest.mark.django_db
@pytest.mark.parametrize(("view", "person"), FORBIDDEN)
def test_a_refused_post_changes_nothing(client, plan, view, person):
    action = action_for(view, plan)
    before = (action.version, action.rag, Action.objects.count(), action.updates.count())
    client.force_login(getattr(plan, person))

    response = client.post(
        url_for(view, plan, action),
        {
            "version": action.version,
            "rag": "red",
            "narrative": "x",
            "rag_change_reason": "x",
            "reason": "x",
            "reference": "9.9",
            "description": "x",
            "lead_agency": plan.police.pk,
            "target_date_0": "1",
            "target_date_1": "1",
            "target_date_2": "2030",
            "success_measure": "x",
            "evidence_of_impact": "x",
            "sustainability_plan": "x",
            "agreed_on_0": "1",
            "agreed_on_1": "1",
            "agreed_on_2": "2024",
            "meeting": "x",
        },
    )

    assert response.status_code == 403
    action.refresh_from_db()
    assert (action.version, action.rag, Action.objects.count(), action.updates.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize("view", [*WRITE_VIEWS, "actions:action_detail", "actions:action_move"])
def test_another_partnerships_people_get_not_found(client, plan, view):
    action = action_for(view, plan) if view in WRITE_VIEWS else plan.action
    client.force_login(plan.stranger)
    url = url_for(view, plan, action)
    response = (
        client.post(url, {"direction": "up"}) if view == "actions:action_move" else client.get(url)
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_owner_may_update_every_action_their_agency_leads_not_just_their_own(client, plan):
    colleagues_action = ActionFactory(finding=plan.finding, lead_agency=plan.police)
    client.force_login(plan.police_owner)
    assert (
        client.get(reverse("actions:progress_update_new", args=[colleagues_action.pk])).status_code
        == 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize("person", ["police_owner", "executive", "scrutineer"])
def test_only_managers_may_reorder(client, plan, person):
    ActionFactory(finding=plan.finding, lead_agency=plan.police)
    client.force_login(getattr(plan, person))
    assert (
        client.post(
            reverse("actions:action_move", args=[plan.action.pk]), {"direction": "down"}
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_the_action_page_offers_each_person_only_what_they_may_do(client, plan):
    url = plan.action.get_absolute_url()
    client.force_login(plan.police_owner)
    page = client.get(url).content.decode()
    assert "Record a progress update" in page
    assert "Edit action" not in page

    client.force_login(plan.scrutineer)
    page = client.get(url).content.decode()
    assert "Record a progress update" not in page
    assert "Propose complete" not in page
    assert "Edit action" not in page


# Pages of an inspection only its partnership's managers may open.
MANAGER_PAGES = [
    "statements:statement_edit",
    "statements:statement_submit",
    "spreadsheets:plan_import",
]


@pytest.mark.django_db
@pytest.mark.parametrize("view", MANAGER_PAGES)
@pytest.mark.parametrize("person", PEOPLE)
def test_only_managers_may_open_the_plans_set_up_pages(client, plan, view, person):
    client.force_login(getattr(plan, person))
    response = client.get(reverse(view, args=[plan.finding.plan.inspection.pk]))
    assert response.status_code == (200 if person == "manager" else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("person", PEOPLE)
def test_only_managers_may_record_a_meeting_or_start_from_a_letter(client, plan, person):
    client.force_login(getattr(plan, person))
    meeting = client.post(
        reverse("meetings:meeting_list", args=[plan.finding.plan.inspection.pk]),
        {"title": "LSCP executive"},
    )
    letter = client.get(reverse("inspections:letter_upload"))
    allowed = person == "manager"
    assert meeting.status_code == (200 if allowed else 403)  # 200: the form, with its errors
    assert letter.status_code == (200 if allowed else 403)


INSPECTION_PAGES = [
    "inspections:inspection_detail",
    "inspections:inspection_actions",
    "meetings:dashboard",
    "meetings:meeting_pack",
    "meetings:meeting_list",
    "statements:statement_preview",
    "statements:statement_download",
    "spreadsheets:plan_xlsx",
    "spreadsheets:plan_csv",
    "statements:statement_edit",
    "statements:statement_submit",
    "spreadsheets:plan_import",
    "meetings:meeting_pack_download",
]


@pytest.mark.django_db
@pytest.mark.parametrize("view", INSPECTION_PAGES)
def test_another_partnerships_manager_finds_none_of_the_inspections_pages(client, plan, view):
    client.force_login(plan.stranger)
    assert client.get(reverse(view, args=[plan.finding.plan.inspection.pk])).status_code == 404
