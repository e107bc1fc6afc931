from django.core import mail
from django.urls import reverse

from actions import services as action_services
from actions.rag import RAG
from people.models import Role
from rounds import selectors, services
from rounds.models import ReviewDecision
from tests.factories import ActionFactory, UserFactory

COMMENT = "Give the custody figures for February."


def record_update(action, author, narrative="On track."):
    action.refresh_from_db()
    action_services.progress_update_record(
        action=action, author=author, rag=RAG.GREEN, narrative=narrative,
        expected_version=action.version,
    )  # fmt: skip


def send_back(update_round, action, manager):
    as_read = selectors.action_return(update_round=update_round, action_pk=action.pk)
    services.return_check(
        update_round=update_round, action=as_read, user=manager, update_id=as_read.return_id,
        decision=ReviewDecision.SENT_BACK, comment=COMMENT,
    )  # fmt: skip


def test_the_update_form_the_email_links_to_shows_what_the_manager_asked(client, plan, during):
    update_round = plan.open_round()
    action = plan.police_actions[0]
    record_update(action, plan.police_owner)
    send_back(update_round, action, plan.manager)
    client.force_login(plan.police_owner)

    page = client.get(reverse("actions:progress_update_new", args=[action.pk])).content.decode()

    assert '<div class="govuk-inset-text">' in page
    assert "Returned for more detail." in page
    assert COMMENT in page


def test_everyone_who_reads_the_action_sees_which_update_was_returned(client, plan, during):
    update_round = plan.open_round()
    action = plan.police_actions[0]
    record_update(action, plan.police_owner, "Protocol drafted.")
    send_back(update_round, action, plan.manager)
    scrutineer = UserFactory(partnership=plan.partnership, role=Role.SCRUTINEER)
    client.force_login(scrutineer)

    page = client.get(action.get_absolute_url()).content.decode()

    card = page[page.index("Progress updates") :]
    assert '<strong class="govuk-tag govuk-tag--orange">Returned for more detail</strong>' in card
    assert COMMENT in card
    assert "Record a new update" not in page  # the scrutineer cannot


def test_a_manager_asked_about_an_action_with_no_lead_officer_is_told_why(plan, during):
    update_round = plan.open_round()
    action = ActionFactory(
        finding=plan.finding, reference="1.4", lead_agency=plan.council, lead_officer=None,
        target_date=plan.far_target,
    )  # fmt: skip
    record_update(action, plan.manager)
    mail.outbox.clear()

    send_back(update_round, action, plan.manager)

    (message,) = mail.outbox
    assert message.to == [plan.manager.email]
    why = "because you are a manager of the partnership and action 1.4 has no lead officer"
    assert why in message.body
    assert why in message.alternatives[0].content
    assert "lead officer for action" not in message.body
