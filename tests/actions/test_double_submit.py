import re

import pytest
from django.urls import reverse

from actions import services
from actions.models import ProgressUpdate


def opened_form(client, action) -> dict[str, str]:
    """What the update page hands the browser to send back: its version and one-time key."""
    page = client.get(reverse("actions:progress_update_new", args=[action.pk])).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"', page)
    version = re.search(r'name="version" value="(\d+)"', page)
    assert key and version, "the form carries its version and a one-time key"
    return {"version": version[1], "submission_key": key[1]}


@pytest.mark.django_db
def test_save_back_and_save_again_records_one_update(client, plan):
    client.force_login(plan.police_owner)
    sent = {**opened_form(client, plan.action), "rag": "green", "narrative": "Panel met."}
    url = reverse("actions:progress_update_new", args=[plan.action.pk])

    first = client.post(url, sent)
    again = client.post(url, sent, follow=True)

    assert first.status_code == 302
    assert ProgressUpdate.objects.filter(action=plan.action).count() == 1
    assert again.redirect_chain == [(plan.action.get_absolute_url(), 302)]
    page = again.content.decode()
    assert "This update was already saved" in page
    assert "Someone else changed this action" not in page


@pytest.mark.django_db
def test_each_opening_of_the_page_gives_a_new_key(client, plan):
    client.force_login(plan.police_owner)
    url = reverse("actions:progress_update_new", args=[plan.action.pk])

    client.post(url, {**opened_form(client, plan.action), "rag": "green", "narrative": "First."})
    plan.action.refresh_from_db()
    client.post(url, {**opened_form(client, plan.action), "rag": "green", "narrative": "Second."})

    assert ProgressUpdate.objects.filter(action=plan.action).count() == 2


@pytest.mark.django_db
def test_the_service_given_a_key_already_used_records_nothing_more(plan):
    first = services.progress_update_record(
        action=plan.action,
        author=plan.police_owner,
        rag="green",
        narrative="Panel met.",
        expected_version=plan.action.version,
    )

    again = services.progress_update_record(
        action=plan.action,
        author=plan.police_owner,
        rag="green",
        narrative="Panel met.",
        expected_version=plan.action.version,
        submission_key=first.submission_key,
    )

    assert first.submission_key is not None
    assert again.pk == first.pk
    assert ProgressUpdate.objects.filter(action=plan.action).count() == 1
