"""A manager looks after their partnership's people: roles, agencies, deactivation."""

import pytest
from django.test import Client

from audit.models import AuditEvent, EventKind
from people.models import Role, User
from tests.assertions import assert_error_summary_links_reach_inputs
from tests.factories import AgencyFactory, UserFactory


def edit_page(client, person):
    page = client.get(f"/partnership/people/{person.pk}/edit/").content.decode()
    return page.split('name="version" value="', 1)[1].split('"', 1)[0]


def change(client, person, version=None, **fields):
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "job_title": person.job_title,
        "agency": person.agency_id,
        "role": person.role,
        "version": version or edit_page(client, person),
        **fields,
    }
    return client.post(f"/partnership/people/{person.pk}/edit/", data)


def test_the_people_page_lists_everyone_with_their_standing(
    client, team, django_assert_num_queries
):
    UserFactory(partnership=team.partnership, agency=team.police, is_active=False,
                first_name="Lee", last_name="Leaver")  # fmt: skip
    client.force_login(team.manager)
    with django_assert_num_queries(5):
        html = client.get("/partnership/people/").content.decode()
    assert "Cat Officer" in html and "Mo Manager" in html
    assert "Lee Leaver" in html and "Deactivated" in html
    assert "other.manager" not in html


def test_a_manager_changes_a_persons_role_and_agency_and_the_trail_says_so(client, team):
    client.force_login(team.manager)
    response = change(client, team.owner, role=Role.EXECUTIVE, agency=team.police.pk)

    assert response["Location"] == f"/partnership/people/{team.owner.pk}/"
    team.owner.refresh_from_db()
    assert (team.owner.role, team.owner.agency) == (Role.EXECUTIVE, team.police)
    event = AuditEvent.objects.get(kind=EventKind.PERSON_CHANGED)
    assert event.user == team.manager
    assert "Action owner → Executive member" in event.detail
    assert "Lewisham Council → Metropolitan Police" in event.detail


def test_no_post_can_make_anyone_staff_or_superuser(client, team):
    client.force_login(team.manager)
    change(client, team.owner, is_superuser="on", is_staff="on", partnership=999)
    team.owner.refresh_from_db()
    assert not team.owner.is_superuser and not team.owner.is_staff
    assert team.owner.partnership == team.partnership


def test_another_partnerships_agency_cannot_be_chosen(client, team):
    elsewhere = AgencyFactory()
    client.force_login(team.manager)
    response = change(client, team.owner, agency=elsewhere.pk)
    assert response.status_code == 200
    team.owner.refresh_from_db()
    assert team.owner.agency == team.council


def test_a_change_from_a_page_opened_before_another_managers_change_is_refused(client, team):
    client.force_login(team.manager)
    opened = edit_page(client, team.owner)
    other_manager = UserFactory(partnership=team.partnership, role=Role.MANAGER)
    other_client = Client()
    other_client.force_login(other_manager)
    change(other_client, team.owner, role=Role.SCRUTINEER)

    response = change(client, team.owner, version=opened, job_title="Head of service")

    html = response.content.decode()
    assert "Someone else changed this person&#x27;s details" in html
    assert 'value="Head of service"' in html
    team.owner.refresh_from_db()
    assert (team.owner.role, team.owner.job_title) == (Role.SCRUTINEER, "")


def test_a_deactivated_person_cannot_sign_in_and_keeps_their_history(client, team):
    client.force_login(team.manager)
    page = client.get(f"/partnership/people/{team.owner.pk}/deactivate/").content.decode()
    assert "Deactivate Cat Officer?" in page

    response = client.post(f"/partnership/people/{team.owner.pk}/deactivate/")

    assert response["Location"] == f"/partnership/people/{team.owner.pk}/"
    assert User.objects.filter(pk=team.owner.pk, is_active=False).exists()
    assert AuditEvent.objects.filter(kind=EventKind.DEACTIVATED, user=team.manager).exists()
    client.logout()
    client.post(
        "/account/sign-in/", {"username": "council.officer", "password": "a-long-test-password"}
    )
    assert "_auth_user_id" not in client.session


