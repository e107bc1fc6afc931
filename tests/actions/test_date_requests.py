"""An owner asks for a new target date with the reason; the manager or an executive member
(never the person who asked) approves it, and the date moves with the date first agreed
kept, or refuses it, saying why; the owner is told. No date moves without an approval on
record."""

import datetime
import html

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions import date_requests, services
from actions.models import Action, TargetDateRequest, TargetDateRequestStatus
from audit.models import AuditEvent, EventKind
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, UserFactory
from tests.rounds.conftest import mail_server_refusing  # noqa: F401 - a fixture

TODAY = timezone.localdate()
NEW_DATE = TODAY + datetime.timedelta(days=120)
REASON = "The recruitment campaign closed unfilled; a second campaign ends in March."


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://plans.example.org"


def _fresh(action: Action) -> Action:
    return Action.objects.get(pk=action.pk)


def _date_parts(day: datetime.date) -> dict[str, int]:
    return {"proposed_date_0": day.day, "proposed_date_1": day.month, "proposed_date_2": day.year}


def _ask(client, action, *, day=NEW_DATE, reason=REASON):
    return client.post(
        reverse("actions:date_request_new", args=[action.pk]),
        {"version": _fresh(action).version, "reason": reason, **_date_parts(day)},
    )


def _decide(client, action, *, decision, comment=""):
    return client.post(
        reverse("actions:date_request_decide", args=[action.pk]),
        {"version": _fresh(action).version, "decision": decision, "decision_comment": comment},
    )


def _asked(action, user, *, day=NEW_DATE):
    return date_requests.date_request_create(
        action=_fresh(action), user=user, proposed_date=day, reason=REASON
    ).date_request


def _audit(kind):
    return list(AuditEvent.objects.filter(kind=kind).values_list("user__username", "detail"))


# --- Asking and approving -----------------------------------------------------------------


@pytest.mark.django_db
def test_an_owner_asks_the_manager_approves_and_the_date_moves_with_the_original_kept(client, plan):
    action = plan.action
    first_agreed = action.target_date
    client.force_login(plan.police_owner)

    response = _ask(client, action)

    assert response.status_code == 302
    asked = TargetDateRequest.objects.get(action=action)
    assert (asked.status, asked.requested_by, asked.current_date, asked.proposed_date) == (
        TargetDateRequestStatus.PENDING,
        plan.police_owner,
        first_agreed,
        NEW_DATE,
    )
    assert _fresh(action).target_date == first_agreed  # nothing moves before the approval
    [(who, detail)] = _audit(EventKind.TARGET_DATE_REQUESTED)
    assert who == plan.police_owner.username and f"{NEW_DATE:%-d %B %Y}" in detail
    [to_manager] = mail.outbox
    assert to_manager.to == [plan.manager.email]
    assert "awaits your decision" in to_manager.subject
    assert f"https://plans.example.org/actions/{action.pk}/target-date/decide/" in to_manager.body
    mail.outbox.clear()

    client.force_login(plan.manager)
    response = _decide(client, action, decision="approved")

    assert response.status_code == 302
    moved = _fresh(action)
    assert moved.target_date == NEW_DATE
    assert moved.original_target_date == first_agreed
    assert moved.target_date_change_reason == REASON
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (TargetDateRequestStatus.APPROVED, plan.manager)
    assert asked.decided_at is not None
    latest = moved.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == plan.manager and latest.target_date == NEW_DATE
    [(who, detail)] = _audit(EventKind.TARGET_DATE_APPROVED)
    assert who == plan.manager.username and f"{first_agreed:%-d %B %Y}" in detail
    [to_owner] = mail.outbox  # the asker is the lead officer: one e-mail
    assert to_owner.to == [plan.police_owner.email]
    assert "approved" in to_owner.subject
    assert f"now due on {NEW_DATE:%-d %B %Y}" in to_owner.body

    page = html.unescape(client.get(action.get_absolute_url()).content.decode())
    assert f"Re-baselined from {first_agreed:%-d %B %Y}" in page
    assert "Approved" in page and REASON in page


@pytest.mark.django_db
def test_the_lead_officer_is_told_too_when_someone_else_asked(client, plan):
    owner = UserFactory(partnership=plan.partnership, agency=plan.police, role=Role.OWNER)
    _asked(plan.action, owner)
    mail.outbox.clear()
    client.force_login(plan.executive)

    _decide(client, plan.action, decision="approved")

    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, plan.police_owner.email])


