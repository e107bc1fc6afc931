"""Two people editing the same action: the second save is refused, nothing is lost."""

import datetime

import pytest
from django.urls import reverse

from actions.models import ProgressUpdate
from tests.assertions import error_summary_messages


def update_data(version, **fields):
    return {"version": version, "rag": "green", "narrative": "On track.", **fields}


def edit_data(action, version, **fields):
    target = action.target_date
    return {
        "version": version,
        "reference": action.reference,
        "description": action.description,
        "lead_agency": action.lead_agency_id,
        "target_date_0": target.day,
        "target_date_1": target.month,
        "target_date_2": target.year,
        "success_measure": action.success_measure,
        **fields,
    }


@pytest.mark.django_db
def test_a_second_update_from_an_out_of_date_page_is_refused_and_keeps_its_text(client, plan):
    url = reverse("actions:progress_update_new", args=[plan.action.pk])
    opened_at = plan.action.version

    client.force_login(plan.manager)
    client.post(
        url,
        update_data(
            opened_at,
            rag="red",
            narrative="Escalated to the executive.",
            rag_change_reason="Post still vacant.",
        ),
    )

    client.force_login(plan.police_owner)
    response = client.post(url, update_data(opened_at, narrative="My careful paragraph."))

    html = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(html) == [
        "Someone else changed this action while you were working on it. Nothing was saved. "
        "Check their changes below, then save again"
    ]
    assert "My careful paragraph." in html
    assert "Changed while you were working" in html
    assert "manager" in html  # who changed it
    assert "Green" in html and "Red" in html  # what changed: the RAG
    assert list(ProgressUpdate.objects.values_list("narrative", flat=True)) == [
        "Escalated to the executive."
    ]

    # Having seen the change, saving again works.
    plan.action.refresh_from_db()
    assert f'name="version" value="{plan.action.version}"' in html
    again = client.post(url, update_data(plan.action.version, narrative="My careful paragraph."))
    assert again.status_code == 302
    assert ProgressUpdate.objects.count() == 2


@pytest.mark.django_db
def test_a_second_edit_of_the_plan_does_not_overwrite_the_first(client, plan):
    url = reverse("actions:action_edit", args=[plan.action.pk])
    opened_at = plan.action.version
    client.force_login(plan.manager)

    first = client.post(url, edit_data(plan.action, opened_at, description="First wording."))
    assert first.status_code == 302
    second = client.post(url, edit_data(plan.action, opened_at, description="Second wording."))

    assert second.status_code == 200
    assert "Second wording." in second.content.decode()
    assert "First wording." in second.content.decode()  # shown as the change made meanwhile
    plan.action.refresh_from_db()
    assert plan.action.description == "First wording."


@pytest.mark.django_db
def test_a_stale_edit_does_not_undo_a_target_date_change(client, plan):
    url = reverse("actions:action_edit", args=[plan.action.pk])
    opened_at = plan.action.version
    new_target = plan.action.target_date + datetime.timedelta(days=90)
    client.force_login(plan.manager)
    client.post(
        url,
        edit_data(
            plan.action,
            opened_at,
            target_date_0=new_target.day,
            target_date_1=new_target.month,
            target_date_2=new_target.year,
            target_date_change_reason="Reprogrammed with approval.",
        ),
    )

    stale = client.post(url, edit_data(plan.action, opened_at, success_measure="Changed measure."))

    assert error_summary_messages(stale.content.decode())[0].startswith(
        "Someone else changed this action"
    )
    assert "Reprogrammed with approval." in stale.content.decode()
    plan.action.refresh_from_db()
    assert plan.action.target_date == new_target
    assert plan.action.success_measure != "Changed measure."


@pytest.mark.django_db
def test_the_service_itself_refuses_a_stale_version_so_a_race_between_two_saves_loses_nothing(
    plan,
):
    from actions import services

    opened_at = plan.action.version
    services.progress_update_record(
        action=plan.action,
        author=plan.manager,
        rag="green",
        narrative="First.",
        expected_version=opened_at,
    )
    stale_copy = type(plan.action).objects.get(pk=plan.action.pk)
    stale_copy.version = opened_at  # as a second request read it, before the first saved

    with pytest.raises(services.EditConflict):
        services.progress_update_record(
            action=stale_copy,
            author=plan.police_owner,
            rag="green",
            narrative="Second.",
            expected_version=opened_at,
        )
    assert list(ProgressUpdate.objects.values_list("narrative", flat=True)) == ["First."]


@pytest.mark.django_db
def test_a_move_is_not_undone_by_a_later_save_of_the_same_action(plan):
    from actions import services
    from tests.factories import ActionFactory

    second = ActionFactory(finding=plan.finding, reference="1.2", lead_agency=plan.police)
    loaded_before_the_move = type(plan.action).objects.get(pk=plan.action.pk)
    services.action_move(action=second, user=plan.manager, direction="up")

    services.progress_update_record(
        action=loaded_before_the_move,
        author=plan.police_owner,
        rag="green",
        narrative="x",
        expected_version=loaded_before_the_move.version,
    )

    order = list(plan.finding.actions.order_by("position").values_list("reference", flat=True))
    assert order == ["1.2", "1.1"]
