"""An owner whose action is Red or overdue asks the executive for help, from the action's
page; the ask shows there, and on the meeting page until a decision answers it."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from meetings.decisions import ASK_ONLY_WHEN_RED, ask_record, open_asks
from meetings.models import AskKind, ExecutiveAsk
from meetings.services import meeting_record
from people.models import Role
from tests.actions.conftest import Plan
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, UserFactory

ASK = "Fund two agency social workers for the EDT until the posts are filled."


@pytest.fixture
def plan(db):
    """A plan whose action 1.1 the police owner leads, now Red."""
    plan = Plan()
    Action.objects.filter(pk=plan.action.pk).update(rag=RAG.RED)
    plan.action.refresh_from_db()
    return plan


def page_text(response) -> str:
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(words).split())


def ask_page(action) -> str:
    return reverse("meetings:ask_new", args=[action.pk])


def test_the_owner_of_a_red_action_asks_and_the_ask_shows_on_the_action_page(client, plan):
    client.force_login(plan.police_owner)
    action_page = page_text(client.get(plan.action.get_absolute_url()))
    assert "Ask the executive for help" in action_page

    response = client.post(ask_page(plan.action), {"kind": AskKind.FUNDING, "text": ASK})
    assert response.status_code == 302
    assert response.url == plan.action.get_absolute_url() + "#asks-and-decisions"
    ask = ExecutiveAsk.objects.get()
    assert (ask.action, ask.asked_by, ask.kind) == (plan.action, plan.police_owner, "funding")

    action_page = page_text(client.get(response.url, follow=True))
    assert "Your ask of the executive is recorded" in action_page
    assert f"Unblock funding or resources {ASK}" in action_page
    assert (
        f"Asked by {plan.police_owner.get_full_name()} on {timezone.localdate():%-d %B %Y}"
        in action_page
    )
    assert "Not yet answered" in action_page


def test_an_overdue_action_reported_green_may_ask_too(client, plan):
    Action.objects.filter(pk=plan.action.pk).update(
        rag=RAG.GREEN, target_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(plan.police_owner)
    response = client.post(ask_page(plan.action), {"kind": AskKind.NEW_DATE, "text": ASK})
    assert response.status_code == 302
    assert ExecutiveAsk.objects.get().kind == AskKind.NEW_DATE


def test_asking_on_a_green_action_on_track_is_refused(client, plan):
    Action.objects.filter(pk=plan.action.pk).update(rag=RAG.GREEN)
    plan.action.refresh_from_db()
    client.force_login(plan.police_owner)
    assert "Ask the executive for help" not in page_text(client.get(plan.action.get_absolute_url()))
    assert client.get(ask_page(plan.action)).status_code == 403
    assert client.post(ask_page(plan.action), {"kind": "funding", "text": ASK}).status_code == 403

    with pytest.raises(ValidationError) as refused:
        ask_record(action=plan.action, user=plan.police_owner, kind="funding", text=ASK)
    assert refused.value.messages == [ASK_ONLY_WHEN_RED]
    assert not ExecutiveAsk.objects.exists()


@pytest.mark.parametrize("who", ["scrutineer", "executive", "council_owner"])
def test_those_who_do_not_update_the_action_cannot_ask(client, plan, who):
    client.force_login(getattr(plan, who))
    assert "Ask the executive for help" not in page_text(client.get(plan.action.get_absolute_url()))
    assert client.get(ask_page(plan.action)).status_code == 403
    assert client.post(ask_page(plan.action), {"kind": "funding", "text": ASK}).status_code == 403
    assert not ExecutiveAsk.objects.exists()


def test_an_ask_with_nothing_said_is_shown_again_with_what_was_typed(client, plan):
    client.force_login(plan.police_owner)
    response = client.post(ask_page(plan.action), {"kind": "", "text": "   "})
    page = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(page) == [
        "Select what you ask of the executive",
        "Enter what you ask of the executive",
    ]
    assert_error_summary_links_reach_inputs(page)
    assert page_text(response).startswith("Error:")

    response = client.post(ask_page(plan.action), {"kind": "", "text": ASK})
    page = response.content.decode()
    assert error_summary_messages(page) == ["Select what you ask of the executive"]
    assert_error_summary_links_reach_inputs(page)
    assert ASK in html.unescape(page)
    assert not ExecutiveAsk.objects.exists()


def test_an_ask_is_in_the_audit_trail_naming_the_action(client, plan):
    client.force_login(plan.police_owner)
    client.post(ask_page(plan.action), {"kind": AskKind.ESCALATE, "text": ASK})
    entry = AuditEvent.objects.get(kind=EventKind.ASK_RECORDED)
    assert (entry.user, entry.partnership) == (plan.police_owner, plan.partnership)
    assert entry.detail.startswith("Asked the executive about action 1.1 of ")
    assert entry.detail.endswith(": escalate to a partner")


def test_the_meeting_page_lists_the_asks_awaiting_a_decision(client, plan):
    ask_record(action=plan.action, user=plan.police_owner, kind="funding", text=ASK)
    meeting = meeting_record(
        plan=plan.finding.plan, user=plan.manager, date=timezone.localdate(), title="LSCP"
    )
    client.force_login(plan.executive)
    page = page_text(client.get(meeting.get_absolute_url()))
    awaiting = page.split("Asks awaiting a decision", 1)[1]
    assert "1.1 Metropolitan Police" in awaiting
    assert f"Unblock funding or resources {ASK}" in awaiting
    assert "Record a decision" not in awaiting  # the executive decides; the manager records

    client.force_login(plan.manager)
    page = client.get(meeting.get_absolute_url()).content.decode()
    ask = ExecutiveAsk.objects.get()
    assert reverse("meetings:decision_new", args=[meeting.pk]) + f"?ask={ask.pk}" in page


def test_open_asks_are_of_current_actions_in_the_plans_order(plan):
    later = ActionFactory(
        finding=plan.finding, reference="1.2", position=2, lead_agency=plan.police, rag=RAG.RED
    )
    first = plan.action
    Action.objects.filter(pk=first.pk).update(position=1)
    archived = ActionFactory(
        finding=plan.finding, reference="1.3", position=3, lead_agency=plan.police, rag=RAG.RED
    )
    for action in (later, first, archived):
        ask_record(action=action, user=plan.manager, kind="other", text=f"About {action.reference}")
    Action.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    elsewhere = ActionFactory(rag=RAG.RED)
    ask_record(
        action=elsewhere,
        user=UserFactory(partnership=elsewhere.finding.plan.partnership, role=Role.MANAGER),
        kind="other",
        text="Another plan's",
    )
    assert [ask.text for ask in open_asks(plan=plan.finding.plan)] == ["About 1.1", "About 1.2"]


def test_another_partnerships_owner_finds_no_ask_page(client, plan):
    client.force_login(UserFactory(role=Role.MANAGER))
    assert client.get(ask_page(plan.action)).status_code == 404
    assert client.post(ask_page(plan.action), {"kind": "funding", "text": ASK}).status_code == 404
