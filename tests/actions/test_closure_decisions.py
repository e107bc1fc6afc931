"""The partnership decides a closure with all its evidence in view: agreed, or not agreed
with a reason, by someone other than the person who proposed it; the owner is told."""

import datetime
import html

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, ClosureStatus
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from meetings.models import Meeting
from people.models import User
from tests.actions.test_close_action import recorded_meeting
from tests.actions.test_rules_stated_once import errors_beside_fields
from tests.assertions import error_summary_messages
from tests.rounds.conftest import mail_server_refusing  # noqa: F401 - a fixture

TODAY = timezone.localdate()
SUSTAINABILITY = (
    "The missing persons lead audits twenty episodes every quarter and reports the result "
    "to the executive; any episode not followed up within 72 hours is escalated to the "
    "police superintendent the same week, and the audit tool is kept on the partnership's "
    "SharePoint so that a new lead can pick it up without a handover. The plan ends its "
    "last sentence here, well past forty words."
)


def _fresh(action: Action) -> Action:
    return Action.objects.get(pk=action.pk)


def _update(action, author, *, narrative, rag=RAG.AMBER, link="", file=None):
    action = _fresh(action)
    services.progress_update_record(
        action=action,
        author=author,
        rag=rag,
        narrative=narrative,
        rag_change_reason="Slipped" if RAG(rag).is_worse_than(action.rag) else "",
        evidence_link=link,
        evidence_file=file,
        expected_version=action.version,
    )


def _propose(action, user, *, link="", file=None):
    action = _fresh(action)
    return services.closure_propose(
        action=action,
        user=user,
        evidence_of_impact="Audit: 96% of missing episodes followed up within 72 hours.",
        sustainability_plan=SUSTAINABILITY,
        evidence_link=link,
        evidence_file=file,
        expected_version=action.version,
    )


AT_MEETING = f"LSCP executive, {TODAY:%-d %B %Y}"


def _decide(client, action, *, decision, reason="", when=TODAY, meeting=None):
    if meeting is None:
        by = User.objects.get(pk=client.session["_auth_user_id"])
        meeting = recorded_meeting(action, TODAY, by=by)
    return client.post(
        reverse("actions:closure_agree", args=[action.pk]),
        {
            "version": _fresh(action).version,
            "decision": decision,
            "agreed_on_0": when.day,
            "agreed_on_1": when.month,
            "agreed_on_2": when.year,
            "meeting": getattr(meeting, "pk", meeting),
            "decision_reason": reason,
        },
    )


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 audit", content_type="application/pdf")


@pytest.mark.django_db
def test_the_page_shows_every_piece_of_evidence_and_the_sustainability_plan_in_full(client, plan):
    owner = plan.police_owner
    action = plan.action
    _update(action, owner, narrative="First audit done.", link="https://sp.example.org/first")
    _update(action, owner, narrative="Dip sample.", file=_pdf("dip-sample.pdf"))
    _update(action, owner, narrative="Second audit.", rag=RAG.GREEN)
    _update(action, owner, narrative="Third audit.", rag=RAG.GREEN)
    _propose(action, owner, link="https://sp.example.org/closure", file=_pdf("impact.pdf"))
    client.force_login(plan.executive)

    page = html.unescape(
        client.get(reverse("actions:closure_agree", args=[plan.action.pk])).content.decode()
    )

    assert SUSTAINABILITY in page
    assert "Audit: 96% of missing episodes followed up within 72 hours." in page
    assert plan.action.success_measure in page
    for link in ("https://sp.example.org/first", "https://sp.example.org/closure"):
        assert f'href="{link}"' in page
    for evidence in plan.action.evidence.exclude(file=""):
        assert reverse("actions:evidence_download", args=[evidence.uuid]) in page
        assert evidence.original_name in page
    assert page.count("This proposal") == 1  # the proposal's link and file, on one row
    # The three latest updates, with their author and RAG; the older ones are a link away.
    assert "Third audit." in page
    assert "Second audit." in page
    assert "Proposed complete. Evidence of impact" in page
    assert "Dip sample." not in page.split("Latest updates")[1]
    assert ">Green</strong>" in page


