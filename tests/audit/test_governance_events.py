"""The record inspectors ask for: who decided what, and when. Every governance event is in
the audit trail, recorded by the service that made the change, naming the action by its
reference and the inspection as set-up entries name it; progress updates are not among them.
The scrutineer reads the trail and the returns and changes nothing."""

import ast
import datetime
import html
import re
from collections.abc import Callable

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from actions import contributions, corrections, date_requests
from actions import services as action_services
from actions.models import Action
from actions.rag import RAG
from audit.models import EVENT_GROUPS, AuditEvent, EventGroup, EventKind
from inspections.services import trail_name
from meetings.services import meeting_record
from people.models import Role
from rounds import selectors
from rounds import services as round_services
from rounds.models import ReviewDecision
from spreadsheets.importers import SourceFile, import_plan, parse_plan
from statements.statement import statement_submit, statement_text_edit
from tests.audit.governance_asks_and_decisions import ASKS_AND_DECISIONS_MADE_BY
from tests.audit.governance_challenges import CHALLENGES_MADE_BY
from tests.audit.governance_measures import MEASURES_MADE_BY
from tests.audit.governance_reviews import REVIEWS_MADE_BY
from tests.factories import MeetingFactory, UserFactory
from tests.rounds.conftest import RoundPlan, at
from tests.statements.signing import statement_made_ready
from tests.test_one_way_out import our_modules

ADDRESS = "192.0.2.44"
TODAY = timezone.localdate


@pytest.fixture
def plan(db):
    """A plan of one area with three actions, two owners, a manager and an executive."""
    return RoundPlan()


def _name(plan: RoundPlan) -> str:
    # The set-up entries' name for the inspection: one inspection, one name in the trail.
    return trail_name(plan.inspection)


def _entry(kind: EventKind) -> AuditEvent:
    return AuditEvent.objects.get(kind=kind)


def _fresh(action: Action) -> Action:
    action.refresh_from_db()
    return action


# --- What each service records ------------------------------------------------------------


def _add(plan: RoundPlan) -> Action:
    return action_services.action_create(
        finding=plan.finding,
        user=plan.manager,
        details={
            "reference": "1.9",
            "description": "Audit the strategy meetings held out of hours.",
            "lead_agency": plan.police,
            "target_date": datetime.date(2026, 12, 31),
            "success_measure": "Every meeting held within a working day.",
        },
        address=ADDRESS,
    )


def test_an_action_added_is_recorded_with_its_reference_and_inspection(plan):
    _add(plan)
    entry = _entry(EventKind.ACTION_ADDED)
    assert (entry.user, entry.partnership, entry.ip_address) == (
        plan.manager,
        plan.partnership,
        ADDRESS,
    )
    assert entry.detail == f"Added action 1.9 of {_name(plan)}, in area for improvement 1"


def _edit(plan: RoundPlan) -> None:
    action = _fresh(plan.council_action)
    action_services.action_edit(
        action=action,
        user=plan.manager,
        expected_version=action.version,
        details={"description": "Agree the out-of-hours protocol.", "lead_officer": None},
        supporting_agencies=[plan.police],
        address=ADDRESS,
    )


def test_an_action_changed_is_recorded_with_the_fields_that_changed(plan):
    _edit(plan)
    entry = _entry(EventKind.ACTION_CHANGED)
    assert entry.user == plan.manager
    assert entry.detail == (
        f"Changed action 1.3 of {_name(plan)}: wording, lead officer, supporting agencies"
    )


def test_an_action_saved_unchanged_records_nothing(plan):
    action = _fresh(plan.council_action)
    action_services.action_edit(
        action=action,
        user=plan.manager,
        expected_version=action.version,
        details={"description": action.description},
        supporting_agencies=[],
    )
    assert not AuditEvent.objects.filter(kind=EventKind.ACTION_CHANGED).exists()


def _archive(plan: RoundPlan) -> None:
    action = _fresh(plan.police_actions[1])
    action_services.action_archive(
        action=action, user=plan.manager, expected_version=action.version, address=ADDRESS
    )


def _restore(plan: RoundPlan) -> None:
    _archive(plan)
    action = _fresh(plan.police_actions[1])
    action_services.action_restore(
        action=action, user=plan.manager, expected_version=action.version, address=ADDRESS
    )


