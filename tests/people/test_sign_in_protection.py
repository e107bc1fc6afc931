"""Sign-in protection (part of issue 8): a username is locked after 5 failures from one
address, for 15 minutes; colleagues behind the same office address are not."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from audit.models import AuditEvent, EventKind

OFFICE = "198.51.100.7"


def sign_in(client, username, password, address=OFFICE):
    return client.post(
        "/account/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_five_failures_lock_the_username_and_say_when_to_try_again(client, demo):
    for _ in range(5):
        sign_in(client, "executive", "wrong")

    locked = sign_in(client, "executive", "demo-password")

    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Sign-in locked for now" in html
    assert "Wait 15 minutes after your last attempt, then" in html
    assert "reset it by e-mail" in html
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(kind=EventKind.LOCKED_OUT)
    assert (event.username, event.partnership.slug) == ("executive", "lewisham")


@pytest.mark.django_db
def test_a_colleague_at_the_same_office_address_still_signs_in(client, demo):
    for _ in range(5):
        sign_in(client, "executive", "wrong")
    assert sign_in(client, "council.officer", "demo-password").status_code == 302


@pytest.mark.django_db
def test_an_unknown_username_gets_the_same_message(client, demo):
    for _ in range(5):
        sign_in(client, "nobody.here", "wrong")
    assert "Sign-in locked for now" in sign_in(client, "nobody.here", "x").content.decode()


@pytest.mark.django_db
def test_the_lock_lifts_after_15_minutes(client, demo):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            sign_in(client, "executive", "wrong")
        assert sign_in(client, "executive", "demo-password").status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert sign_in(client, "executive", "demo-password").status_code == 302


@pytest.mark.django_db
def test_username_and_e_mail_address_count_as_one_person_towards_the_lock(client, demo):
    for typed in ["executive", "executive@lewisham.example.org"] * 2 + ["executive"]:
        sign_in(client, typed, "wrong")

    locked = sign_in(client, "executive@lewisham.example.org", "demo-password")

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lock_out_is_one_entry_in_the_trail_however_often_the_person_tries(client, demo):
    for _ in range(9):
        sign_in(client, "executive", "wrong")
    assert AuditEvent.objects.filter(kind=EventKind.LOCKED_OUT).count() == 1
