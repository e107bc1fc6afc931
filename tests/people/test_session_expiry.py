"""Sessions end after SESSION_IDLE_MINUTES without a request, and what was typed into a
form when the session had ended is there again after signing back in."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from actions.models import ProgressUpdate
from people.models import Role
from tests.factories import ActionFactory, UserFactory

NARRATIVE = "Recruited two social workers; induction starts 1 March. Audit booked for April."


@pytest.fixture
def officer_and_action(db):
    action = ActionFactory()
    officer = UserFactory(
        username="police.officer",
        partnership=action.finding.plan.partnership,
        agency=action.lead_agency,
        role=Role.OWNER,
    )
    return officer, action


def later(minutes: int):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes))


def test_a_session_ends_after_an_hour_without_a_request(client, officer_and_action):
    officer, _ = officer_and_action
    client.force_login(officer)
    with later(59):
        assert client.get("/").status_code == 200
    with later(59 + 59):  # each request starts the clock again
        assert client.get("/").status_code == 200
    with later(59 + 59 + 61):
        assert client.get("/")["Location"] == "/account/sign-in/?next=/"
        page = client.get("/account/sign-in/?next=/").content.decode()
        assert "You were signed out because you had not used the service" in page


def test_the_idle_limit_comes_from_settings(client, officer_and_action, settings):
    settings.SESSION_COOKIE_AGE = 10 * 60
    officer, _ = officer_and_action
    client.force_login(officer)
    with later(11):
        assert client.get("/").status_code == 302


def test_an_update_typed_after_the_session_ended_is_kept_for_after_signing_in(
    client, officer_and_action
):
    officer, action = officer_and_action
    client.force_login(officer)
    form_url = f"/actions/{action.pk}/update/"
    client.get(form_url)

    with later(61):
        response = client.post(
            form_url,
            {
                "version": action.version,
                "rag": "amber",
                "narrative": NARRATIVE,
                "rag_change_reason": "Slipped",
            },
        )
        assert response["Location"] == f"/account/sign-in/?next={form_url}"
        assert not ProgressUpdate.objects.exists()
        sign_in_page = client.get(response["Location"]).content.decode()
        assert "You were signed out because you had not used the service for 60 minutes" in (
            sign_in_page
        )
        assert "what you typed has been kept" in sign_in_page

        response = client.post(
            "/account/sign-in/",
            {"username": "police.officer", "password": "a-long-test-password", "next": form_url},
        )
        assert response["Location"] == form_url
        html = client.get(form_url).content.decode()
        assert NARRATIVE in html
        assert re.search(r'value="amber"\s+checked', html)
        assert "You were signed out because you had not used the service for a while" in html
        assert not ProgressUpdate.objects.exists()

        client.post(
            form_url,
            {
                "version": action.version,
                "rag": "amber",
                "narrative": NARRATIVE,
                "rag_change_reason": "Slipped",
            },
        )
        assert ProgressUpdate.objects.get().narrative == NARRATIVE
        # Kept once: the form opens empty next time.
        assert NARRATIVE not in client.get(form_url).content.decode()


def test_what_one_person_typed_is_never_shown_to_the_next_to_sign_in(client, officer_and_action):
    officer, action = officer_and_action
    colleague = UserFactory(
        username="manager",
        partnership=officer.partnership,
        agency=officer.agency,
        role=Role.MANAGER,
    )
    client.force_login(officer)
    form_url = f"/actions/{action.pk}/update/"
    client.get(form_url)

    with later(61):
        client.post(form_url, {"version": action.version, "rag": "green", "narrative": NARRATIVE})
        client.post(
            "/account/sign-in/",
            {"username": "manager", "password": "a-long-test-password", "next": form_url},
        )
        html = client.get(form_url).content.decode()

    assert int(client.session["_auth_user_id"]) == colleague.pk
    assert NARRATIVE not in html
    assert "You were signed out" not in html