@pytest.mark.django_db
def test_the_page_takes_the_same_number_of_queries_however_much_evidence(
    client, plan, django_assert_num_queries
):
    _propose(plan.action, plan.police_owner, link="https://sp.example.org/closure")
    client.force_login(plan.executive)
    url = reverse("actions:closure_agree", args=[plan.action.pk])
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200

    update = plan.action.updates.first()
    for n in range(5):
        services.evidence_attach_stored(
            update=update,
            user=plan.police_owner,
            stored_name=f"evidence/stored-{n}",
            original_name=f"audit-{n}.pdf",
            content_type="application/pdf",
            size=100,
        )
    with django_assert_num_queries(10):
        page = client.get(url).content.decode()
    assert "audit-4.pdf" in page


@pytest.mark.django_db
def test_agreed_records_who_when_and_the_meeting_and_makes_the_action_complete(client, plan):
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)

    response = _decide(client, plan.action, decision="agreed")

    assert response.status_code == 302
    closure = plan.action.closures.get()
    assert closure.status == ClosureStatus.AGREED
    assert (closure.agreed_by, closure.agreed_on) == (plan.executive, TODAY)
    assert closure.agreed_at_meeting == AT_MEETING
    assert _fresh(plan.action).rag == RAG.COMPLETE
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "is complete: the partnership&#x27;s agreement is recorded" in page
    assert "Closure agreed" in page


@pytest.mark.django_db
def test_not_agreed_needs_a_reason_beside_its_field(client, plan):
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)

    page = _decide(client, plan.action, decision="not_agreed", reason="  ").content.decode()

    said = "Enter why the partnership has not agreed that the action is complete"
    assert errors_beside_fields(page) == {"decision_reason": [said]}
    assert error_summary_messages(page) == [said]
    assert plan.action.closures.get().status == ClosureStatus.PROPOSED
    assert not mail.outbox


@pytest.mark.django_db
def test_not_agreed_is_recorded_leaves_the_action_at_its_status_and_it_can_be_proposed_again(
    client, plan
):
    _update(plan.action, plan.police_owner, narrative="Audit under way.", rag=RAG.AMBER)
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)

    response = _decide(
        client, plan.action, decision="not_agreed", reason="The audit covers one month only."
    )

    assert response.status_code == 302
    closure = plan.action.closures.get()
    assert closure.status == ClosureStatus.NOT_AGREED
    assert closure.decision_reason == "The audit covers one month only."
    assert (closure.agreed_by, closure.agreed_on) == (plan.executive, TODAY)
    assert closure.agreed_at_meeting == AT_MEETING
    assert _fresh(plan.action).rag == RAG.AMBER
    event = AuditEvent.objects.get(kind=EventKind.CLOSURE_NOT_AGREED)
    assert event.user == plan.executive
    assert event.detail.endswith(f"at {AT_MEETING}: The audit covers one month only.")

    client.force_login(plan.police_owner)
    page = client.get(plan.action.get_absolute_url()).content.decode()
    earlier = page.split("Earlier closures")[1]
    assert f"not agreed at {AT_MEETING}, recorded by" in earlier
    assert "The audit covers one month only." in earlier
    assert "Propose complete" in page
    client.post(
        reverse("actions:closure_propose", args=[plan.action.pk]),
        {
            "version": _fresh(plan.action).version,
            "evidence_of_impact": "Three months of audits now.",
            "sustainability_plan": "Quarterly audit.",
        },
    )
    assert plan.action.closures.filter(status=ClosureStatus.PROPOSED).count() == 1
    assert plan.action.closures.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["agreed", "not_agreed"])
def test_the_proposer_cannot_decide_their_own_closure(client, plan, decision):
    _propose(plan.action, plan.manager)
    client.force_login(plan.manager)
    said = (
        "You proposed this action complete, so someone else must record the partnership's "
        "decision on it"
    )

    page = client.get(reverse("actions:closure_agree", args=[plan.action.pk])).content.decode()
    assert said.replace("'", "&#x27;") in page
    assert "Record the decision" not in page

    refused = _decide(client, plan.action, decision=decision, reason="Not enough.")
    assert error_summary_messages(refused.content.decode()) == [said]
    assert plan.action.closures.get().status == ClosureStatus.PROPOSED
    assert _fresh(plan.action).rag != RAG.COMPLETE
    assert not mail.outbox


