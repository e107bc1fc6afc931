"""At the meeting the manager records the executive's decisions: what, who owns it, by when,
the actions it concerns and the asks it answers. A decision not yet done carries forward to
later meetings as a matter arising, until it is marked done."""

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
from meetings.decisions import ask_record, decision_mark_done, decision_record, matters_arising
from meetings.models import Decision, ExecutiveAsk
from meetings.services import meeting_record
from people.models import Role
from tests.actions.conftest import Plan
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, UserFactory

TODAY = timezone.localdate()
A_MONTH_AND_MORE = datetime.timedelta(days=40)
DECIDED = "Fund two agency social workers until the posts are filled; review in March."


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def plan(db):
    """A plan whose action 1.1 is Red, its owner's ask waiting, and two meetings: one a
    month ago and one yesterday."""
    plan = Plan()
    Action.objects.filter(pk=plan.action.pk).update(rag=RAG.RED)
    plan.action.refresh_from_db()
    plan.ask = ask_record(
        action=plan.action,
        user=plan.police_owner,
        kind="funding",
        text="Fund two agency social workers for the EDT.",
    )
    # Asked before either meeting, so either meeting can answer it.
    ExecutiveAsk.objects.filter(pk=plan.ask.pk).update(asked_at=timezone.now() - A_MONTH_AND_MORE)
    plan.ask.refresh_from_db()
    record = plan.finding.plan
    plan.earlier = meeting_record(plan=record, user=plan.manager, date=days(-30), title="LSCP")
    plan.later = meeting_record(plan=record, user=plan.manager, date=days(-1), title="LSCP")
    return plan


def page_text(response) -> str:
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(words).split())


def new_page(meeting) -> str:
    return reverse("meetings:decision_new", args=[meeting.pk])


def done_page(meeting) -> str:
    return reverse("meetings:decision_done", args=[meeting.pk])


def decision_data(plan, *, due=None, **fields) -> dict:
    due = due or days(30)
    return {
        "text": DECIDED,
        "owner": plan.executive.pk,
        "due_date_0": due.day,
        "due_date_1": due.month,
        "due_date_2": due.year,
        "actions": [plan.action.pk],
        "asks": [plan.ask.pk],
        **fields,
    }


def decide(plan, meeting, text=DECIDED, **fields) -> Decision:
    fields = {"owner": plan.executive, "due_date": days(30), **fields}
    return decision_record(meeting=meeting, user=plan.manager, text=text, **fields)


def test_the_manager_records_a_decision_that_answers_the_ask(client, plan):
    client.force_login(plan.manager)
    form = page_text(client.get(new_page(plan.earlier)))
    assert f"{plan.executive.get_full_name()} (Lewisham Council)" in form
    assert "1.1: Review demand in the missing persons unit." in form
    assert "Action 1.1: Unblock funding or resources: Fund two agency social workers" in form

    response = client.post(new_page(plan.earlier), decision_data(plan))
    assert response.status_code == 302
    assert response.url == plan.earlier.get_absolute_url() + "#decisions"
    decision = Decision.objects.get()
    assert (decision.meeting, decision.owner, decision.due_date) == (
        plan.earlier,
        plan.executive,
        days(30),
    )
    assert list(decision.actions.all()) == [plan.action]
    plan.ask.refresh_from_db()
    assert plan.ask.decision == decision

    meeting_page = page_text(client.get(response.url))
    assert f"The decision is recorded at {plan.earlier}" in meeting_page
    made = meeting_page.split("Decisions made at this meeting", 1)[1].split("Matters arising")[0]
    assert f"Decision 1 Mark as done : decision 1 {DECIDED}" in made
    assert f"Due by {days(30):%-d %B %Y}" in made
    assert "Outstanding" in made
    assert "No ask of the executive is awaiting a decision" in meeting_page

    client.force_login(plan.police_owner)
    action_page = page_text(client.get(plan.action.get_absolute_url()))
    assert f"Answered by the decision at {plan.earlier}" in action_page
    assert "Not yet answered" not in action_page
    about = action_page.split("Decisions about this action", 1)[1]
    assert f"Decision {DECIDED} Decided at {plan.earlier}" in about
    assert f"Owner {plan.executive.get_full_name()}" in about
    assert f"Due by {days(30):%-d %B %Y} Status Outstanding" in about


