"""A username is locked at every address after 20 failed sign-ins within an hour, wherever
they came from (issue 13, item 8), on top of the lock at one address after 5."""

import datetime
import re
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends import locmem
from django.utils import timezone

from audit.models import AuditEvent, EventKind

ADDRESSES = ["198.51.100.7", "198.51.100.8", "203.0.113.20", "203.0.113.21"]
FRESH_ADDRESS = "192.0.2.99"
NEW = "correct horse battery staple"


def sign_in(client, username, password, address):
    return client.post(
        "/account/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def guess_from_four_addresses(client, username="executive"):
    """5 wrong passwords from each of 4 addresses: each address locks, and the 20th
    failure locks the username everywhere."""
    for address in ADDRESSES:
        for _ in range(5):
            response = sign_in(client, username, "wrong", address)
    return response


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://plans.example.org"


@pytest.mark.django_db
def test_fifteen_guesses_from_three_addresses_leave_it_open(client, demo):
    for address in ADDRESSES[:3]:
        for _ in range(5):
            sign_in(client, "executive", "wrong", address)
    assert sign_in(client, "executive", "demo-password", FRESH_ADDRESS).status_code == 302


@pytest.mark.django_db
def test_twenty_failures_from_four_addresses_lock_the_username_at_every_address(client, demo):
    twentieth = guess_from_four_addresses(client)
    assert twentieth.status_code == 429

    locked = sign_in(client, "executive", "demo-password", FRESH_ADDRESS)

    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in locked for now" in html
    assert "from more than one place, so it is locked for up to 60 minutes" in html
    assert "Reset your password by e-mail</a> to unlock it straight away, or wait 60" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_e_mail_address_and_the_username_count_as_one_person(client, demo):
    for address in ADDRESSES:
        for typed in ["executive", "Executive@Lewisham.example.org"] * 2 + ["executive"]:
            sign_in(client, typed, "wrong", address)

    locked = sign_in(client, "executive@lewisham.example.org", "demo-password", FRESH_ADDRESS)
    assert locked.status_code == 429
    assert "locked for up to 60 minutes" in locked.content.decode()


@pytest.mark.django_db
def test_a_colleague_at_the_same_addresses_still_signs_in(client, demo):
    guess_from_four_addresses(client)
    assert sign_in(client, "council.officer", "demo-password", ADDRESSES[0]).status_code == 302


@pytest.mark.django_db
def test_the_person_and_their_managers_are_told_once_however_often_it_is_tried(client, demo):
    guess_from_four_addresses(client)
    for _ in range(10):
        sign_in(client, "executive", "demo-password", FRESH_ADDRESS)

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (
            "executive@lewisham.example.org",
            "Sign-in to your JTAI action plans account is locked",
        ),
        (
            "manager@lewisham.example.org",
            f"Sign-in locked for {demo['executive'].get_full_name()} in JTAI action plans",
        ),
    ]
    to_person = next(m for m in mail.outbox if m.to == ["executive@lewisham.example.org"])
    assert "20 failed attempts to sign in to your JTAI action plans account" in to_person.body
    assert "from 4 different addresses" in to_person.body
    assert "https://plans.example.org/account/password/reset/" in to_person.body
    to_manager = next(m for m in mail.outbox if m.to == ["manager@lewisham.example.org"])
    assert "https://plans.example.org/audit/" in to_manager.body


@pytest.mark.django_db
def test_the_lock_is_one_entry_in_the_partnerships_audit_trail(client, demo):
    guess_from_four_addresses(client)
    for _ in range(3):
        sign_in(client, "executive", "demo-password", FRESH_ADDRESS)

    [entry] = AuditEvent.objects.filter(kind=EventKind.ACCOUNT_LOCKED)
    assert (entry.user, entry.partnership.slug) == (demo["executive"], "lewisham")
    assert entry.detail.startswith(
        "20 failed sign-ins in 60 minutes from 4 addresses: locked for 60 minutes, or until "
        "the password is reset by e-mail. E-mailed "
    )


class MailServerRefusingTheManager(locmem.EmailBackend):
    def send_messages(self, messages):
        if any(message.to == ["manager@lewisham.example.org"] for message in messages):
            raise smtplib.SMTPRecipientsRefused({"manager@lewisham.example.org": (550, b"No")})
        return super().send_messages(messages)


@pytest.mark.django_db
def test_the_lock_stands_when_an_e_mail_about_it_cannot_be_sent(client, demo, settings):
    settings.MAILERS = {
        "default": {"BACKEND": f"{__name__}.{MailServerRefusingTheManager.__name__}"}
    }
    guess_from_four_addresses(client)

    assert sign_in(client, "executive", "demo-password", FRESH_ADDRESS).status_code == 429
    assert [message.to for message in mail.outbox] == [["executive@lewisham.example.org"]]
    entry = AuditEvent.objects.get(kind=EventKind.ACCOUNT_LOCKED)
    manager = demo["manager"]
    assert entry.detail.endswith(f"E-mailed {demo['executive']}. Could not e-mail {manager}.")


@pytest.mark.django_db
def test_resetting_the_password_unlocks_it_at_once_even_where_it_was_tried(client, demo):
    guess_from_four_addresses(client)
    mail.outbox.clear()

    client.post("/account/password/reset/", {"email": "executive@lewisham.example.org"})
    link = re.search(
        r"https://plans.example.org(/account/password/reset/\S+/)", mail.outbox[0].body
    )
    form_page = client.get(link[1], follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})

    assert sign_in(client, "executive", NEW, ADDRESSES[0]).status_code == 302


@pytest.mark.django_db
def test_the_lock_lifts_after_an_hour(client, demo):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        guess_from_four_addresses(client)
        assert sign_in(client, "executive", "demo-password", FRESH_ADDRESS).status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        assert sign_in(client, "executive", "demo-password", FRESH_ADDRESS).status_code == 302


@pytest.mark.django_db
def test_an_unknown_username_locks_the_same_way_and_nobody_is_e_mailed(client, demo):
    guess_from_four_addresses(client, username="nobody.here")

    locked = sign_in(client, "nobody.here", "x", FRESH_ADDRESS)

    assert locked.status_code == 429
    assert "locked for up to 60 minutes" in locked.content.decode()
    assert mail.outbox == []
    assert AuditEvent.objects.get(kind=EventKind.ACCOUNT_LOCKED).username == "nobody.here"


@pytest.mark.django_db
def test_the_limit_and_the_hour_come_from_the_settings(client, demo, settings):
    settings.SIGN_IN_ACCOUNT_FAILURE_LIMIT = 6
    settings.SIGN_IN_ACCOUNT_LOCKOUT = datetime.timedelta(minutes=30)
    for address in ADDRESSES[:2]:
        for _ in range(3):
            sign_in(client, "executive", "wrong", address)

    locked = sign_in(client, "executive", "demo-password", FRESH_ADDRESS)
    assert "locked for up to 30 minutes" in locked.content.decode()
