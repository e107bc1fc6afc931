import pytest

from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import UserFactory


@pytest.mark.django_db
def test_signing_in_with_the_right_password_opens_the_officers_actions(client):
    UserFactory(username="police.officer", password="a-long-test-password")
    response = client.post(
        "/account/sign-in/",
        {"username": "police.officer", "password": "a-long-test-password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/my-actions/"
    assert "My actions" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["jo.bloggs@met.example.org", "Jo.Bloggs@MET.example.org "])
def test_people_can_sign_in_with_their_e_mail_address_in_any_case(client, typed):
    jo = UserFactory(username="jo.bloggs", email="jo.bloggs@met.example.org")
    client.post("/account/sign-in/", {"username": typed, "password": "a-long-test-password"})
    assert int(client.session["_auth_user_id"]) == jo.pk


@pytest.mark.django_db
def test_an_e_mail_address_with_the_wrong_password_is_refused(client):
    UserFactory(username="jo.bloggs", email="jo.bloggs@met.example.org")
    client.post("/account/sign-in/", {"username": "jo.bloggs@met.example.org", "password": "no"})
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_signing_in_returns_the_person_to_the_page_they_asked_for(client):
    UserFactory(username="executive", password="a-long-test-password")
    response = client.post(
        "/account/sign-in/?next=/accessibility/",
        {"username": "executive", "password": "a-long-test-password", "next": "/accessibility/"},
    )
    assert response["Location"] == "/accessibility/"


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_plain_words_and_keeps_the_username(client):
    UserFactory(username="executive", password="a-long-test-password")
    response = client.post("/account/sign-in/", {"username": "executive", "password": "wrong"})
    html = response.content.decode()

    assert response.status_code == 200
    assert error_summary_messages(html) == [
        "Enter a correct username or e-mail address, and password. The password is case-sensitive."
    ]
    assert 'value="executive"' in html
    assert "<title>Error: Sign in" in html
    assert_error_summary_links_reach_inputs(html)


@pytest.mark.django_db
def test_empty_fields_are_named_in_gov_uk_wording(client):
    html = client.post("/account/sign-in/", {"username": "", "password": ""}).content.decode()
    assert error_summary_messages(html) == [
        "Enter your username or e-mail address",
        "Enter your password",
    ]
    assert_error_summary_links_reach_inputs(html)


@pytest.mark.django_db
def test_a_deactivated_person_cannot_sign_in(client):
    UserFactory(username="leaver", password="a-long-test-password", is_active=False)
    response = client.post(
        "/account/sign-in/", {"username": "leaver", "password": "a-long-test-password"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert error_summary_messages(response.content.decode()) == [
        "This account has been deactivated. Ask your partnership manager."
    ]


@pytest.mark.django_db
def test_a_deactivated_person_with_a_wrong_password_learns_nothing_more(client):
    UserFactory(username="leaver", password="a-long-test-password", is_active=False)
    response = client.post("/account/sign-in/", {"username": "leaver", "password": "wrong"})
    assert "deactivated" not in response.content.decode()


@pytest.mark.django_db
def test_signing_out_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post("/account/sign-out/")
    assert response["Location"] == "/account/sign-in/"
    assert "You have signed out" in client.get("/account/sign-in/").content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_executives_land_on_the_dashboard_owners_on_their_actions_others_on_the_plans(client, demo):
    from inspections.models import Inspection

    lewisham = Inspection.objects.get(partnership__slug="lewisham")
    client.force_login(demo["executive"])
    assert client.get("/welcome/")["Location"] == f"/inspections/{lewisham.pk}/dashboard/"
    client.force_login(demo["police.officer"])
    assert client.get("/welcome/")["Location"] == "/my-actions/"
    client.force_login(demo["scrutineer"])
    assert client.get("/welcome/")["Location"] == "/"


@pytest.mark.django_db
def test_someone_who_never_signed_in_is_not_told_their_session_ended(client):
    page = client.get("/account/sign-in/?next=/").content.decode()
    assert "You were signed out" not in page
