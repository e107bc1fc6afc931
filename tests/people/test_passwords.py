"""Resetting a forgotten password by e-mail, and changing one's own."""

import re

import pytest
from django.core import mail

from audit.models import AuditEvent, EventKind
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import UserFactory

NEW = "correct horse battery staple"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://plans.example.org"


def reset_link(message) -> str:
    return re.search(r"https://plans.example.org(/account/password/reset/\S+/)", message.body)[1]


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_through_a_link_e_mailed_to_the_person(client):
    jo = UserFactory(username="jo.bloggs", email="jo@met.example.org", first_name="Jo")
    page = client.get("/account/sign-in/").content.decode()
    assert 'href="/account/password/reset/"' in page

    response = client.post("/account/password/reset/", {"email": "JO@met.example.org"})

    assert response["Location"] == "/account/password/reset/sent/"
    [message] = mail.outbox
    assert message.to == ["jo@met.example.org"]
    assert message.subject == "Reset your password for JTAI action plans"
    assert "Dear Jo" in message.body and "(jo.bloggs)" in message.body
    link = reset_link(message)
    assert link in message.alternatives[0][0]
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )

    assert response["Location"] == "/account/password/reset/done/"
    jo.refresh_from_db()
    assert jo.check_password(NEW)
    assert AuditEvent.objects.filter(kind=EventKind.PASSWORD_RESET, user=jo).exists()
    assert "This link does not work" in client.get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_an_unknown_or_deactivated_address_gets_the_same_answer_and_no_e_mail(client):
    UserFactory(email="leaver@met.example.org", is_active=False)
    for address in ("nobody@example.org", "leaver@met.example.org"):
        response = client.post("/account/password/reset/", {"email": address}, follow=True)
        assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_bad_address_is_named(client):
    html = client.post("/account/password/reset/", {"email": "not an address"}).content.decode()
    assert error_summary_messages(html) == [
        "Enter an e-mail address in the correct format, like name@example.org"
    ]
    assert_error_summary_links_reach_inputs(html)


@pytest.mark.django_db
def test_a_person_changes_their_password_and_stays_signed_in(client):
    jo = UserFactory()
    client.force_login(jo)
    assert 'href="/account/password/"' in client.get("/account/").content.decode()

    response = client.post(
        "/account/password/",
        {"old_password": "a-long-test-password", "new_password1": NEW, "new_password2": NEW},
    )

    assert response["Location"] == "/account/"
    jo.refresh_from_db()
    assert jo.check_password(NEW)
    assert client.get("/account/").status_code == 200
    assert AuditEvent.objects.filter(kind=EventKind.PASSWORD_CHANGED, user=jo).exists()


@pytest.mark.django_db
def test_a_wrong_current_password_or_a_short_new_one_is_refused(client):
    jo = UserFactory()
    client.force_login(jo)
    html = client.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": "short", "new_password2": "other"},
    ).content.decode()

    assert error_summary_messages(html)[0] == "Your current password is not right"
    assert "The passwords do not match" in error_summary_messages(html)
    assert_error_summary_links_reach_inputs(html)
    jo.refresh_from_db()
    assert jo.check_password("a-long-test-password")