def test_an_action_archived_and_restored_is_recorded(plan):
    _restore(plan)
    assert _entry(EventKind.ACTION_ARCHIVED).detail == f"Archived action 1.2 of {_name(plan)}"
    restored = _entry(EventKind.ACTION_RESTORED)
    assert restored.user == plan.manager
    assert restored.detail == f"Restored action 1.2 of {_name(plan)} to the plan"


def _propose(plan: RoundPlan) -> Action:
    action = _fresh(plan.police_actions[0])
    action_services.closure_propose(
        action=action,
        user=plan.police_owner,
        evidence_of_impact="The audit of 40 strategy meetings found all were on time.",
        sustainability_plan="Audited every quarter.",
        expected_version=action.version,
        address=ADDRESS,
    )
    return action


def _agree(plan: RoundPlan) -> Action:
    action = _fresh(_propose(plan))
    action_services.closure_agree(
        action=action,
        user=plan.executive,
        agreed_on=TODAY(),
        meeting=MeetingFactory(
            plan=plan.inspection.plan, title="the LSCP executive", recorded_by=plan.manager
        ),
        expected_version=action.version,
        address=ADDRESS,
    )
    return action


def test_a_closure_proposed_and_agreed_names_who_and_at_which_meeting(plan):
    _agree(plan)
    proposed = _entry(EventKind.CLOSURE_PROPOSED)
    assert proposed.user == plan.police_owner
    assert proposed.detail == f"Proposed action 1.1 of {_name(plan)} complete"
    agreed = _entry(EventKind.CLOSURE_AGREED)
    assert agreed.user == plan.executive
    assert agreed.detail == (
        f"Agreed action 1.1 of {_name(plan)} complete at the LSCP executive, {TODAY():%-d %B %Y}"
    )


def _not_agree(plan: RoundPlan) -> None:
    action = _fresh(_propose(plan))
    action_services.closure_not_agree(
        action=action,
        user=plan.executive,
        decided_on=TODAY(),
        meeting=MeetingFactory(
            plan=plan.inspection.plan, title="the LSCP executive", recorded_by=plan.manager
        ),
        reason="The audit covers one month only.",
        expected_version=action.version,
        address=ADDRESS,
    )


def _reopen(plan: RoundPlan) -> None:
    action = _fresh(_agree(plan))
    action_services.action_reopen(
        action=action,
        user=plan.executive,
        reason="Two strategy meetings were late in March.",
        rag=RAG.RED,
        expected_version=action.version,
        address=ADDRESS,
    )


def test_a_closure_not_agreed_and_an_action_reopened_say_why(plan):
    _not_agree(plan)
    refused = _entry(EventKind.CLOSURE_NOT_AGREED)
    assert refused.user == plan.executive
    assert refused.detail == (
        f"Did not agree action 1.1 of {_name(plan)} complete at the LSCP executive, "
        f"{TODAY():%-d %B %Y}: The audit covers one month only."
    )
    assert not AuditEvent.objects.filter(kind=EventKind.ACTION_REOPENED).exists()

    _reopen(plan)
    assert _entry(EventKind.ACTION_REOPENED).detail == (
        f"Reopened action 1.1 of {_name(plan)}: Two strategy meetings were late in March."
    )


def test_progress_updates_are_not_governance_events(plan):
    action = _fresh(plan.council_action)
    action_services.progress_update_record(
        action=action,
        author=plan.council_owner,
        rag=RAG.AMBER,
        narrative="Slipping.",
        rag_change_reason="Training delayed.",
        expected_version=action.version,
    )
    assert not AuditEvent.objects.exists()


def _meeting(plan: RoundPlan) -> None:
    meeting_record(
        plan=plan.inspection.plan,
        user=plan.manager,
        date=TODAY(),
        title="LSCP executive",
        address=ADDRESS,
    )


def _judge_area(plan: RoundPlan) -> None:
    from meetings.judgements import area_judge
    from meetings.models import Judgement

    meeting = meeting_record(
        plan=plan.inspection.plan, user=plan.manager, date=TODAY(), title="LSCP executive"
    )
    area_judge(
        meeting=meeting,
        finding=plan.finding,
        judgement=Judgement.IMPROVING,
        evidence="Custody audit: 90% of transfers within 4 hours.",
        user=plan.manager,
        address=ADDRESS,
    )


