import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions import services as action_services
from actions.rag import RAG
from notifications.models import SentEmail
from people.models import Role
from rounds import selectors, services
from rounds.models import EmailKind, ReturnReview, ReviewDecision
from tests.factories import ActionFactory, UserFactory
from tests.rounds.conftest import at


def record_update(action, author, narrative="On track."):
    action.refresh_from_db()
    action_services.progress_update_record(
        action=action, author=author, rag=RAG.GREEN, narrative=narrative,
        expected_version=action.version,
    )  # fmt: skip


def test_the_returns_page_counts_against_a_hand_built_round(
    client, plan, opened, django_assert_num_queries
):
    record_update(plan.police_actions[0], plan.police_owner)
    record_update(plan.council_action, plan.council_owner)
    ReturnReview.objects.create(
        update_round=opened,
        update=plan.council_action.updates.get(),
        decision=ReviewDecision.ACCEPTED,
        reviewed_by=plan.manager,
    )
    # Not due: complete, archived, or in another partnership's plan.
    ActionFactory(
        finding=plan.finding,
        lead_agency=plan.police,
        rag=RAG.COMPLETE,
        description="Complete action.",
    )
    ActionFactory(
        finding=plan.finding,
        lead_agency=plan.police,
        lead_officer=plan.police_owner,
        archived_at=timezone.now(),
        description="Archived action.",
    )
    ActionFactory(lead_officer=plan.stranger, description="Another partnership's action.")
    client.force_login(plan.manager)

    # session, user, round, actions with their returns, e-mails sent; request savepoints
    with django_assert_num_queries(7):
        response = client.get(reverse("rounds:round_returns", args=[opened.pk]))
    page = response.content.decode()
    assert "2 of 3</span> actions returned (67%)" in page
    assert "Metropolitan Police: 1 of 2 returned (50%)" in page
    assert "Lewisham Council: 1 of 1 returned (100%)" in page
    assert page.count("Not returned") == 1
    assert page.count("Returned: to check") == 1
    assert page.count(">Accepted<") == 1
    assert "Complete action." not in page
    assert "Archived action." not in page
    assert "Another partnership" not in page


def test_the_returns_page_runs_the_same_queries_however_many_actions(
    client, plan, opened, django_assert_num_queries
):
    for n in range(20):
        officer = UserFactory(partnership=plan.partnership, agency=plan.police)
        ActionFactory(finding=plan.finding, lead_agency=plan.police, lead_officer=officer,
                      reference=f"9.{n}")  # fmt: skip
    client.force_login(plan.manager)
    with django_assert_num_queries(7):
        client.get(reverse("rounds:round_returns", args=[opened.pk]))


def test_chase_sends_one_reminder_now_and_records_it(client, plan, opened):
    client.force_login(plan.manager)
    url = reverse("rounds:round_chase", args=[opened.pk, plan.police_owner.pk])

    response = client.post(url, follow=True)
    assert "has been sent a reminder" in response.content.decode()
    assert [m.to for m in mail.outbox] == [[plan.police_owner.email]]
    assert mail.outbox[0].subject == (
        "Please update your 2 actions for the SCP executive by Friday 6 March"
    )
    assert SentEmail.objects.filter(kind=EmailKind.CHASE, recipient=plan.police_owner).exists()

    response = client.post(url, follow=True)
    assert "already e-mailed about this round today" in response.content.decode()
    assert len(mail.outbox) == 1


def test_only_the_manager_chases(client, plan, opened):
    client.force_login(plan.council_owner)
    url = reverse("rounds:round_chase", args=[opened.pk, plan.police_owner.pk])
    assert client.post(url).status_code == 403
    client.force_login(plan.stranger)
    assert client.post(url).status_code == 404
    assert mail.outbox == []


def test_send_back_emails_the_owner_and_flags_the_update_until_revised(client, plan, opened):
    action = plan.police_actions[0]
    record_update(action, plan.police_owner)
    client.force_login(plan.manager)
    review_url = reverse("rounds:return_review", args=[opened.pk, action.pk])

    update = action.updates.get().pk
    response = client.post(review_url, {"update": update, "decision": "sent_back", "comment": ""})
    assert "Enter what more detail the update needs" in response.content.decode()

    client.post(
        review_url,
        {"update": update, "decision": "sent_back", "comment": "Give the custody figures."},
    )
    review = ReturnReview.objects.get()
    assert review.decision == ReviewDecision.SENT_BACK
    page = client.get(review_url).content.decode()
    assert "You asked: “Give the custody figures.”" in page
    (message,) = mail.outbox
    assert message.to == [plan.police_owner.email]
    assert message.subject == "Add more detail to your update on action 1.1 by Friday 6 March"
    assert "Give the custody figures." in message.body
    assert f"https://plans.example.org/actions/{action.pk}/update/" in message.body

    client.force_login(plan.police_owner)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Returned for more detail" in page
    assert "Give the custody figures." in page

    record_update(action, plan.police_owner, "Custody: 3 children held overnight in February.")
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Returned for more detail" not in page
    client.force_login(plan.manager)
    page = client.get(reverse("rounds:round_returns", args=[opened.pk])).content.decode()
    assert "Returned: to check" in page


def test_accepting_a_return_counts_it_accepted(client, plan, opened):
    action = plan.council_action
    record_update(action, plan.council_owner)
    client.force_login(plan.manager)

    response = client.post(
        reverse("rounds:return_review", args=[opened.pk, action.pk]),
        {"update": action.updates.get().pk, "decision": "accepted"},
        follow=True,
    )

    assert "is accepted" in response.content.decode()
    assert ReturnReview.objects.get().decision == ReviewDecision.ACCEPTED
    assert mail.outbox == []


