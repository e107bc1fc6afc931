"""Rough edges of the update round found walking the demo (issue 18): a closed plan, the
demo round's opening e-mails, the return check page and the returns page."""

import io

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions import services as action_services
from actions.models import Evidence, EvidenceKind, PlanStatus
from actions.rag import RAG
from govuk.working_days import working_days_from
from notifications.models import SentEmail
from rounds.models import EmailKind, UpdateRound
from rounds.reminders import REMINDER_WORKING_DAYS_BEFORE_DEADLINE
from tests.factories import ActionFactory


def close(plan):
    plan.inspection.plan.status = PlanStatus.CLOSED
    plan.inspection.plan.save()


def record_update(action, author, narrative="On track."):
    action.refresh_from_db()
    return action_services.progress_update_record(
        action=action, author=author, rag=RAG.GREEN, narrative=narrative,
        expected_version=action.version,
    )  # fmt: skip


def test_a_round_cannot_be_opened_on_a_closed_plan(client, plan, during):
    close(plan)
    client.force_login(plan.manager)

    response = client.post(
        reverse("rounds:round_list", args=[plan.inspection.pk]),
        {"meeting_date_0": "13", "meeting_date_1": "3", "meeting_date_2": "2026"},
    )

    assert "This plan is closed, so its actions take no more updates" in response.content.decode()
    assert not UpdateRound.objects.exists()
    assert not mail.outbox


def test_a_closed_plans_actions_cannot_be_updated(client, plan):
    url = reverse("actions:progress_update_new", args=[plan.council_action.pk])
    client.force_login(plan.council_owner)
    assert client.get(url).status_code == 200

    close(plan)

    assert client.get(url).status_code == 403
    client.force_login(plan.manager)
    assert client.get(url).status_code == 403


def test_on_a_fresh_demo_the_rounds_opening_emails_are_recorded_on_the_day_it_opened(demo):
    update_round = UpdateRound.objects.get(plan__partnership__slug="lewisham")
    opening = SentEmail.objects.about(update_round).filter(kind=EmailKind.ROUND_OPEN)
    police = demo["police.officer"]

    assert opening.filter(recipient=police).exists()
    assert {email.sent_at for email in opening} == {update_round.opened_at}

    today = io.StringIO()
    call_command("send_reminders", "--dry-run", stdout=today)
    assert EmailKind.ROUND_OPEN.label not in today.getvalue()

    # The reminder still comes when it is due, to the owner who has not returned.
    reminder_day = working_days_from(update_round.deadline, -REMINDER_WORKING_DAYS_BEFORE_DEADLINE)
    then = io.StringIO()
    call_command("send_reminders", "--dry-run", f"--today={reminder_day}", stdout=then)
    assert f"{EmailKind.REMINDER.label}: {police} <{police.email}>" in then.getvalue()


def test_the_return_check_page_shows_each_item_of_evidence_with_its_link_and_file(
    client, plan, opened
):
    update = record_update(plan.council_action, plan.council_owner)
    Evidence.objects.create(
        action=plan.council_action, update=update, title="Audit of 20 cases",
        kind=EvidenceKind.OTHER, link="https://sharepoint.example.org/audit",
        added_by=plan.council_owner,
    )  # fmt: skip
    client.force_login(plan.manager)

    page = client.get(
        reverse("rounds:return_review", args=[opened.pk, plan.council_action.pk])
    ).content.decode()

    assert "Audit of 20 cases" in page
    assert 'href="https://sharepoint.example.org/audit"' in page
    assert ">https://sharepoint.example.org/audit</a>" in page


def test_the_return_check_page_leads_to_the_next_return_to_check(client, plan, opened):
    first, second = plan.police_actions
    record_update(first, plan.police_owner)
    record_update(second, plan.police_owner)
    client.force_login(plan.manager)

    def review(action):
        return client.get(reverse("rounds:return_review", args=[opened.pk, action.pk]))

    next_url = reverse("rounds:return_review", args=[opened.pk, second.pk])
    assert "Check the next return" in review(first).content.decode()
    assert f'href="{next_url}"' in review(first).content.decode()

    client.post(
        reverse("rounds:return_review", args=[opened.pk, first.pk]),
        {"update": first.updates.get().pk, "decision": "accepted"},
    )
    # Only the one on screen is left to check.
    assert "Check the next return" not in review(second).content.decode()
    assert "No other return is waiting to be checked" in review(second).content.decode()


def test_the_returns_page_lists_an_owner_once_with_one_chase_button(
    client, plan, opened, django_assert_num_queries
):
    # The police officer also leads an action the council leads.
    ActionFactory(finding=plan.finding, reference="1.4", lead_agency=plan.council,
                  lead_officer=plan.police_owner)  # fmt: skip
    client.force_login(plan.manager)

    # session, user, round, actions with their returns, e-mails sent; request savepoints
    with django_assert_num_queries(7):
        page = client.get(reverse("rounds:round_returns", args=[opened.pk])).content.decode()

    chase = reverse("rounds:round_chase", args=[opened.pk, plan.police_owner.pk])
    assert page.count(f'action="{chase}"') == 1
    assert page.count(f"{plan.police_owner.get_full_name()}: 0 of 3 returned") == 1
    assert "Metropolitan Police: 0 of 3 returned (0%)" in page
    assert "Led by Lewisham Council" in page