def test_an_area_judged_is_recorded(plan):
    _judge_area(plan)
    entry = _entry(EventKind.AREA_JUDGED)
    assert (entry.user, entry.ip_address) == (plan.manager, ADDRESS)
    assert entry.detail.startswith(f"Judged area for improvement {plan.finding.number} of ")
    assert "improving at LSCP executive" in entry.detail


def test_a_meeting_recorded_is_recorded(plan):
    _meeting(plan)
    entry = _entry(EventKind.MEETING_RECORDED)
    assert (entry.user, entry.ip_address) == (plan.manager, ADDRESS)
    assert entry.detail == (
        f"Recorded the meeting 'LSCP executive' of {TODAY():%-d %B %Y}, with a snapshot of "
        f"{_name(plan)}"
    )


def test_a_meetings_attendance_is_in_its_entry(plan):
    meeting_record(
        plan=plan.inspection.plan,
        user=plan.manager,
        date=TODAY(),
        title="LSCP executive",
        attendees=[plan.manager, plan.executive],
        guests="Dr Asha Patel\nDI Sam Okafor",
        apologies=[plan.police_owner],
        address=ADDRESS,
    )
    entry = _entry(EventKind.MEETING_RECORDED)
    assert entry.detail.endswith(f"{_name(plan)}; 4 attended, 1 apology")


def _edit_statement(plan: RoundPlan) -> None:
    statement = plan.inspection.plan
    statement.refresh_from_db()
    statement_text_edit(
        plan=statement,
        expected_version=statement.version,
        introduction="The partnership accepts every finding.",
        governance=statement.statement_governance,
        statement_version="1.1",
        protective_marking=statement.protective_marking,
        user=plan.manager,
        address=ADDRESS,
    )


def _approve_statement(plan: RoundPlan) -> None:
    statement_made_ready(plan.inspection)


def _withdraw_approval(plan: RoundPlan) -> None:
    statement_made_ready(plan.inspection)
    _edit_statement(plan)


def _send_statement(plan: RoundPlan) -> None:
    statement_made_ready(plan.inspection)
    statement_submit(
        inspection=plan.inspection, user=plan.manager, submitted_on=TODAY(), address=ADDRESS
    )


def test_the_statement_edited_and_sent_is_recorded(plan):
    _edit_statement(plan)
    edited = _entry(EventKind.STATEMENT_EDITED)
    assert edited.user == plan.manager
    assert edited.detail == f"Edited the statement for {_name(plan)}: introduction, version"

    _send_statement(plan)
    sent = _entry(EventKind.STATEMENT_SENT)
    submission = plan.inspection.plan.submissions.get()
    assert sent.user == plan.manager
    assert sent.detail == (
        f"Recorded version 1.1 of the statement for {_name(plan)} as sent to Ofsted on "
        f"{TODAY():%-d %B %Y} (SHA-256 {submission.sha256})"
    )


def _open_round(plan: RoundPlan):
    return plan.open_round()


def _check_return(plan: RoundPlan) -> None:
    update_round = _open_round(plan)
    with time_machine.travel(at(datetime.date(2026, 3, 2), 10), tick=True):
        _update_and_send_back(plan, update_round)


def _update_and_send_back(plan: RoundPlan, update_round) -> None:
    action = _fresh(plan.council_action)
    update = action_services.progress_update_record(
        action=action,
        author=plan.council_owner,
        rag=RAG.GREEN,
        narrative="Protocol drafted.",
        rag_change_reason=BEHIND_BUT_ON_TRACK,
        expected_version=action.version,
    )
    round_services.return_check(
        update_round=update_round,
        action=selectors.action_return(update_round=update_round, action_pk=action.pk),
        user=plan.manager,
        update_id=update.pk,
        decision=ReviewDecision.SENT_BACK,
        comment="Say when the partners sign it.",
        address=ADDRESS,
    )


def test_a_round_opened_and_a_return_checked_are_recorded(plan):
    _check_return(plan)
    opened = _entry(EventKind.ROUND_OPENED)
    assert opened.user == plan.manager
    assert opened.detail == (
        f"Opened the update round on {_name(plan)} for the meeting on 13 March 2026, "
        "updates due by 6 March 2026"
    )
    checked = _entry(EventKind.RETURN_CHECKED)
    assert checked.user == plan.manager
    assert checked.detail == (
        f"Returned the update on action 1.3 of {_name(plan)} in the round for the meeting on "
        "13 March 2026 for more detail: Say when the partners sign it."
    )


