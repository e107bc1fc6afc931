import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from audit.models import AuditEvent, EventKind
from people.models import Role, User
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages

PASSWORD = "three random words"


def invite(client, team, **fields):
    data = {
        "first_name": "Nia",
        "last_name": "Newcomer",
        "email": "nia.newcomer@met.example.org",
        "username": "new.officer",
        "job_title": "Detective Inspector",
        "agency": team.police.pk,
        "role": Role.OWNER,
        **fields,
    }
    return client.post("/partnership/people/invite/", data)


def invitation_link(message) -> str:
    return re.search(r"http://testserver(/account/invitation/[^/\s]+/)", message.body).group(1)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def test_an_invitation_e_mails_a_link_that_sets_a_password_and_signs_in(client, team):
    client.force_login(team.manager)
    response = invite(client, team)

    nia = User.objects.get(username="new.officer")
    assert response["Location"] == f"/partnership/people/{nia.pk}/"
    assert (nia.partnership, nia.agency, nia.role) == (team.partnership, team.police, Role.OWNER)
    assert not nia.has_usable_password()
    [message] = mail.outbox
    assert message.to == ["nia.newcomer@met.example.org"]
    assert "Set your password" in message.subject
    assert "Your username is new.officer" in message.body
    assert "Mo Manager has invited you" in message.body
    assert "you are getting this e-mail because" in message.body.lower()
    assert invitation_link(message) in message.alternatives[0][0]

    client.logout()
    link = invitation_link(message)
    page = client.get(link).content.decode()
    assert "Set your password" in page and "new.officer" in page
    response = client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert response["Location"] == "/welcome/"
    assert client.get("/welcome/")["Location"] == "/my-actions/"
    nia.refresh_from_db()
    assert nia.check_password(PASSWORD)
    assert int(client.session["_auth_user_id"]) == nia.pk


def test_the_link_works_once(client, team):
    client.force_login(team.manager)
    invite(client, team)
    link = invitation_link(mail.outbox[0])
    client.logout()
    client.post(link, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()

    response = client.get(link)
    assert response.status_code == 404
    assert "This invitation has been used" in response.content.decode()
    response = client.post(
        link, {"new_password1": "another long one", "new_password2": "another long one"}
    )
    assert "This invitation has been used" in response.content.decode()
    assert User.objects.get(username="new.officer").check_password(PASSWORD)


def test_an_expired_link_is_refused_and_a_new_invitation_replaces_the_old(client, team):
    client.force_login(team.manager)
    invite(client, team)
    first = invitation_link(mail.outbox[0])

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        page = client.get(first).content.decode()
        assert "This invitation has expired" in page
        assert "Ask your partnership manager to send you a new one" in page
        nia = User.objects.get(username="new.officer")
        client.force_login(team.manager)  # a week on, the manager's session has ended
        listing = client.get("/partnership/people/").content.decode()
        assert "Invitation expired" in listing
        client.post(f"/partnership/people/{nia.pk}/invite-again/")

    second = invitation_link(mail.outbox[1])
    assert "A newer invitation has been sent" in client.get(first).content.decode()
    assert "Set your password" in client.get(second).content.decode()


def test_a_link_that_was_never_sent_is_refused_plainly(client, db):
    response = client.get("/account/invitation/made-up-token/")
    assert response.status_code == 404
    assert "This invitation link does not work" in response.content.decode()


def test_an_invitee_cannot_sign_in_or_reset_a_password_before_accepting(client, team):
    client.force_login(team.manager)
    invite(client, team)
    client.logout()
    mail.outbox.clear()

    response = client.post("/account/sign-in/", {"username": "new.officer", "password": ""})
    assert "_auth_user_id" not in client.session
    client.post("/account/password/reset/", {"email": "nia.newcomer@met.example.org"})
    assert mail.outbox == []
    assert response.status_code == 200


def test_a_short_password_is_refused_with_the_rule(client, team):
    client.force_login(team.manager)
    invite(client, team)
    client.logout()
    link = invitation_link(mail.outbox[0])

    html = client.post(link, {"new_password1": "short", "new_password2": "short"}).content.decode()

    assert any("at least 12 characters" in message for message in error_summary_messages(html))
    assert_error_summary_links_reach_inputs(html)
    assert not User.objects.get(username="new.officer").has_usable_password()


def test_a_taken_username_or_address_is_named_and_nothing_is_sent(client, team):
    client.force_login(team.manager)
    html = invite(client, team, username="council.officer", email=team.owner.email.upper())
    html = html.content.decode()

    assert error_summary_messages(html) == [
        "Someone already uses this e-mail address",
        "That username is taken: choose another",
    ]
    assert_error_summary_links_reach_inputs(html)
    assert 'value="Nia"' in html
    assert mail.outbox == []


def test_missing_details_are_named(client, team):
    client.force_login(team.manager)
    html = client.post("/partnership/people/invite/", {}).content.decode()
    assert error_summary_messages(html) == [
        "Enter the person's first name",
        "Enter the person's last name",
        "Enter the person's e-mail address",
        "Enter a username",
        "Select the person's agency",
        "Select the person's role",
    ]
    assert_error_summary_links_reach_inputs(html)


def test_invitation_and_acceptance_are_in_the_audit_trail(client, team):
    client.force_login(team.manager)
    invite(client, team)
    client.logout()
    client.post(
        invitation_link(mail.outbox[0]), {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )

    invited = AuditEvent.objects.get(kind=EventKind.INVITED)
    assert (invited.user, invited.partnership) == (team.manager, team.partnership)
    assert (
        "Nia Newcomer (new.officer)" in invited.detail and "Metropolitan Police" in invited.detail
    )
    accepted = AuditEvent.objects.get(kind=EventKind.INVITATION_ACCEPTED)
    assert accepted.user.username == "new.officer"


def test_a_username_differing_only_in_case_is_taken(client, team):
    client.force_login(team.manager)
    html = invite(client, team, username="Council.Officer").content.decode()
    assert "That username is taken: choose another" in error_summary_messages(html)


def test_the_password_rules_speak_about_the_new_password_not_its_confirmation(client, team):
    client.force_login(team.manager)
    invite(client, team)
    client.logout()
    link = invitation_link(mail.outbox[0])
    html = client.post(link, {"new_password1": "password", "new_password2": "password"})
    html = html.content.decode()
    assert 'href="#id_new_password1"' in html
    assert 'href="#id_new_password2"' not in html
    assert "Enter the same password as before" not in html
