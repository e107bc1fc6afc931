"""Evidence from before evidence had titles: migrating gives each a title from its file's
name (without the ending, underscores and dashes as spaces) or its link, kind "other",
and the date it was added; evidence already titled keeps its own."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from actions.models import Evidence
from tests.factories import ActionFactory, UserFactory

BEFORE_THE_TITLES = ("actions", "0020_evidence_items_progress_and_review_date")
ADDED = timezone.make_aware(datetime.datetime(2025, 6, 30, 23, 30))  # 30 June, London time


@pytest.mark.django_db(transaction=True)
def test_existing_evidence_gets_a_title_kind_other_and_the_date_it_was_added():
    action = ActionFactory()
    user = UserFactory(partnership=action.finding.plan.partnership)

    try:
        call_command("migrate", *BEFORE_THE_TITLES, verbosity=0)
        executor = MigrationExecutor(connection)
        old = executor.loader.project_state(BEFORE_THE_TITLES).apps.get_model("actions", "Evidence")

        def evidence(**fields):
            made = old.objects.create(action_id=action.pk, added_by_id=user.pk, **fields)
            old.objects.filter(pk=made.pk).update(added_at=ADDED)  # auto_now_add on create

        evidence(file="evidence/1", original_name="MASH_audit-report_2025.final.pdf")
        evidence(file="evidence/2", original_name="Training  record -- Q1.xlsx")
        evidence(link="https://sharepoint.example.org/sites/lscp/Neglect%20strategy.docx")
        evidence(link="https://example.org/")
        evidence(link="https://example.org/kept", title="Already titled", kind="data")
    finally:
        call_command("migrate", verbosity=0)

    migrated = [(e.title, e.kind, e.date) for e in Evidence.objects.order_by("pk")]
    on_the_day = datetime.date(2025, 6, 30)
    assert migrated == [
        ("MASH audit report 2025.final", "other", on_the_day),
        ("Training record Q1", "other", on_the_day),
        ("Neglect strategy", "other", on_the_day),
        ("example.org", "other", on_the_day),
        ("Already titled", "data", None),
    ]