PLAN_CSV = (
    "Area for improvement,Ref,Action,Lead agency,Target date,Success measure\n"
    "1,1.7,Train the front door in the new protocol.,Metropolitan Police,31/12/2026,"
    "Everyone trained.\n"
    "1,1.8,Audit referrals from schools.,Lewisham Council,31/12/2026,An audit each term.\n"
)


def _import(plan: RoundPlan) -> None:
    content = PLAN_CSV.encode()
    result = parse_plan(plan=plan.inspection.plan, content=content, filename="plan.csv")
    assert result.errors == []
    import_plan(
        result=result,
        user=plan.manager,
        source=SourceFile(content, "plan.csv"),
        address=ADDRESS,
    )


def test_an_import_is_one_entry_saying_how_many_actions_it_added_and_updated(plan):
    _import(plan)
    entry = _entry(EventKind.PLAN_IMPORTED)  # one entry, not one per row
    assert (entry.user, entry.ip_address) == (plan.manager, ADDRESS)
    assert entry.detail == f"Imported plan.csv into {_name(plan)}: 2 actions added, 0 updated"
    assert not AuditEvent.objects.filter(kind=EventKind.ACTION_ADDED).exists()


def test_an_import_updating_actions_records_no_entry_per_action(plan):
    _import(plan)
    # The same file with one action's wording changed: an update, through action_edit.
    content = PLAN_CSV.replace("Audit referrals from schools.", "Audit school referrals.")
    result = parse_plan(
        plan=plan.inspection.plan, content=content.encode(), filename="plan-back.csv"
    )
    import_plan(result=result, user=plan.manager, source=SourceFile(content.encode(), "b.csv"))
    assert AuditEvent.objects.filter(kind=EventKind.PLAN_IMPORTED).count() == 2
    assert AuditEvent.objects.latest("pk").detail.endswith(": 0 actions added, 1 updated")
    assert not AuditEvent.objects.filter(kind=EventKind.ACTION_CHANGED).exists()


# --- An owner's later changes ---------------------------------------------------------------


def _ask_new_date(plan: RoundPlan) -> Action:
    action = _fresh(plan.police_actions[0])
    date_requests.date_request_create(
        action=action,
        user=plan.police_owner,
        proposed_date=timezone.localdate() + datetime.timedelta(days=200),
        reason="The recruitment campaign closed unfilled.",
        address=ADDRESS,
    )
    return action


def _decide_new_date(plan: RoundPlan, *, approved: bool) -> Action:
    action = _fresh(_ask_new_date(plan))
    date_requests.date_request_decide(
        action=action,
        user=plan.manager,
        approved=approved,
        comment="" if approved else "Keep the date: the executive funds agency staff.",
        expected_version=action.version,
        address=ADDRESS,
    )
    return action


# Whatever RAG the owner gives past the target date, a reason keeps it.
BEHIND_BUT_ON_TRACK = "Past its date, but the partners sign next week."


def _correct_update(plan: RoundPlan) -> Action:
    action = _fresh(plan.police_actions[0])
    action_services.progress_update_record(
        action=action,
        author=plan.police_owner,
        rag=action.rag,
        narrative="Protocol drafted.",
        rag_change_reason=BEHIND_BUT_ON_TRACK,
        expected_version=action.version,
    )
    action = _fresh(action)
    corrections.update_correct(
        update=action.updates.first(),
        user=plan.police_owner,
        narrative="Protocol drafted and sent to the partners.",
        rag=action.rag,
        percent_complete=None,
        rag_change_reason=BEHIND_BUT_ON_TRACK,
        expected_version=action.version,
        address=ADDRESS,
    )
    return action


def _contribute(plan: RoundPlan) -> Action:
    action = _fresh(plan.council_action)
    action.supporting_agencies.add(plan.police)
    contributions.contribution_record(
        action=action,
        author=plan.police_owner,
        narrative="Two officers joined the council's weekly huddle.",
        address=ADDRESS,
    )
    return action


