"""Closure the way partnerships do it: proposed with evidence, agreed at a meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import ClosureStatus
from actions.rag import RAG
from meetings.models import Meeting
from people.models import User
from tests.actions.conftest import propose
from tests.assertions import error_summary_messages
from tests.factories import ActionFactory


def recorded_meeting(action, when, *, by, title="LSCP executive"):
    """The plan's latest meeting held between the action's proposal and `when`, recorded
    (without a snapshot, which these tests do not read) if the plan has none."""
    plan = action.finding.plan
    meetings = plan.meetings.filter(date__lte=when)
    proposal = action.closures.filter(status="proposed").first()
    if proposal is not None:
        meetings = meetings.filter(date__gte=timezone.localtime(proposal.proposed_at).date())
    meeting = meetings.order_by("-date", "-pk").first()
    if meeting is None:
        meeting = Meeting.objects.create(plan=plan, date=when, title=title, recorded_by=by)
    return meeting


def agree(client, action, when=None, meeting=None):
    when = when or timezone.localdate()
    if meeting is None:
        by = User.objects.get(pk=client.session["_auth_user_id"])
        meeting = recorded_meeting(action, timezone.localdate(), by=by)
    return client.post(
        reverse("actions:closure_agree", args=[action.pk]),
        {
            "version": action.version,
            "decision": "agreed",
            "agreed_on_0": when.day,
            "agreed_on_1": when.month,
            "agreed_on_2": when.year,
            "meeting": getattr(meeting, "pk", meeting),
        },
    )


@pytest.mark.django_db
def test_an_owner_proposes_complete_and_the_executive_agrees(client, plan):
    plan.action.rag = RAG.GREEN
    plan.action.save()
    client.force_login(plan.police_owner)

    client.post(
        reverse("actions:closure_propose", args=[plan.action.pk]),
        {
            "version": plan.action.version,
            "evidence_of_impact": "Audit: 96% of missing episodes followed up within 72 hours.",
            "sustainability_plan": "Quarterly audit reported to the executive.",
        },
    )

    plan.action.refresh_from_db()
    assert plan.action.rag == RAG.GREEN  # not Complete until the partnership agrees
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Proposed complete: awaiting the partnership" in page
    awaiting = client.get(
        reverse("actions:my_actions"), {"proposed_complete": "on"}
    ).content.decode()
    assert plan.action.description in awaiting

    client.force_login(plan.executive)
    response = agree(client, plan.action)

    assert response.status_code == 302
    plan.action.refresh_from_db()
    assert plan.action.rag == RAG.COMPLETE
    closure = plan.action.closures.get()
    assert closure.status == ClosureStatus.AGREED
    assert closure.agreed_by == plan.executive
    assert closure.agreed_at_meeting == f"LSCP executive, {timezone.localdate():%-d %B %Y}"
    assert closure.meeting.title == "LSCP executive"
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Closure agreed" in page
    assert ">Complete</strong>" in page


@pytest.mark.django_db
def test_a_proposal_needs_evidence_of_impact_and_a_sustainability_plan(client, plan):
    client.force_login(plan.police_owner)
    response = client.post(
        reverse("actions:closure_propose", args=[plan.action.pk]), {"version": plan.action.version}
    )
    assert error_summary_messages(response.content.decode()) == [
        "Enter the evidence of impact",
        "Enter the sustainability plan",
    ]
    assert not plan.action.closures.exists()


@pytest.mark.django_db
def test_agreement_cannot_be_dated_in_the_future(client, plan):
    propose(plan.action, plan.police_owner)
    plan.action.refresh_from_db()
    client.force_login(plan.executive)
    response = agree(client, plan.action, when=timezone.localdate() + datetime.timedelta(days=1))
    assert error_summary_messages(response.content.decode()) == [
        "The date agreed must be today or in the past"
    ]
    plan.action.refresh_from_db()
    assert plan.action.rag != RAG.COMPLETE


@pytest.mark.django_db
def test_reopening_needs_a_reason_and_keeps_the_closure_on_record(client, plan):
    propose(plan.action, plan.police_owner)
    plan.action.refresh_from_db()
    client.force_login(plan.executive)
    agree(client, plan.action)
    plan.action.refresh_from_db()
    url = reverse("actions:action_reopen", args=[plan.action.pk])

    refused = client.post(url, {"version": plan.action.version, "rag": "amber", "reason": ""})
    assert error_summary_messages(refused.content.decode()) == ["Enter the reason"]

    client.post(
        url,
        {
            "version": plan.action.version,
            "rag": "amber",
            "reason": "Re-audit found follow-ups slipping again.",
        },
    )
    plan.action.refresh_from_db()
    assert plan.action.rag == RAG.AMBER
    closure = plan.action.closures.get()
    assert closure.status == ClosureStatus.REOPENED
    assert closure.reopen_reason == "Re-audit found follow-ups slipping again."
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Earlier closures" in page
    assert "Re-audit found follow-ups slipping again." in page


@pytest.mark.django_db
def test_a_declined_proposal_returns_to_the_owner(client, plan):
    propose(plan.action, plan.police_owner)
    plan.action.refresh_from_db()
    client.force_login(plan.manager)
    today = timezone.localdate()
    client.post(
        reverse("actions:closure_agree", args=[plan.action.pk]),
        {
            "version": plan.action.version,
            "decision": "not_agreed",
            "agreed_on_0": today.day,
            "agreed_on_1": today.month,
            "agreed_on_2": today.year,
            "meeting": recorded_meeting(plan.action, today, by=plan.manager).pk,
            "decision_reason": "No audit evidence yet.",
        },
    )

    client.force_login(plan.police_owner)
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert (
        f"Closure not agreed by the partnership at LSCP executive, {today:%-d %B %Y}: "
        "No audit evidence yet." in page
    )
    assert "Propose complete" in page


@pytest.mark.django_db
def test_a_complete_action_is_never_shown_as_overdue(client, plan):
    done = ActionFactory(
        finding=plan.finding,
        lead_agency=plan.police,
        rag=RAG.COMPLETE,
        target_date=timezone.localdate() - datetime.timedelta(days=10),
    )
    client.force_login(plan.executive)
    overdue = client.get(
        reverse("inspections:inspection_actions", args=[plan.finding.plan.inspection.pk]),
        {"overdue": "on"},
    ).content.decode()
    assert "0 actions match your filters" in overdue
    assert done.description not in overdue


@pytest.mark.django_db
def test_a_complete_action_takes_no_more_updates_until_reopened(client, plan):
    propose(plan.action, plan.police_owner)
    plan.action.refresh_from_db()
    client.force_login(plan.executive)
    agree(client, plan.action)

    client.force_login(plan.police_owner)
    assert (
        client.get(reverse("actions:progress_update_new", args=[plan.action.pk])).status_code == 403
    )
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Record a progress update" not in page


@pytest.mark.django_db
def test_agreement_cannot_be_dated_before_the_proposal(client, plan):
    propose(plan.action, plan.police_owner)
    plan.action.refresh_from_db()
    client.force_login(plan.executive)
    response = agree(client, plan.action, when=timezone.localdate() - datetime.timedelta(days=3))
    assert error_summary_messages(response.content.decode()) == [
        "The date agreed must be on or after the day the action was proposed complete "
        f"({timezone.localdate():%-d %B %Y})"
    ]