@pytest.mark.django_db
def test_the_proposer_and_the_lead_officer_are_emailed_the_outcome_and_the_reason(client, plan):
    _propose(plan.action, plan.manager)  # on behalf of the lead officer, police_owner
    client.force_login(plan.executive)

    _decide(client, plan.action, decision="not_agreed", reason="No audit evidence yet.")

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [plan.manager.email, plan.police_owner.email]
    )
    for message in mail.outbox:
        assert message.subject == "Action 1.1 closure not agreed"
        assert "has not agreed that action 1.1 is complete" in message.body
        assert "No audit evidence yet." in message.body
        assert "No audit evidence yet." in message.alternatives[0].content


@pytest.mark.django_db
def test_the_owner_is_emailed_an_agreement(client, plan):
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)

    _decide(client, plan.action, decision="agreed")

    [message] = mail.outbox
    assert message.to == [plan.police_owner.email]
    assert message.subject == "Action 1.1 is complete: closure agreed"
    assert f"complete, at {AT_MEETING}." in message.body


@pytest.mark.django_db
def test_a_refused_email_leaves_the_decision_recorded_and_says_so(
    client,
    plan,
    mail_server_refusing,  # noqa: F811 - the fixture imported above
):
    mail_server_refusing(plan.police_owner.email)
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)

    response = _decide(client, plan.action, decision="agreed")

    assert response.status_code == 302
    assert _fresh(plan.action).rag == RAG.COMPLETE
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "of the decision could not be sent: tell them yourself" in page


@pytest.mark.django_db
def test_a_decision_dated_before_the_proposal_is_refused(client, plan):
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)
    earlier = TODAY - datetime.timedelta(days=2)

    page = _decide(
        client, plan.action, decision="not_agreed", reason="Too soon.", when=earlier
    ).content.decode()

    assert errors_beside_fields(page) == {
        "agreed_on": [
            "The date of the decision must be on or after the day the action was proposed "
            f"complete ({TODAY:%-d %B %Y})"
        ]
    }


@pytest.mark.django_db
def test_another_partnerships_manager_gets_not_found(client, plan):
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.stranger)
    url = reverse("actions:closure_agree", args=[plan.action.pk])

    assert client.get(url).status_code == 404
    assert _decide(client, plan.action, decision="agreed").status_code == 404
    assert plan.action.closures.get().status == ClosureStatus.PROPOSED


@pytest.mark.django_db
def test_a_proposal_is_decided_on_its_page_not_reopened(client, plan):
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)
    response = client.get(reverse("actions:action_reopen", args=[plan.action.pk]))
    assert response.url == reverse("actions:closure_agree", args=[plan.action.pk])
    with pytest.raises(ValidationError) as refused:
        services.action_reopen(
            action=_fresh(plan.action),
            user=plan.executive,
            reason="Not yet.",
            rag="amber",
            expected_version=_fresh(plan.action).version,
        )
    assert refused.value.messages == [services.PROPOSAL_IS_DECIDED_NOT_REOPENED]
    assert plan.action.closures.get().status == ClosureStatus.PROPOSED


@pytest.mark.django_db
def test_a_meeting_held_before_the_proposal_is_not_offered_nor_accepted(client, plan):
    before = Meeting.objects.create(
        plan=plan.finding.plan,
        date=TODAY - datetime.timedelta(days=14),
        title="LSCP executive",
        recorded_by=plan.manager,
    )
    _propose(plan.action, plan.police_owner)
    client.force_login(plan.executive)
    page = client.get(reverse("actions:closure_agree", args=[plan.action.pk])).content.decode()
    assert f'value="{before.pk}"' not in page
    with pytest.raises(ValidationError) as refused:
        services.closure_agree(
            action=_fresh(plan.action),
            user=plan.executive,
            agreed_on=TODAY,
            meeting=before,
            expected_version=_fresh(plan.action).version,
        )
    assert refused.value.message_dict == {
        "meeting": [
            "Select a meeting held on or after the day the action was proposed complete "
            f"({TODAY:%-d %B %Y}): record the meeting first if it is not listed"
        ]
    }