OWNERS_CHANGES_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {
    EventKind.TARGET_DATE_REQUESTED: _ask_new_date,
    EventKind.TARGET_DATE_APPROVED: lambda plan: _decide_new_date(plan, approved=True),
    EventKind.TARGET_DATE_REFUSED: lambda plan: _decide_new_date(plan, approved=False),
    EventKind.UPDATE_CORRECTED: _correct_update,
    EventKind.CONTRIBUTION_RECORDED: _contribute,
}


# --- Every kind, on the trail's page --------------------------------------------------------

# How each governance kind is made: the service call a person's change goes through.
GOVERNANCE_MADE_BY: dict[EventKind, Callable[[RoundPlan], object]] = {
    EventKind.ACTION_ADDED: _add,
    EventKind.ACTION_CHANGED: _edit,
    EventKind.ACTION_ARCHIVED: _archive,
    EventKind.ACTION_RESTORED: _restore,
    EventKind.PLAN_IMPORTED: _import,
    EventKind.CLOSURE_PROPOSED: _propose,
    EventKind.CLOSURE_AGREED: _agree,
    EventKind.CLOSURE_NOT_AGREED: _not_agree,
    EventKind.ACTION_REOPENED: _reopen,
    EventKind.MEETING_RECORDED: _meeting,
    EventKind.AREA_JUDGED: _judge_area,
    EventKind.STATEMENT_EDITED: _edit_statement,
    EventKind.STATEMENT_APPROVED: _approve_statement,
    EventKind.STATEMENT_APPROVAL_WITHDRAWN: _withdraw_approval,
    EventKind.STATEMENT_SENT: _send_statement,
    EventKind.ROUND_OPENED: _open_round,
    EventKind.RETURN_CHECKED: _check_return,
    **ASKS_AND_DECISIONS_MADE_BY,
    **CHALLENGES_MADE_BY,
    **MEASURES_MADE_BY,
    **REVIEWS_MADE_BY,
    **OWNERS_CHANGES_MADE_BY,
}


def _whats(page: str) -> list[str]:
    """The What column of the trail's table, as a person reads it."""
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows]
    return [html.unescape(row[2]) for row in cells if len(row) > 2]


def _kinds_named_by_the_code() -> set[str]:
    """The EventKind members the project's modules name, outside the declaration."""
    named = set()
    for path, tree in our_modules():
        if str(path) == "audit/models.py":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "EventKind"
            ):
                named.add(node.attr)
    return named


def test_every_kind_is_a_choice_of_the_trail_and_made_by_the_code(client, plan):
    client.force_login(plan.manager)
    form = client.get(reverse("audit:audit_trail")).context["filter"].form
    assert {value for value, _ in form.fields["kind"].choices} >= set(EventKind)
    assert {value for value, _ in form.fields["group"].choices} >= set(EventGroup)
    grouped = [kind for kinds in EVENT_GROUPS.values() for kind in kinds]
    assert sorted(grouped) == sorted(EventKind)  # each kind in exactly one group

    # The kinds from before the governance events are recorded by the sign-in, people and
    # set-up code, each tested where it is made (tests/people, tests/inspections, here).
    assert {kind.name for kind in EventKind} <= _kinds_named_by_the_code()
    assert set(GOVERNANCE_MADE_BY) == set(EVENT_GROUPS[EventGroup.GOVERNANCE]) - {
        EventKind.INSPECTION_SET_UP
    }
    for kind, make in GOVERNANCE_MADE_BY.items():
        # A partnership of its own for each kind: its trail shows that kind's entries only.
        plan = RoundPlan()
        client.force_login(plan.manager)
        make(plan)
        page = client.get(reverse("audit:audit_trail"), {"kind": kind.value}).content.decode()
        assert re.search(r"[1-9]\d* entr(y|ies)", page), kind
        assert kind.label in _whats(page), kind
        governance = client.get(reverse("audit:audit_trail"), {"group": "governance"})
        assert kind.label in _whats(governance.content.decode()), kind