def test_an_ask_opened_from_the_meeting_page_comes_ticked(client, plan):
    client.force_login(plan.manager)
    page = client.get(new_page(plan.later), {"ask": plan.ask.pk}).content.decode()
    assert re.search(rf'<input[^>]*name="asks"[^>]*value="{plan.ask.pk}"[^>]*checked', page)
    assert re.search(rf'<input[^>]*name="actions"[^>]*value="{plan.action.pk}"[^>]*checked', page)


def test_answering_an_ask_makes_its_action_one_the_decision_concerns(plan):
    decision = decide(plan, plan.earlier, asks=[plan.ask])
    assert list(decision.actions.all()) == [plan.action]


def test_a_decision_carries_forward_as_a_matter_arising_until_it_is_done(client, plan):
    decision = decide(plan, plan.earlier, owner=plan.police_owner, actions=[plan.action])
    client.force_login(plan.manager)
    arising = page_text(client.get(plan.later.get_absolute_url())).split("Matters arising", 1)[1]
    assert f"Decision at {plan.earlier} Mark as done" in arising
    assert DECIDED in arising.split("Asks awaiting a decision")[0]
    # Not a matter arising of the meeting that made it.
    made_at = page_text(client.get(plan.earlier.get_absolute_url()))
    assert "No decision of an earlier meeting is outstanding" in made_at

    done = page_text(client.get(done_page(plan.later)))
    assert f"Decision at {plan.earlier}" in done and DECIDED in done
    response = client.post(
        done_page(plan.later),
        {"decision": decision.pk, f"decision-{decision.pk}-note": "Two agency workers started."},
    )
    assert response.status_code == 302
    assert response.url == plan.later.get_absolute_url() + "#matters-arising"

    later_page = page_text(client.get(response.url))
    assert "The decision is marked as done: it no longer carries forward" in later_page
    assert "No decision of an earlier meeting is outstanding" in later_page
    assert DECIDED not in later_page
    earlier_page = page_text(client.get(plan.earlier.get_absolute_url()))
    assert f"Done on {TODAY:%-d %B %Y}, marked by {plan.manager.get_full_name()}" in earlier_page
    assert "Two agency workers started." in earlier_page
    action_page = page_text(client.get(plan.action.get_absolute_url()))
    assert "Status Done" in action_page