@pytest.mark.django_db
def test_the_managers_get_the_request_but_not_the_manager_who_asked(plan):
    other_manager = UserFactory(partnership=plan.partnership, role=Role.MANAGER)
    UserFactory(partnership=plan.partnership, role=Role.MANAGER, is_active=False)
    UserFactory(partnership=plan.partnership, role=Role.MANAGER, email="")

    _asked(plan.action, plan.manager)

    assert [m.to for m in mail.outbox] == [[other_manager.email]]


# --- Refusing -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_refusing_needs_a_comment_and_leaves_the_date_as_it_is(client, plan):
    action = plan.action
    before = action.target_date
    _asked(action, plan.police_owner)
    mail.outbox.clear()
    client.force_login(plan.executive)

    response = _decide(client, action, decision="refused")

    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == [
        "Enter why the new target date is refused: the owner is told"
    ]
    assert_error_summary_links_reach_inputs(page)
    assert TargetDateRequest.objects.get().status == TargetDateRequestStatus.PENDING

    response = _decide(client, action, decision="refused", comment="Agree a recovery plan first.")

    assert response.status_code == 302
    refused = TargetDateRequest.objects.get()
    assert (refused.status, refused.decided_by, refused.decision_comment) == (
        TargetDateRequestStatus.REFUSED,
        plan.executive,
        "Agree a recovery plan first.",
    )
    assert _fresh(action).target_date == before
    assert _fresh(action).target_date_change_reason == ""
    [(who, detail)] = _audit(EventKind.TARGET_DATE_REFUSED)
    assert who == plan.executive.username and "Agree a recovery plan first." in detail
    [to_owner] = mail.outbox
    assert to_owner.to == [plan.police_owner.email] and "refused" in to_owner.subject
    assert "Agree a recovery plan first." in to_owner.body

    page = html.unescape(client.get(action.get_absolute_url()).content.decode())
    assert "Refused" in page and "Agree a recovery plan first." in page


@pytest.mark.django_db
def test_a_decision_must_be_chosen_and_its_error_reaches_the_radios(client, plan):
    _asked(plan.action, plan.police_owner)
    client.force_login(plan.manager)

    response = _decide(client, plan.action, decision="")

    page = response.content.decode()
    assert error_summary_messages(page) == [
        "Select whether you approve or refuse the new target date"
    ]
    assert_error_summary_links_reach_inputs(page)


# --- Who may decide -----------------------------------------------------------------------


@pytest.mark.django_db
def test_whoever_asked_cannot_decide_their_own_request(client, plan):
    _asked(plan.action, plan.manager)
    client.force_login(plan.manager)
    decide_url = reverse("actions:date_request_decide", args=[plan.action.pk])
    action_page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "you asked for it, so someone else decides it" in action_page
    assert decide_url not in action_page

    page = client.get(decide_url)
    assert "You asked for this new target date" in page.content.decode()
    assert 'name="decision"' not in page.content.decode()

    response = _decide(client, plan.action, decision="approved")

    assert response.status_code == 200
    assert "You asked for this new target date" in html.unescape(response.content.decode())
    assert TargetDateRequest.objects.get().status == TargetDateRequestStatus.PENDING
    with pytest.raises(ValidationError, match="You asked for this new target date"):
        date_requests.date_request_approve(
            action=_fresh(plan.action), user=plan.manager, expected_version=plan.action.version
        )


@pytest.mark.django_db
def test_an_owner_cannot_decide_and_another_agencys_officer_cannot_ask(client, plan):
    _asked(plan.action, plan.police_owner)

    client.force_login(plan.council_owner)  # an officer of another agency
    assert client.get(reverse("actions:date_request_new", args=[plan.action.pk])).status_code == (
        403
    )
    assert _ask(client, plan.action).status_code == 403
    for person in (plan.council_owner, plan.police_owner, plan.scrutineer):
        client.force_login(person)
        assert _decide(client, plan.action, decision="approved").status_code == 403
    assert TargetDateRequest.objects.get().status == TargetDateRequestStatus.PENDING