@pytest.mark.django_db
def test_sign_ins_are_one_filter_away_from_the_governance(client, plan):
    client.post("/account/sign-in/", {"username": plan.manager.username, "password": "wrong"})
    _meeting(plan)
    client.force_login(plan.manager)
    opened = client.get(reverse("audit:audit_trail")).content.decode()
    assert "Meeting recorded" in _whats(opened)
    assert "Failed sign-in" not in _whats(opened)  # sign-ins wait one choice away
    everything = client.get(reverse("audit:audit_trail"), {"group": "all"}).content.decode()
    assert {"Failed sign-in", "Meeting recorded"} <= set(_whats(everything))
    governance = client.get(reverse("audit:audit_trail"), {"group": "governance"})
    assert _whats(governance.content.decode()) == ["Meeting recorded"]
    sign_ins = client.get(reverse("audit:audit_trail"), {"group": "sign_in"}).content.decode()
    assert "Failed sign-in" in _whats(sign_ins) and "Meeting recorded" not in _whats(sign_ins)


# --- The scrutineer reads, and changes nothing ------------------------------------------------


@pytest.fixture
def scrutineer(plan):
    return UserFactory(partnership=plan.partnership, agency=plan.council, role=Role.SCRUTINEER)


def test_the_scrutineer_reads_the_trail_and_its_csv(client, plan, scrutineer):
    _meeting(plan)
    client.force_login(scrutineer)
    page = client.get(reverse("audit:audit_trail"))
    assert page.status_code == 200
    assert "Meeting recorded" in page.content.decode()
    csv = client.get(reverse("audit:audit_trail_csv"), {"group": "governance"})
    assert csv.status_code == 200
    rows = b"".join(csv.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 2 and "Meeting recorded" in rows[1]


def test_the_scrutineer_reads_the_returns_but_chases_and_checks_nothing(client, plan, scrutineer):
    update_round = plan.open_round()
    client.force_login(scrutineer)
    assert client.get(update_round.get_absolute_url()).status_code == 200
    pk = plan.inspection.pk
    refused = [
        client.post(reverse("rounds:round_list", args=[pk]), {"meeting_date_0": "1"}),
        client.post(reverse("rounds:round_chase", args=[update_round.pk, plan.police_owner.pk])),
        client.post(
            reverse("rounds:return_review", args=[update_round.pk, plan.council_action.pk]),
            {"decision": "accepted"},
        ),
        client.post(reverse("actions:action_archive", args=[plan.council_action.pk])),
        client.post(reverse("meetings:meeting_list", args=[pk]), {"title": "Mine"}),
        client.post(reverse("statements:statement_edit", args=[pk]), {}),
        client.post(reverse("statements:statement_submit", args=[pk]), {}),
    ]
    assert [response.status_code for response in refused] == [403] * len(refused)
    # And what it opened from the trail it cannot turn into a change either.
    assert client.post(reverse("audit:audit_trail")).status_code == 405
    assert set(AuditEvent.objects.values_list("kind", flat=True)) == {
        EventKind.ROUND_OPENED,  # the manager's
        EventKind.SIGN_IN,  # the scrutineer's
    }


@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE])
def test_owners_and_executives_read_no_returns(client, plan, role):
    update_round = plan.open_round()
    client.force_login(UserFactory(partnership=plan.partnership, role=role))
    assert client.get(update_round.get_absolute_url()).status_code == 403


def test_the_trail_page_takes_as_many_queries_with_governance_entries(
    client, plan, django_assert_num_queries
):
    for make in (_add, _edit, _agree, _meeting, _edit_statement):
        make(plan)
    client.force_login(plan.manager)
    for params in ({}, {"group": "governance"}):
        with django_assert_num_queries(6):
            assert client.get(reverse("audit:audit_trail"), params).status_code == 200


@pytest.mark.django_db
def test_the_scrutineer_finds_the_trail_in_the_navigation_and_sees_no_buttons_on_the_returns(
    client, demo
):
    from rounds.models import UpdateRound

    client.force_login(demo["scrutineer"])
    home = client.get("/").content.decode()
    assert f'href="{reverse("audit:audit_trail")}"' in home
    update_round = UpdateRound.objects.get(plan__partnership__slug="lewisham")
    returns = client.get(update_round.get_absolute_url()).content.decode()
    assert ">Chase<" not in returns and "Check the update" not in returns
    client.force_login(demo["manager"])
    returns = client.get(update_round.get_absolute_url()).content.decode()
    assert ">Chase<" in returns and "Check the update" in returns
    assert f'href="{reverse("audit:audit_trail")}"' not in client.get("/").content.decode()
