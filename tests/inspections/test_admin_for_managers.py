"""Until partnerships get set-up pages, managers use the Django admin, narrowed to their own."""

import re

import pytest

from actions.models import Action
from inspections.models import Agency, Inspection


@pytest.mark.django_db
def test_a_manager_sees_only_their_own_partnerships_actions(client, demo):
    client.force_login(demo["manager"])
    response = client.get("/admin/actions/action/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Agree a joint protocol" in html
    assert "Graded Care Profile" not in html  # Northbrook's
    filtered_agencies = set(re.findall(r"lead_agency__id__exact=(\d+)", html))
    lewisham = Agency.objects.filter(partnership__slug="lewisham").values_list("pk", flat=True)
    assert filtered_agencies and filtered_agencies <= {str(pk) for pk in lewisham}


@pytest.mark.django_db
def test_a_manager_cannot_open_another_partnerships_record(client, demo):
    client.force_login(demo["manager"])
    northbrook_action = Action.objects.get(
        finding__inspection__partnership__slug="northbrook", reference="1.1"
    )
    response = client.get(f"/admin/actions/action/{northbrook_action.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect
    northbrook_action.refresh_from_db()


@pytest.mark.django_db
def test_the_action_form_offers_only_the_managers_own_agencies(client, demo):
    client.force_login(demo["manager"])
    action = Action.objects.filter(finding__inspection__partnership__slug="lewisham").first()
    html = client.get(f"/admin/actions/action/{action.pk}/change/").content.decode()
    select = html.split('name="lead_agency"')[1].split("</select>")[0]
    offered = set(re.findall(r'<option value="(\d+)"', select))
    lewisham = Agency.objects.filter(partnership__slug="lewisham").values_list("pk", flat=True)
    assert offered == {str(pk) for pk in lewisham}


@pytest.mark.django_db
def test_a_manager_can_correct_an_inspection_in_the_admin(client, demo):
    client.force_login(demo["manager"])
    inspection = Inspection.objects.get(partnership__slug="lewisham")
    response = client.get(f"/admin/inspections/inspection/{inspection.pk}/change/")
    assert response.status_code == 200
    assert "The length of time children spend in police stations out of hours." in (
        response.content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["council.officer", "executive", "scrutineer"])
def test_other_roles_have_no_admin(client, demo, username):
    client.force_login(demo[username])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_admin_index_lists_only_what_a_manager_may_manage(client, demo):
    client.force_login(demo["manager"])
    html = client.get("/admin/").content.decode()
    assert "Actions" in html
    assert "Agencies" in html
    assert "Inspectorates" not in html
    assert "People" not in html
    assert Agency.objects.count() > 6