def test_marking_a_decision_done_twice_is_refused(client, plan):
    decision = decide(plan, plan.earlier)
    client.force_login(plan.manager)
    data = {"decision": decision.pk, f"decision-{decision.pk}-note": "Done."}
    assert client.post(done_page(plan.later), data).status_code == 302
    response = client.post(done_page(plan.later), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert error_summary_messages(page) == [
        f"This decision was already marked as done on {TODAY:%-d %B %Y}"
    ]
    assert_error_summary_links_reach_inputs(page)
    with pytest.raises(ValidationError):
        decision_mark_done(decision=decision, user=plan.manager, note="Again.")
    assert AuditEvent.objects.filter(kind=EventKind.DECISION_DONE).count() == 1


def test_marking_done_with_nothing_said_is_refused_with_the_reason(client, plan):
    decision = decide(plan, plan.earlier)
    client.force_login(plan.manager)
    response = client.post(
        done_page(plan.later), {"decision": decision.pk, f"decision-{decision.pk}-note": ""}
    )
    page = response.content.decode()
    assert error_summary_messages(page) == ["Enter what was done"]
    assert_error_summary_links_reach_inputs(page)
    decision.refresh_from_db()
    assert not decision.is_done


def test_a_decision_with_no_text_and_a_due_date_before_the_meeting_is_shown_again(client, plan):
    client.force_login(plan.manager)
    response = client.post(new_page(plan.later), decision_data(plan, text=""))
    page = response.content.decode()
    assert error_summary_messages(page) == ["Enter the decision"]
    assert_error_summary_links_reach_inputs(page)

    response = client.post(new_page(plan.later), decision_data(plan, due=days(-2)))
    page = response.content.decode()
    assert error_summary_messages(page) == [
        f"The due date must be on or after the date of the meeting ({days(-1):%-d %B %Y})"
    ]
    assert_error_summary_links_reach_inputs(page)
    assert DECIDED in html.unescape(page)  # what was typed is still there
    assert f'name="due_date_0" value="{days(-2).day}"' in page
    assert not Decision.objects.exists()
    plan.ask.refresh_from_db()
    assert plan.ask.decision is None


def test_an_incomplete_due_date_is_refused_in_govuk_words(client, plan):
    client.force_login(plan.manager)
    response = client.post(new_page(plan.later), decision_data(plan, due_date_1=""))
    page = response.content.decode()
    assert error_summary_messages(page) == ["The due date must include a month"]
    assert_error_summary_links_reach_inputs(page)


def test_an_owner_from_another_partnership_is_refused(client, plan):
    outsider = UserFactory(role=Role.OWNER)
    client.force_login(plan.manager)
    response = client.post(new_page(plan.later), decision_data(plan, owner=outsider.pk))
    page = response.content.decode()
    assert error_summary_messages(page) == [
        "Choose a person of the partnership to own the decision"
    ]
    assert_error_summary_links_reach_inputs(page)
    with pytest.raises(ValidationError) as refused:
        decide(plan, plan.later, owner=outsider)
    assert refused.value.message_dict == {
        "owner": ["Choose a person of the partnership to own the decision"]
    }
    assert not Decision.objects.exists()


def test_actions_and_asks_must_be_the_plans_current_ones(plan):
    archived = ActionFactory(finding=plan.finding, reference="1.2", lead_agency=plan.police)
    Action.objects.filter(pk=archived.pk).update(archived_at=timezone.now())
    elsewhere = ActionFactory(rag=RAG.RED)
    foreign_ask = ask_record(
        action=elsewhere,
        user=UserFactory(partnership=elsewhere.finding.plan.partnership, role=Role.MANAGER),
        kind="other",
        text="Another plan's ask.",
    )
    for actions, asks, field in (
        ([archived], [], "actions"),
        ([elsewhere], [], "actions"),
        ([], [foreign_ask], "asks"),
    ):
        with pytest.raises(ValidationError) as refused:
            decide(plan, plan.later, actions=actions, asks=asks)
        assert list(refused.value.message_dict) == [field]
    decide(plan, plan.later, asks=[plan.ask])
    with pytest.raises(ValidationError) as refused:  # answered already
        decide(plan, plan.later, asks=[plan.ask])
    assert refused.value.message_dict == {
        "asks": ["Choose asks that are still awaiting a decision"]
    }


@pytest.mark.parametrize("who", ["executive", "scrutineer", "police_owner"])
def test_only_the_manager_records_decisions_and_marks_them_done(client, plan, who):
    decision = decide(plan, plan.earlier)
    client.force_login(getattr(plan, who))
    meeting_page = page_text(client.get(plan.later.get_absolute_url()))
    assert DECIDED in meeting_page
    assert "Record a decision" not in meeting_page and "Mark as done" not in meeting_page
    assert client.get(new_page(plan.later)).status_code == 403
    assert client.post(new_page(plan.later), decision_data(plan)).status_code == 403
    assert client.get(done_page(plan.later)).status_code == 403
    data = {"decision": decision.pk, f"decision-{decision.pk}-note": "Done."}
    assert client.post(done_page(plan.later), data).status_code == 403
    assert Decision.objects.get().done_at is None


def test_another_partnerships_manager_finds_no_decision_pages(client, plan):
    decision = decide(plan, plan.earlier)
    client.force_login(plan.stranger)
    assert client.get(new_page(plan.later)).status_code == 404
    assert client.post(new_page(plan.later), decision_data(plan)).status_code == 404
    data = {"decision": decision.pk, f"decision-{decision.pk}-note": "Done."}
    assert client.post(done_page(plan.later), data).status_code == 404


def test_a_decision_of_another_plan_cannot_be_marked_done_from_this_meeting(client, plan):
    theirs = Plan()
    their_meeting = meeting_record(
        plan=theirs.finding.plan, user=theirs.manager, date=TODAY, title="Theirs"
    )
    decision = decision_record(
        meeting=their_meeting,
        user=theirs.manager,
        text="Theirs.",
        owner=theirs.executive,
        due_date=days(30),
    )
    client.force_login(plan.manager)
    data = {"decision": decision.pk, f"decision-{decision.pk}-note": "Done."}
    assert client.post(done_page(plan.later), data).status_code == 404
    assert client.post(done_page(plan.later), {"decision": "x"}).status_code == 404
    decision.refresh_from_db()
    assert not decision.is_done


def test_decisions_and_their_end_are_in_the_audit_trail(plan):
    decision = decide(
        plan, plan.earlier, actions=[plan.action], asks=[plan.ask], address="192.0.2.7"
    )
    decision_mark_done(decision=decision, user=plan.manager, note="Workers started.")
    recorded = AuditEvent.objects.get(kind=EventKind.DECISION_RECORDED)
    assert (recorded.user, recorded.partnership, recorded.ip_address) == (
        plan.manager,
        plan.partnership,
        "192.0.2.7",
    )
    assert recorded.detail.startswith(f"Recorded a decision at {plan.earlier} on ")
    assert recorded.detail.endswith(f": {DECIDED} (about action 1.1, answering 1 ask)")
    done = AuditEvent.objects.get(kind=EventKind.DECISION_DONE)
    assert done.detail.startswith(f"Marked as done the decision at {plan.earlier} on ")
    assert done.detail.endswith(": Workers started.")


def test_matters_arising_come_soonest_due_first(plan):
    record = plan.finding.plan
    decide(plan, plan.earlier, text="Latest", due_date=days(90))
    decide(plan, plan.earlier, text="Later", due_date=days(60))
    decide(plan, plan.earlier, text="Sooner", due_date=days(10))
    done = decide(plan, plan.earlier, text="Done already")
    decision_mark_done(decision=done, user=plan.manager, note="Done.")
    decide(plan, plan.later, text="Made yesterday", due_date=days(100))
    assert [d.text for d in matters_arising(plan=record, before=plan.later.date)] == [
        "Sooner",
        "Later",
        "Latest",
    ]
    assert [d.text for d in matters_arising(plan=record)] == [
        "Sooner",
        "Later",
        "Latest",
        "Made yesterday",
    ]


@pytest.mark.parametrize("count", [1, 10])
def test_the_meeting_page_reads_its_decisions_in_a_fixed_number_of_queries(
    client, plan, django_assert_num_queries, count
):
    for n in range(count):
        for meeting in (plan.earlier, plan.later):
            decide(plan, meeting, text=f"Decision {n}", owner=plan.executive, actions=[plan.action])
    client.force_login(plan.manager)
    client.get(plan.later.get_absolute_url())  # the session's first queries
    # session, user, the meeting page's own (meeting, meeting before, both snapshots, the
    # changed actions, areas, their counts, judgements, attendees, apologies, agenda); the
    # decisions made at the meeting
    # and their actions, the matters arising and their actions, the asks awaiting a
    # decision (meetings.decisions); the challenges; the request's savepoints
    with django_assert_num_queries(20):
        response = client.get(plan.later.get_absolute_url())
    assert page_text(response).count("Decision at ") == count  # each matter arising


def test_a_decision_needs_an_owner_and_a_due_date(plan):
    with pytest.raises(ValidationError) as refused:
        decision_record(meeting=plan.later, user=plan.manager, text=DECIDED)
    assert refused.value.message_dict == {
        "owner": ["Choose who owns the decision"],
        "due_date": ["Enter the date the decision is due by"],
    }


def test_a_meeting_answers_only_the_asks_made_by_its_day(client, plan):
    late = ask_record(
        action=plan.action,
        user=plan.police_owner,
        kind="new_date",
        text="Agree 30 June as the new target date.",
    )  # made today, after both meetings
    client.force_login(plan.manager)
    meeting_page = page_text(client.get(plan.later.get_absolute_url()))
    assert "Fund two agency social workers for the EDT." in meeting_page
    assert "Agree 30 June as the new target date." not in meeting_page
    with pytest.raises(ValidationError) as refused:
        decide(plan, plan.later, asks=[late])
    assert refused.value.message_dict["asks"] == [
        f"Choose asks made by the day of the meeting ({plan.later.date:%-d %B %Y}): a later "
        "ask waits for a later meeting"
    ]