def test_an_action_not_yet_returned_cannot_be_checked(client, plan, opened):
    client.force_login(plan.manager)
    response = client.post(
        reverse("rounds:return_review", args=[opened.pk, plan.council_action.pk]),
        {"update": 0, "decision": "accepted"},
    )
    assert "has not been updated in this round yet" in response.content.decode()
    assert not ReturnReview.objects.exists()


def test_a_check_of_an_update_the_owner_has_since_revised_is_refused_and_shows_the_new_one(
    client, plan, opened
):
    action = plan.council_action
    record_update(action, plan.council_owner, "First draft.")
    client.force_login(plan.manager)
    review_url = reverse("rounds:return_review", args=[opened.pk, action.pk])
    page = client.get(review_url).content.decode()
    first = action.updates.get()
    assert f'name="update" value="{first.pk}"' in page

    record_update(action, plan.council_owner, "Audit of 20 cases done; 18 met the standard.")
    response = client.post(review_url, {"update": first.pk, "decision": "accepted"})

    page = response.content.decode()
    assert "<title>Error: " in page
    assert "The owner has updated this action since you opened it: check the new update" in page
    assert "Audit of 20 cases done; 18 met the standard." in page
    latest = action.updates.exclude(pk=first.pk).get()
    assert f'name="update" value="{latest.pk}"' in page
    assert not ReturnReview.objects.exists()


def test_two_managers_checking_the_same_update_at_once_are_told_it_is_done(plan, opened):
    action = plan.council_action
    record_update(action, plan.council_owner)
    # Both read the action before either saved.
    as_read = selectors.action_return(update_round=opened, action_pk=action.pk)
    other_manager = UserFactory(partnership=plan.partnership, role=Role.MANAGER)
    services.return_check(
        update_round=opened, action=as_read, user=other_manager,
        update_id=as_read.return_id, decision=ReviewDecision.ACCEPTED,
    )  # fmt: skip

    with pytest.raises(ValidationError, match="Someone has already checked this update"):
        services.return_check(
            update_round=opened, action=as_read, user=plan.manager,
            update_id=as_read.return_id, decision=ReviewDecision.SENT_BACK, comment="More.",
        )  # fmt: skip
    assert ReturnReview.objects.get().decision == ReviewDecision.ACCEPTED
    assert mail.outbox == []


def test_after_the_deadline_the_chase_and_send_back_ask_for_an_update_before_the_meeting(
    client, plan
):
    update_round = plan.open_round()
    action = plan.council_action
    mail.outbox.clear()
    client.force_login(plan.manager)
    with time_machine.travel(at(datetime.date(2026, 3, 9), 10)):  # the deadline was 6 March
        client.post(reverse("rounds:round_chase", args=[update_round.pk, plan.police_owner.pk]))
        record_update(action, plan.council_owner)
        client.post(
            reverse("rounds:return_review", args=[update_round.pk, action.pk]),
            {"update": action.updates.get().pk, "decision": "sent_back", "comment": "Figures?"},
        )

    chase, sent_back = mail.outbox
    assert chase.subject == (
        "Please update your 2 actions before the SCP executive on Friday 13 March"
    )
    assert "update these actions before the SCP executive on Friday 13 March." in chase.body
    assert "6 March" not in chase.body + chase.alternatives[0].content
    assert sent_back.subject == (
        "Add more detail to your update on action 1.3 before the SCP executive on Friday 13 March"
    )
    assert "Record a new update before the SCP executive on Friday 13 March:" in sent_back.body
    assert "6 March" not in sent_back.body + sent_back.alternatives[0].content


def test_a_send_back_stands_when_its_e_mail_fails_and_the_manager_is_told(
    client, plan, opened, mail_server_refusing
):
    action = plan.police_actions[0]
    record_update(action, plan.police_owner)
    mail_server_refusing(plan.police_owner.email)
    client.force_login(plan.manager)

    response = client.post(
        reverse("rounds:return_review", args=[opened.pk, action.pk]),
        {"update": action.updates.get().pk, "decision": "sent_back", "comment": "Add figures."},
        follow=True,
    )

    assert ReturnReview.objects.get().decision == ReviewDecision.SENT_BACK
    assert "could not be sent to " in response.content.decode()
    assert "tell them yourself" in response.content.decode()


def test_the_returns_page_says_which_returns_were_sent_back_for_more_detail(client, plan, opened):
    action, other = plan.police_actions
    record_update(action, plan.police_owner)
    record_update(other, plan.police_owner)
    ReturnReview.objects.create(
        update_round=opened,
        update=action.updates.get(),
        decision=ReviewDecision.SENT_BACK,
        comment="Give the custody figures.",
        reviewed_by=plan.manager,
    )
    client.force_login(plan.manager)
    url = reverse("rounds:round_returns", args=[opened.pk])

    page = client.get(url).content.decode()
    assert "2 of 3</span> actions returned (67%), 1 of them returned for more detail" in page
    assert "Metropolitan Police: 2 of 2 returned (100%), 1 returned for more detail" in page
    assert "Lewisham Council: 0 of 1 returned (0%)<" in page

    record_update(action, plan.police_owner, "Custody: 3 children held overnight.")
    revised = client.get(url).content.decode()
    assert "of them returned for more detail" not in revised
    assert "Metropolitan Police: 2 of 2 returned (100%)<" in revised
