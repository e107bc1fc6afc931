"""Each rule is decided and worded once, by its service: the page shows the service's words
beside the field, and the service called directly refuses with the same words, keyed by
that field."""

import datetime
import html
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, ProgressUpdate
from actions.rag import RAG, is_overdue, overdue_q
from actions.rules import date_not_in_future
from meetings.models import Meeting
from meetings.services import meeting_record
from rounds import selectors as round_selectors
from rounds import services as round_services
from rounds.models import ReturnReview, ReviewDecision
from statements.models import StatementSubmission
from statements.statement import statement_submit
from tests.actions.conftest import propose
from tests.actions.test_close_action import agree
from tests.actions.test_edit_conflict import edit_data
from tests.actions.test_record_update import post_update
from tests.factories import ActionFactory, MeetingFactory
from tests.rounds.conftest import RoundPlan, at

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)

ERROR_BESIDE_A_FIELD = re.compile(
    r'<span id="id_(\w+?)(?:_\d+)?_error" class="govuk-error-message">\s*'
    r'<span class="govuk-visually-hidden">Error:</span>\s*(.*?)\s*</span>',
    re.DOTALL,
)


def errors_beside_fields(page: str) -> dict[str, list[str]]:
    """Each field's errors as the page shows them beside it (not only in the summary)."""
    found: dict[str, list[str]] = {}
    for field, message in ERROR_BESIDE_A_FIELD.findall(page):
        found.setdefault(field, []).append(html.unescape(message))
    return found


def refusal(service, **arguments) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as refused:
        service(**arguments)
    return refused.value.message_dict


def date_parts(field: str, day: datetime.date) -> dict[str, int]:
    return {f"{field}_0": day.day, f"{field}_1": day.month, f"{field}_2": day.year}


@pytest.mark.django_db
def test_a_worse_status_needs_a_reason_in_the_same_words_on_the_page_and_in_the_service(
    client, plan
):
    plan.action.rag = RAG.GREEN
    plan.action.save()
    said = {"rag_change_reason": ["Explain why the status has changed from Green to Red"]}

    client.force_login(plan.police_owner)
    page = post_update(client, plan.action, rag="red").content.decode()

    assert errors_beside_fields(page) == said
    refused = refusal(
        services.progress_update_record,
        action=plan.action, author=plan.police_owner, rag=RAG.RED, narrative="Slipped.",
        expected_version=plan.action.version,
    )  # fmt: skip
    assert refused == said
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_a_new_target_date_needs_a_reason_in_the_same_words_on_the_page_and_in_the_service(
    client, plan
):
    original = plan.action.target_date
    later = original + datetime.timedelta(days=90)
    said = {
        "target_date_change_reason": [
            f"Explain why the target date has changed from {original:%-d %B %Y}"
        ]
    }

    client.force_login(plan.manager)
    page = client.post(
        reverse("actions:action_edit", args=[plan.action.pk]),
        edit_data(plan.action, plan.action.version, **date_parts("target_date", later)),
    ).content.decode()

    assert errors_beside_fields(page) == said
    refused = refusal(
        services.action_edit,
        action=plan.action, user=plan.manager, expected_version=plan.action.version,
        supporting_agencies=[], details={"target_date": later},
    )  # fmt: skip
    assert refused == said
    plan.action.refresh_from_db()
    assert plan.action.target_date == original


@pytest.mark.django_db
def test_a_closure_agreed_tomorrow_is_refused_in_the_same_words_on_the_page_and_in_the_service(
    client, plan
):
    propose(plan.action, plan.police_owner)
    plan.action.refresh_from_db()
    said = {"agreed_on": ["The date agreed must be today or in the past"]}

    client.force_login(plan.executive)
    page = agree(client, plan.action, when=TOMORROW).content.decode()

    assert errors_beside_fields(page) == said
    refused = refusal(
        services.closure_agree,
        action=plan.action, user=plan.executive, agreed_on=TOMORROW,
        meeting=MeetingFactory(plan=plan.finding.plan), expected_version=plan.action.version,
    )  # fmt: skip
    assert refused == said
    plan.action.refresh_from_db()
    assert not plan.action.is_complete


@pytest.mark.django_db
def test_a_statement_sent_tomorrow_is_refused_in_the_same_words_on_the_page_and_in_the_service(
    client, plan
):
    inspection = plan.finding.plan.inspection
    said = {"submitted_on": ["The date the statement was sent must be today or in the past"]}

    client.force_login(plan.manager)
    page = client.post(
        reverse("statements:statement_submit", args=[inspection.pk]),
        date_parts("submitted_on", TOMORROW),
    ).content.decode()

    assert errors_beside_fields(page) == said
    assert (
        refusal(statement_submit, inspection=inspection, user=plan.manager, submitted_on=TOMORROW)
        == said
    )
    assert not StatementSubmission.objects.exists()