def test_a_deactivated_persons_open_session_ends(client, team):
    client.force_login(team.owner)
    User.objects.filter(pk=team.owner.pk).update(is_active=False)
    assert client.get("/")["Location"].startswith("/account/sign-in/")


def test_reactivating_lets_them_sign_in_again(client, team):
    team.owner.is_active = False
    team.owner.save()
    client.force_login(team.manager)
    client.post(f"/partnership/people/{team.owner.pk}/reactivate/")
    team.owner.refresh_from_db()
    assert team.owner.is_active
    assert AuditEvent.objects.filter(kind=EventKind.REACTIVATED).exists()


def test_a_manager_cannot_deactivate_themselves_or_the_last_manager(client, team):
    client.force_login(team.manager)
    page = client.get(f"/partnership/people/{team.manager.pk}/deactivate/").content.decode()
    assert "You cannot deactivate yourself" in page
    assert "<button" not in page.split('id="main-content"')[1]
    html = client.post(f"/partnership/people/{team.manager.pk}/deactivate/").content.decode()
    assert "You cannot deactivate yourself" in html

    html = change(client, team.manager, role=Role.OWNER).content.decode()
    assert "The partnership needs at least one active manager" in html
    assert_error_summary_links_reach_inputs(html)
    assert 'href="#id_role_1"' in html
    team.manager.refresh_from_db()
    assert team.manager.is_active and team.manager.role == Role.MANAGER


@pytest.mark.parametrize(
    "url",
    [
        "/partnership/",
        "/partnership/people/",
        "/partnership/people/invite/",
        "/partnership/people/{pk}/",
        "/partnership/people/{pk}/edit/",
        "/partnership/people/{pk}/deactivate/",
    ],
)
def test_only_managers_reach_the_people_pages(client, team, url):
    url = url.format(pk=team.owner.pk)
    client.force_login(team.owner)
    assert client.get(url).status_code == 403
    client.force_login(team.manager)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/partnership/people/{pk}/",
        "/partnership/people/{pk}/edit/",
        "/partnership/people/{pk}/deactivate/",
        "/partnership/people/{pk}/reactivate/",
        "/partnership/people/{pk}/invite-again/",
    ],
)
def test_another_partnerships_manager_finds_nobody(client, team, url):
    client.force_login(team.stranger)
    url = url.format(pk=team.owner.pk)
    assert client.get(url).status_code in (404, 405)
    assert client.post(url).status_code == 404
    team.owner.refresh_from_db()
    assert team.owner.is_active


def test_site_operators_are_not_listed_or_editable(client, team):
    operator = UserFactory(partnership=team.partnership, is_superuser=True, is_staff=True,
                           first_name="Site", last_name="Operator")  # fmt: skip
    client.force_login(team.manager)
    assert "Site Operator" not in client.get("/partnership/people/").content.decode()
    assert client.get(f"/partnership/people/{operator.pk}/edit/").status_code == 404


def test_a_manager_removes_the_authenticator_app_of_someone_who_lost_their_phone(client, team):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=team.owner, name="Phone", confirmed=True)
    client.force_login(team.manager)
    assert (
        "Remove their authenticator app"
        in client.get(f"/partnership/people/{team.owner.pk}/").content.decode()
    )

    client.post(f"/partnership/people/{team.owner.pk}/reset-two-factor/")

    assert not TOTPDevice.objects.filter(user=team.owner).exists()
    event = AuditEvent.objects.get(kind=EventKind.TWO_FACTOR_OFF)
    assert event.user == team.manager and "council.officer" in event.detail
    client.force_login(team.stranger)
    assert (
        client.post(f"/partnership/people/{team.manager.pk}/reset-two-factor/").status_code == 404
    )


def test_the_menu_marks_partnership_on_every_page_under_it(client, team):
    client.force_login(team.manager)
    html = client.get("/partnership/people/").content.decode()
    assert 'href="/partnership/" aria-current="true"' in html
    html = client.get("/partnership/").content.decode()
    assert 'href="/partnership/" aria-current="page"' in html