@pytest.mark.django_db
def test_another_partnerships_manager_gets_404_everywhere(client, plan):
    _asked(plan.action, plan.police_owner)
    client.force_login(plan.stranger)
    inspection_pk = plan.finding.plan.inspection.pk

    for url in (
        reverse("actions:date_request_new", args=[plan.action.pk]),
        reverse("actions:date_request_decide", args=[plan.action.pk]),
        reverse("actions:date_requests_pending", args=[inspection_pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"decision": "approved", "version": 1}).status_code == 404, url
    assert TargetDateRequest.objects.get().status == TargetDateRequestStatus.PENDING


# --- The rules of asking ------------------------------------------------------------------


@pytest.mark.django_db
def test_one_request_waits_at_a_time(client, plan):
    _asked(plan.action, plan.police_owner)
    client.force_login(plan.police_owner)

    response = client.get(reverse("actions:date_request_new", args=[plan.action.pk]))
    assert response.status_code == 302
    response = _ask(client, plan.action, day=NEW_DATE + datetime.timedelta(days=7))

    assert response.status_code == 200
    assert date_requests.ONE_AT_A_TIME in html.unescape(response.content.decode())
    assert TargetDateRequest.objects.count() == 1
    with pytest.raises(ValidationError, match="already waiting for a decision"):
        _asked(plan.action, plan.manager)


@pytest.mark.django_db
def test_a_date_in_the_past_or_the_same_date_is_refused_and_the_reason_is_kept(client, plan):
    client.force_login(plan.police_owner)

    response = _ask(client, plan.action, day=TODAY - datetime.timedelta(days=1))

    page = html.unescape(response.content.decode())
    assert error_summary_messages(page) == ["The new target date must be today or in the future"]
    assert_error_summary_links_reach_inputs(page)
    assert REASON in page  # what they typed is still there

    response = _ask(client, plan.action, day=plan.action.target_date)
    assert error_summary_messages(html.unescape(response.content.decode())) == [
        "The new target date must be different from the current one "
        f"({plan.action.target_date:%-d %B %Y})"
    ]
    assert not TargetDateRequest.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_a_reason_and_a_date_are_needed(client, plan):
    client.force_login(plan.police_owner)

    response = client.post(
        reverse("actions:date_request_new", args=[plan.action.pk]),
        {"version": plan.action.version, "reason": "  "},
    )

    assert error_summary_messages(response.content.decode()) == [
        "Enter the new target date",
        "Enter why the target date must move",
    ]
    assert not TargetDateRequest.objects.exists()


@pytest.mark.django_db
def test_a_complete_action_takes_no_request(plan):
    action = _fresh(plan.action)
    action.rag = "complete"
    action.save()

    with pytest.raises(ValidationError, match="This action is complete"):
        _asked(action, plan.manager)


@pytest.mark.django_db
def test_a_new_date_that_has_passed_while_waiting_can_only_be_refused(client, plan):
    _asked(plan.action, plan.police_owner, day=TODAY + datetime.timedelta(days=2))
    with time_machine.travel(TODAY + datetime.timedelta(days=5)):
        client.force_login(plan.manager)
        response = _decide(client, plan.action, decision="approved")

    assert response.status_code == 200
    assert "has passed: refuse it and ask the owner for another" in html.unescape(
        response.content.decode()
    )
    assert TargetDateRequest.objects.get().status == TargetDateRequestStatus.PENDING


# --- Conflicts and the mail server --------------------------------------------------------


@pytest.mark.django_db
def test_an_approval_from_an_out_of_date_page_is_refused(client, plan):
    _asked(plan.action, plan.police_owner)
    client.force_login(plan.manager)
    opened_at = _fresh(plan.action).version
    services.progress_update_record(
        action=_fresh(plan.action),
        author=plan.police_owner,
        rag="amber",
        narrative="Slipping.",
        rag_change_reason="Recruitment failed.",
        percent_complete=None,
        evidence_link="",
        evidence_file=None,
        expected_version=opened_at,
    )

    response = client.post(
        reverse("actions:date_request_decide", args=[plan.action.pk]),
        {"version": opened_at, "decision": "approved"},
    )

    assert response.status_code == 200
    assert "Someone else changed this action while you were working on it" in html.unescape(
        response.content.decode()
    )
    assert TargetDateRequest.objects.get().status == TargetDateRequestStatus.PENDING
    assert _fresh(plan.action).target_date != NEW_DATE
    with pytest.raises(services.EditConflict):
        date_requests.date_request_approve(
            action=_fresh(plan.action), user=plan.manager, expected_version=opened_at
        )


@pytest.mark.django_db
def test_a_request_already_decided_is_not_decided_again(client, plan):
    _asked(plan.action, plan.police_owner)
    client.force_login(plan.executive)
    _decide(client, plan.action, decision="refused", comment="Not yet.")

    response = client.get(reverse("actions:date_request_decide", args=[plan.action.pk]))

    assert response.status_code == 302
    assert TargetDateRequest.objects.get().decision_comment == "Not yet."


@pytest.mark.django_db
def test_the_request_and_the_decision_stand_when_the_mail_server_fails(
    client,
    plan,
    mail_server_refusing,  # noqa: F811 - the fixture imported above
):
    mail_server_refusing(plan.manager.email, plan.police_owner.email)
    client.force_login(plan.police_owner)

    response = _ask(client, plan.action)

    assert response.status_code == 302
    assert TargetDateRequest.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "could not be sent: tell them yourself" in page

    client.force_login(plan.manager)
    response = _decide(client, plan.action, decision="approved")

    assert response.status_code == 302
    assert _fresh(plan.action).target_date == NEW_DATE
    assert "could not be sent: tell them yourself" in client.get(response.url).content.decode()


# --- The action page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_overdue_action_prompts_its_owner_to_ask_and_the_reader_sees_no_link(client, plan):
    action = _fresh(plan.action)
    action.target_date = TODAY - datetime.timedelta(days=3)
    action.save()
    ask_url = reverse("actions:date_request_new", args=[action.pk])

    client.force_login(plan.police_owner)
    page = client.get(action.get_absolute_url()).content.decode()
    past = action.target_date
    assert f"This action is past its target date, {past:%-d %B %Y}. Ask for a new" in page
    assert "If it cannot be done by" not in page  # the date has gone
    assert ask_url in page

    client.force_login(plan.scrutineer)
    assert ask_url not in client.get(action.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_an_action_due_within_30_days_prompts_and_one_further_off_offers_a_quiet_link(client, plan):
    action = _fresh(plan.action)
    client.force_login(plan.police_owner)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "say so early" in page and "govuk-inset-text" not in page.split("New target dates")[1]

    action.target_date = TODAY + datetime.timedelta(days=30)
    action.save()
    page = client.get(action.get_absolute_url()).content.decode()
    assert f"This action is due within 30 days, on {action.target_date:%-d %B %Y}." in page
    assert date_requests.may_ask_now(action)
    assert not date_requests.may_ask_now(action, today=TODAY - datetime.timedelta(days=1))


@pytest.mark.django_db
def test_the_page_shows_a_waiting_request_and_links_deciders_to_it(client, plan):
    _asked(plan.action, plan.police_owner)
    decide_url = reverse("actions:date_request_decide", args=[plan.action.pk])

    client.force_login(plan.executive)
    page = html.unescape(client.get(plan.action.get_absolute_url()).content.decode())
    assert "Awaiting a decision" in page
    assert f"{NEW_DATE:%-d %B %Y}" in page and REASON in page
    assert decide_url in page

    client.force_login(plan.police_owner)
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "Awaiting a decision" in page
    assert decide_url not in page
    assert reverse("actions:date_request_new", args=[plan.action.pk]) not in page


@pytest.mark.django_db
def test_the_managers_edit_in_the_plan_shows_as_an_approved_move(client, plan):
    action = _fresh(plan.action)
    services.action_edit(
        action=action,
        user=plan.manager,
        expected_version=action.version,
        details={"target_date": NEW_DATE},
        supporting_agencies=[],
        target_date_change_reason="Agreed at the executive: waiting for the new IT system.",
    )
    client.force_login(plan.scrutineer)

    page = html.unescape(client.get(action.get_absolute_url()).content.decode())

    assert (
        f"Moved in the plan</strong> by the partnership manager, {plan.manager.get_full_name()}"
        in page
    )
    assert "Agreed at the executive: waiting for the new IT system." in page


@pytest.mark.django_db
def test_the_action_page_adds_no_queries_for_its_requests(client, plan, django_assert_num_queries):
    action = ActionFactory(finding=plan.finding, lead_agency=plan.police)
    client.force_login(UserFactory(partnership=plan.partnership))
    with CaptureQueriesContext(connection) as without_requests:
        client.get(action.get_absolute_url())
    for day in (1, 2, 3):
        _asked(action, plan.police_owner, day=NEW_DATE + datetime.timedelta(days=day))
        date_requests.date_request_refuse(action=_fresh(action), user=plan.manager, comment="No.")
    _asked(action, plan.police_owner)

    with django_assert_num_queries(len(without_requests)):
        response = client.get(action.get_absolute_url())

    page = response.content.decode()
    assert page.count('govuk-tag--red">Refused') == 3
    assert "Awaiting a decision" in page


# --- The plan's requests awaiting a decision ----------------------------------------------


def _pending_url(plan) -> str:
    return reverse("actions:date_requests_pending", args=[plan.finding.plan.inspection.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 8])
def test_the_pending_list_costs_the_same_however_many_wait(
    client, plan, django_assert_num_queries, count
):
    for n in range(count):
        action = ActionFactory(
            finding=plan.finding, lead_agency=plan.police, reference=f"1.{n + 2}"
        )
        _asked(action, plan.police_owner)
    client.force_login(plan.manager)

    # session, user, the plan with its inspection, the requests with their actions and
    # askers, and the request's savepoints
    with django_assert_num_queries(6):
        response = client.get(_pending_url(plan))

    assert response.status_code == 200
    assert response.content.decode().count("Approve or refuse<span") == count


@pytest.mark.django_db
def test_the_pending_list_shows_only_waiting_requests_and_marks_the_viewers_own(client, plan):
    decided = ActionFactory(finding=plan.finding, lead_agency=plan.police, reference="1.9")
    _asked(decided, plan.police_owner)
    date_requests.date_request_refuse(action=_fresh(decided), user=plan.manager, comment="No.")
    _asked(plan.action, plan.manager)
    client.force_login(plan.manager)

    page = client.get(_pending_url(plan)).content.decode()

    assert "You asked for this: someone else decides" in page
    assert ">1.9</a>" not in page
    assert ">1.1</a>" in page


@pytest.mark.django_db
def test_only_deciders_see_the_pending_list(client, plan):
    for person, status in (
        (plan.executive, 200),
        (plan.manager, 200),
        (plan.police_owner, 403),
        (plan.scrutineer, 403),
    ):
        client.force_login(person)
        assert client.get(_pending_url(plan)).status_code == status, person


@pytest.mark.django_db
def test_the_home_page_points_deciders_at_the_dates_awaiting_them(client, plan):
    _asked(plan.action, plan.police_owner)
    link = reverse("actions:date_requests_pending", args=[plan.finding.plan.inspection.pk])

    for decider in (plan.manager, plan.executive):
        client.force_login(decider)
        page = client.get(reverse("meetings:home")).content.decode()
        assert f'href="{link}">1 new target date to approve or refuse</a>' in page
    for reader in (plan.police_owner, plan.scrutineer):
        client.force_login(reader)
        assert link not in client.get(reverse("meetings:home")).content.decode()


@pytest.mark.django_db
def test_a_manager_who_leads_the_action_asks_like_any_owner_rather_than_moving_its_date(
    client, plan
):
    action = _fresh(plan.action)
    action.lead_officer = plan.manager
    action.save()
    first = action.target_date

    with pytest.raises(ValidationError, match="You lead this action"):
        services.action_edit(
            action=action,
            user=plan.manager,
            expected_version=action.version,
            details={"target_date": NEW_DATE},
            supporting_agencies=[],
            target_date_change_reason="Waiting for the new IT system.",
        )
    assert _fresh(action).target_date == first
    assert not TargetDateRequest.objects.filter(action=action).exists()
    # Everything else of the plan the manager still keeps.
    services.action_edit(
        action=_fresh(action),
        user=plan.manager,
        expected_version=_fresh(action).version,
        details={"description": "Review demand in the unit, with the BCU."},
        supporting_agencies=[],
    )


@pytest.mark.django_db
def test_the_dashboard_points_the_executive_at_dates_awaiting_a_decision(client, plan):
    _asked(plan.action, plan.police_owner)
    inspection = plan.finding.plan.inspection
    dashboard = reverse("meetings:dashboard", args=[inspection.pk])
    link = reverse("actions:date_requests_pending", args=[inspection.pk])

    client.force_login(plan.executive)
    assert f'href="{link}">1 new target date to approve or refuse</a>' in (
        client.get(dashboard).content.decode()
    )
    client.force_login(plan.scrutineer)
    assert link not in client.get(dashboard).content.decode()