@pytest.mark.django_db
def test_a_meeting_held_tomorrow_is_refused_in_the_same_words_on_the_page_and_in_the_service(
    client, plan
):
    inspection = plan.finding.plan.inspection
    said = {"date": ["The meeting date must be today or in the past"]}

    client.force_login(plan.manager)
    page = client.post(
        reverse("meetings:meeting_list", args=[inspection.pk]),
        {**date_parts("date", TOMORROW), "title": "LSCP executive"},
    ).content.decode()

    assert errors_beside_fields(page) == said
    assert (
        refusal(
            meeting_record, plan=inspection.plan, user=plan.manager, date=TOMORROW, title="Exec"
        )
        == said
    )
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_a_report_dated_tomorrow_is_refused_beside_its_date_in_the_rules_words(client, plan):
    client.force_login(plan.executive)
    page = client.get(
        reverse("statements:statement_preview", args=[plan.finding.plan.inspection.pk]),
        {"progress": "1", **date_parts("as_of", TOMORROW)},
    ).content.decode()

    said = refusal(date_not_in_future, value=TOMORROW, field="as_of", what="The date of the report")
    assert (
        errors_beside_fields(page)
        == said
        == {"as_of": ["The date of the report must be today or in the past"]}
    )


def test_today_is_not_in_the_future():
    date_not_in_future(timezone.localdate(), field="date", what="The meeting date")


@pytest.mark.django_db
def test_an_update_sent_back_needs_a_comment_in_the_same_words_on_the_page_and_in_the_service(
    client,
):
    plan = RoundPlan()
    with time_machine.travel(at(datetime.date(2026, 3, 2), 10), tick=True):
        update_round = plan.open_round()
        action = plan.council_action
        services.progress_update_record(
            action=action, author=plan.council_owner, rag=RAG.GREEN, narrative="On track.",
            expected_version=action.version,
        )  # fmt: skip
        returned = round_selectors.action_return(update_round=update_round, action_pk=action.pk)
        said = {"comment": ["Enter what more detail the update needs"]}

        client.force_login(plan.manager)
        page = client.post(
            reverse("rounds:return_review", args=[update_round.pk, action.pk]),
            {"update": returned.return_id, "decision": "sent_back", "comment": " "},
        ).content.decode()

        assert errors_beside_fields(page) == said
        refused = refusal(
            round_services.return_check,
            update_round=update_round, action=returned, user=plan.manager,
            update_id=returned.return_id, decision=ReviewDecision.SENT_BACK, comment=" ",
        )  # fmt: skip
        assert refused == said
    assert not ReturnReview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rag", "days_late", "archived", "overdue"),
    [
        (RAG.GREEN, 1, False, True),
        (RAG.AMBER, 0, False, False),  # due today: not yet
        (RAG.COMPLETE, 30, False, False),
        (RAG.RED, 30, True, False),  # archived: out of the plan
    ],
)
def test_an_action_is_overdue_by_the_same_rule_on_its_page_and_in_a_list(
    rag, days_late, archived, overdue
):
    today = timezone.localdate()
    action = ActionFactory(
        rag=rag,
        target_date=today - datetime.timedelta(days=days_late),
        archived_at=timezone.now() if archived else None,
    )

    assert action.is_overdue is overdue
    assert Action.objects.filter(overdue_q(today), pk=action.pk).exists() is overdue
    assert is_overdue(action.rag, action.target_date, today, archived=archived) is overdue


@pytest.mark.django_db
def test_an_archived_action_past_its_date_is_not_listed_as_overdue(client, plan):
    past = timezone.localdate() - datetime.timedelta(days=10)
    gone = ActionFactory(
        finding=plan.finding, description="Archived and past its date.", target_date=past,
        archived_at=timezone.now(),
    )  # fmt: skip
    late = ActionFactory(
        finding=plan.finding, description="Late and in the plan.", target_date=past
    )

    client.force_login(plan.manager)
    page = client.get(
        reverse("inspections:inspection_actions", args=[plan.finding.plan.inspection.pk]),
        {"overdue": "on", "archived": "on"},
    ).content.decode()

    assert late.description in page
    assert gone.description not in page


@pytest.mark.django_db
def test_a_missing_reason_is_shown_with_the_pages_other_errors_at_once(client, plan):
    # GOV.UK: every error on the first try, not one round of errors after another.
    plan.action.rag = RAG.GREEN
    plan.action.save()
    client.force_login(plan.police_owner)
    page = post_update(client, plan.action, rag="red", narrative="").content.decode()
    assert set(errors_beside_fields(page)) == {"narrative", "rag_change_reason"}

    client.force_login(plan.manager)
    later = plan.action.target_date + datetime.timedelta(days=30)
    page = client.post(
        reverse("actions:action_edit", args=[plan.action.pk]),
        edit_data(
            plan.action,
            plan.action.version,
            description="",
            target_date_0=later.day,
            target_date_1=later.month,
            target_date_2=later.year,
        ),
    ).content.decode()
    assert set(errors_beside_fields(page)) == {"description", "target_date_change_reason"}
