"""The Django admin is the site operator's alone: managers set up on their own pages."""

import pytest

from actions.models import Action
from inspections.models import Inspection
from tests.demo import LEWISHAM_USERS
from tests.factories import UserFactory


@pytest.fixture
def operator(db):
    return UserFactory(
        username="operator", partnership=None, agency=None, is_staff=True, is_superuser=True
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", [*LEWISHAM_USERS, "other.manager"])
def test_nobody_but_a_superuser_reaches_the_admin(client, demo, username):
    client.force_login(demo[username])
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_a_manager_marked_staff_still_gets_no_admin(client, demo):
    manager = demo["manager"]
    manager.is_staff = True
    manager.save()
    client.force_login(manager)
    action = Action.objects.filter(finding__plan__partnership=manager.partnership).first()
    for url in (
        "/admin/",
        "/admin/actions/action/",
        f"/admin/actions/action/{action.pk}/change/",
        "/admin/partnerships/agency/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"], url
    response = client.post(
        f"/admin/actions/action/{action.pk}/change/", {"description": "Changed in the admin"}
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.description != "Changed in the admin"


@pytest.mark.django_db
def test_a_manager_is_no_longer_made_staff_by_the_demo(demo):
    assert not demo["manager"].is_staff
    assert not demo["other.manager"].is_staff


@pytest.mark.django_db
def test_the_site_operator_sees_every_partnership(client, demo, operator):
    client.force_login(operator)
    html = client.get("/admin/actions/action/").content.decode()
    assert "Agree a joint protocol" in html  # Lewisham's
    assert "Graded Care Profile" in html  # Northbrook's
    assert "People" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_the_site_operator_corrects_an_inspection(client, demo, operator):
    client.force_login(operator)
    inspection = Inspection.objects.get(partnership__slug="lewisham")
    response = client.get(f"/admin/inspections/inspection/{inspection.pk}/change/")
    assert response.status_code == 200
    assert inspection.subject in response.content.decode()
    # The areas for improvement are the plan's: its page, linked from the inspection's.
    plan_page = f"/admin/actions/plan/{inspection.plan_id}/change/"
    assert plan_page in response.content.decode()
    response = client.get(plan_page)
    assert response.status_code == 200
    assert "The length of time children spend in police stations out of hours." in (
        response.content.decode()
    )


@pytest.mark.django_db
def test_status_and_dates_stay_read_only_in_the_admin(client, demo, operator):
    """They change only through the service's pages, which keep the rules (reasons for a
    new target date, the partnership's agreement of a closure)."""
    client.force_login(operator)
    action = Action.objects.filter(finding__plan__partnership__slug="lewisham").first()
    html = client.get(f"/admin/actions/action/{action.pk}/change/").content.decode()
    assert 'name="description"' in html
    assert 'name="rag"' not in html
    assert 'name="target_date"' not in html
