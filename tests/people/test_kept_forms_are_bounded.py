"""A form posted after the session ended is kept only for the person who could have saved
it, on a page they could save it on, at most 64 KB and one at a time: keeping forms must
not let anyone fill the session table by posting without signing in."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.utils import timezone

from people.models import Role
from people.sessions import KEPT_FORMS
from tests.factories import ActionFactory, UserFactory

NARRATIVE = "Recruited two social workers; induction starts 1 March."


@pytest.fixture
def officer_and_action(db):
    action = ActionFactory()
    officer = UserFactory(
        partnership=action.finding.plan.partnership,
        agency=action.lead_agency,
        role=Role.OWNER,
    )
    return officer, action


def later(minutes: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes))


def update(action, narrative=NARRATIVE):
    return {"version": action.version, "rag": "green", "narrative": narrative}


def signed_in_then_idle(client, officer, action):
    client.force_login(officer)
    client.get(f"/actions/{action.pk}/update/")  # signs the browser's person cookie


def kept(client) -> dict:
    return client.session.get(KEPT_FORMS) or {}


def test_a_post_from_a_browser_nobody_signed_in_on_keeps_nothing(client, officer_and_action):
    _, action = officer_and_action
    response = client.post(f"/actions/{action.pk}/update/", update(action, "x" * 2_000_000))
    assert response.status_code == 302
    assert not Session.objects.exists()


def test_a_post_to_an_action_that_does_not_exist_keeps_nothing(client, officer_and_action):
    officer, action = officer_and_action
    signed_in_then_idle(client, officer, action)
    with later(61):
        client.post("/actions/100000/update/", update(action))
        assert kept(client) == {}
        sign_in_page = client.get("/account/sign-in/?next=/actions/100000/update/").text
    assert "what you typed has been kept" not in sign_in_page


def test_a_post_to_another_partnerships_action_keeps_nothing(client, officer_and_action):
    officer, action = officer_and_action
    elsewhere = ActionFactory()
    signed_in_then_idle(client, officer, action)
    with later(61):
        client.post(f"/actions/{elsewhere.pk}/update/", update(elsewhere))
        assert kept(client) == {}


def test_a_post_to_a_page_the_person_may_not_save_keeps_nothing(client, officer_and_action):
    officer, action = officer_and_action
    signed_in_then_idle(client, officer, action)
    with later(61):  # an owner may update the action but not edit the plan
        client.post(f"/actions/{action.pk}/edit/", {"version": action.version})
        assert kept(client) == {}


def test_a_form_over_64_kb_is_not_kept(client, officer_and_action):
    officer, action = officer_and_action
    signed_in_then_idle(client, officer, action)
    with later(61):
        client.post(f"/actions/{action.pk}/update/", update(action, "x" * 65 * 1024))
        assert kept(client) == {}


def test_a_form_just_under_the_limit_is_kept(client, officer_and_action):
    officer, action = officer_and_action
    signed_in_then_idle(client, officer, action)
    with later(61):
        client.post(f"/actions/{action.pk}/update/", update(action, "x" * 60 * 1024))
        assert list(kept(client)) == [f"/actions/{action.pk}/update/"]


def test_one_form_is_kept_at_a_time(client, officer_and_action):
    officer, action = officer_and_action
    second = ActionFactory(finding=action.finding, lead_agency=action.lead_agency)
    signed_in_then_idle(client, officer, action)
    with later(61):
        client.post(f"/actions/{action.pk}/update/", update(action, "first"))
        client.post(f"/actions/{second.pk}/update/", update(second, "second"))
        forms = kept(client)
    assert list(forms) == [f"/actions/{second.pk}/update/"]
    assert forms[f"/actions/{second.pk}/update/"]["fields"]["narrative"] == ["second"]


def test_nothing_is_kept_for_a_person_last_seen_over_a_day_ago(client, officer_and_action):
    officer, action = officer_and_action
    signed_in_then_idle(client, officer, action)
    with later(25 * 60):
        client.post(f"/actions/{action.pk}/update/", update(action))
        assert kept(client) == {}


def test_nothing_is_kept_for_a_person_deactivated_since(client, officer_and_action):
    officer, action = officer_and_action
    signed_in_then_idle(client, officer, action)
    officer.is_active = False
    officer.save()
    with later(61):
        client.post(f"/actions/{action.pk}/update/", update(action))
        assert kept(client) == {}
