"""The reshape into apps by subject moved models between apps but kept their tables: a
database with the demo in it, taken back to the schema as it was before (the landing of
1 December 2026) and brought forward again, keeps every row of every table, and the
content types follow the models (admin log entries point at them)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from demo.loader import load_demo

# Each app's last migration before the reshape; the apps it made start from nothing.
BEFORE_THE_RESHAPE = [
    ("actions", "0009_index_update_recorded"),
    ("inspections", "0006_inspection_version"),
    ("people", "0002_invitations"),
    ("audit", "0004_inspection_set_up_events"),
    ("rounds", "0001_initial"),
    ("meetings", "zero"),
    ("statements", "zero"),
    ("partnerships", "zero"),
    ("notifications", "zero"),
]
TABLES = [
    "inspections_partnership",
    "inspections_agency",
    "inspections_inspection",
    "inspections_inspection_inspectorates",
    "inspections_finding",
    "actions_action",
    "actions_action_supporting_agencies",
    "actions_historicalaction",
    "actions_progressupdate",
    "actions_closure",
    "actions_evidence",
    "actions_meeting",
    "actions_actionsnapshot",
    "actions_statementsubmission",
    "rounds_updateround",
    "rounds_sentemail",
    "rounds_returnreview",
    "audit_auditevent",
    "people_user",
    "people_invitation",
]


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def migrate(*targets) -> None:
    for app, name in targets:
        call_command("migrate", app, name, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_every_row_survives_the_reshape_back_and_forth():
    load_demo(today=timezone.localdate())
    _fill_what_the_demo_leaves_empty()
    ContentType.objects.get_for_models(*_moved_models())
    loaded = row_counts()
    assert [table for table in TABLES if not loaded[table]] == []

    try:
        migrate(*reversed(BEFORE_THE_RESHAPE))
        assert row_counts() == loaded
        labels = set(ContentType.objects.values_list("app_label", "model"))
        assert {
            ("inspections", "partnership"),
            ("actions", "meeting"),
            ("rounds", "sentemail"),
        } <= labels
        with connection.cursor() as cursor:  # the e-mail names its round again
            cursor.execute(
                "SELECT update_round_id FROM rounds_sentemail WHERE occasion = 'reshape-test'"
            )
            assert cursor.fetchone()[0] is not None
    finally:
        call_command("migrate", verbosity=0)

    assert row_counts() == loaded
    labels = set(ContentType.objects.values_list("app_label", "model"))
    assert {
        ("partnerships", "partnership"),
        ("partnerships", "agency"),
        ("actions", "finding"),
        ("meetings", "meeting"),
        ("meetings", "actionsnapshot"),
        ("statements", "statementsubmission"),
        ("notifications", "sentemail"),
    } <= labels
    from notifications.models import SentEmail
    from rounds.models import UpdateRound

    emailed = SentEmail.objects.get(occasion="reshape-test")
    assert emailed.about == UpdateRound.objects.first()  # the round the e-mail was about
    assert not {("inspections", "partnership"), ("actions", "meeting")} & labels


def _fill_what_the_demo_leaves_empty() -> None:
    """One row in each table the demo does not fill: evidence, a statement sent, a return
    checked, an e-mail recorded, an invitation and its audit entry."""
    from actions.models import Evidence, ProgressUpdate
    from audit.models import EventKind
    from audit.trail import record
    from notifications.models import SentEmail
    from people.models import Invitation, User
    from rounds.models import EmailKind, ReturnReview, ReviewDecision, UpdateRound
    from statements.models import StatementSubmission

    manager = User.objects.get(username="manager")
    update = ProgressUpdate.objects.select_related("action__finding__plan").first()
    inspection = update.action.finding.plan.inspection
    update_round = UpdateRound.objects.first()
    Evidence.objects.create(
        action=update.action, update=update, link="https://example.org/audit", added_by=manager
    )
    submission = StatementSubmission(
        plan=inspection.plan,
        submitted_on=timezone.localdate(),
        submitted_by=manager,
        version="9.9",
        sha256="0" * 64,
    )
    submission.pdf.save("statement.pdf", ContentFile(b"%PDF-1.7"), save=True)
    ReturnReview.objects.create(
        update_round=update_round,
        update=update,
        decision=ReviewDecision.choices[0][0],
        reviewed_by=manager,
    )
    SentEmail.objects.create(
        kind=EmailKind.ROUND_OPEN,
        recipient=manager,
        occasion="reshape-test",
        about_type=ContentType.objects.get_for_model(update_round),
        about_id=update_round.pk,
        address=manager.email,
        subject="Update your actions",
    )
    record(EventKind.INVITED, user=manager, detail="Invited for the reshape test")
    Invitation.objects.create(
        person=manager,
        token_hash="f" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )


def _moved_models():
    from actions.models import Finding
    from meetings.models import ActionSnapshot, Meeting
    from notifications.models import SentEmail
    from partnerships.models import Agency, Partnership
    from statements.models import StatementSubmission

    return [Partnership, Agency, Finding, Meeting, ActionSnapshot, StatementSubmission, SentEmail]


# Each app's last migration before the plan became a record of its own.
BEFORE_THE_PLAN = [
    ("actions", "0013_finding_version"),
    ("inspections", "0009_finding_in_actions"),
    ("meetings", "0001_moved_here"),
    ("rounds", "0001_initial"),
    ("statements", "0001_moved_here"),
    ("notifications", "zero"),
]
HANGING_FROM_THE_PLAN = ["inspections_finding", "actions_meeting", "rounds_updateround"]


def _plan_of_each_row() -> dict[str, set[tuple[int, int]]]:
    """For each table that hangs from the plan: (its row, the inspection of its plan)."""
    found = {}
    with connection.cursor() as cursor:
        for table in [*HANGING_FROM_THE_PLAN, "actions_statementsubmission"]:
            cursor.execute(
                f"SELECT t.id, i.id FROM {table} t "
                "JOIN inspections_inspection i ON i.plan_id = t.plan_id"
            )
            found[table] = set(cursor.fetchall())
    return found


@pytest.mark.django_db(transaction=True)
def test_the_plan_takes_the_inspections_status_statement_and_everything_hanging_from_it():
    from actions.models import Plan, PlanStatus
    from inspections.models import Inspection

    load_demo(today=timezone.localdate())
    _fill_what_the_demo_leaves_empty()
    lewisham = Inspection.objects.select_related("plan").get(partnership__slug="lewisham")
    Plan.objects.filter(pk=lewisham.plan_id).update(
        status=PlanStatus.SUBMITTED,
        statement_introduction="Our response to the letter.",
        statement_governance="The executive reviews the plan every two months.",
        statement_version="2.1",
        protective_marking="OFFICIAL-SENSITIVE",
    )
    loaded = row_counts()
    hanging = _plan_of_each_row()
    assert all(hanging.values())

    try:
        migrate(*reversed(BEFORE_THE_PLAN))
        assert row_counts() == loaded
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT status, statement_introduction, statement_governance, "
                "statement_version, protective_marking FROM inspections_inspection "
                "WHERE id = %s",
                [lewisham.pk],
            )
            assert cursor.fetchone() == (
                "submitted",
                "Our response to the letter.",
                "The executive reviews the plan every two months.",
                "2.1",
                "OFFICIAL-SENSITIVE",
            )
    finally:
        call_command("migrate", verbosity=0)

    assert row_counts() == loaded
    assert _plan_of_each_row() == hanging
    plan = Inspection.objects.select_related("plan").get(pk=lewisham.pk).plan
    assert (plan.status, plan.statement_version, plan.protective_marking) == (
        "submitted",
        "2.1",
        "OFFICIAL-SENSITIVE",
    )
    assert plan.statement_introduction == "Our response to the letter."
    assert Plan.objects.count() == Inspection.objects.count()
