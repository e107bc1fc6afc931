"""Each partnership sees only its own records, whatever the role."""

import pytest

from actions.models import Action
from inspections.models import Inspection
from people.models import Role
from tests.demo import LEWISHAM_USERS


@pytest.mark.django_db
@pytest.mark.parametrize("username", LEWISHAM_USERS)
def test_lewisham_people_cannot_open_northbrooks_pages(client, demo, username):
    client.force_login(demo[username])
    northbrook_inspection = Inspection.objects.get(partnership__slug="northbrook")
    northbrook_action = Action.objects.filter(finding__plan=northbrook_inspection.plan_id).first()

    assert client.get(northbrook_inspection.get_absolute_url()).status_code == 404
    assert client.get(northbrook_action.get_absolute_url()).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("username", LEWISHAM_USERS)
def test_lewisham_people_see_only_lewisham_on_the_home_page(client, demo, username):
    client.force_login(demo[username])
    page = client.get("/").content.decode()
    assert "London Borough of Lewisham" in page
    assert "Northbrook" not in page


@pytest.mark.django_db
def test_northbrooks_manager_cannot_open_lewishams_pages(client, demo):
    client.force_login(demo["other.manager"])
    lewisham_inspection = Inspection.objects.get(partnership__slug="lewisham")
    lewisham_action = Action.objects.filter(finding__plan=lewisham_inspection.plan_id).first()

    assert client.get(lewisham_inspection.get_absolute_url()).status_code == 404
    assert client.get(lewisham_action.get_absolute_url()).status_code == 404
    assert "Lewisham" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_person_with_no_partnership_sees_no_inspections(client, demo, django_user_model):
    operator = django_user_model.objects.create_user("operator", role=Role.SCRUTINEER)
    client.force_login(operator)
    assert "has no inspections" in client.get("/").content.decode()
    inspection = Inspection.objects.first()
    assert client.get(inspection.get_absolute_url()).status_code == 404
