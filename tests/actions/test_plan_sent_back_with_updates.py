"""The spreadsheet stops being the master: a plan exported, edited in Excel and sent back
updates the actions already in the plan, by the rules the action pages keep, and the check
page lists every change and every row refused before anything is written."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions import services as action_services
from actions.models import Action, ProgressUpdate
from actions.rag import RAG
from inspections.models import Inspection
from spreadsheets.exports import plan_xlsx

NEW_TARGET = datetime.date(2027, 9, 30)


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


def _open_actions(inspection):
    return list(
        Action.objects.current()
        .filter(finding__plan=inspection.plan_id, lead_officer__isnull=False)
        .exclude(rag=RAG.COMPLETE)
        .exclude(rag=RAG.RED)
        .order_by("finding__number", "position")
    )


def _edited(content: bytes, edits: dict[str, dict[str, object]]) -> bytes:
    """The export with some cells changed, as a manager would in Excel: rows found by the
    action's reference, columns by their headers."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook["Action plan"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        changes = edits.get(row[headers.index("No.")].value, {})
        for header, value in changes.items():
            row[headers.index(header)].value = value
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.mark.django_db
def test_a_plan_sent_back_with_updates_updates_the_plan_and_says_what_changed(
    client, demo, lewisham
):
    manager = demo["manager"]
    worse, moved, no_reason, stale, progressed = _open_actions(lewisham)[:5]
    exported = plan_xlsx(lewisham)
    # After the export, someone changes one action in the service.
    action_services.action_edit(
        action=stale,
        user=manager,
        expected_version=stale.version,
        details={"description": "Changed in the service after the export."},
        supporting_agencies=list(stale.supporting_agencies.all()),
    )
    sent_back = _edited(
        exported,
        {
            worse.reference: {"RAG": "Red", "Latest update": "The protocol lead has left."},
            moved.reference: {
                "Target date": datetime.datetime.combine(NEW_TARGET, datetime.time()),
                "Why the target date moved": "Agreed by the executive on 14 November.",
            },
            no_reason.reference: {"RAG": "Red"},
            stale.reference: {"Latest update": "An update on the old row."},
            progressed.reference: {"Latest update": "Audit of 20 cases finished."},
        },
    )

    client.force_login(manager)
    upload = client.post(
        reverse("spreadsheets:plan_import", args=[lewisham.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", sent_back)},
    )
    check = client.get(upload["Location"])
    page = check.content.decode()
    result = check.context["result"]
    changes = {
        update.action.reference: [(c.what, c.before, c.after) for c in update.changes]
        for update in result.to_update
    }
    assert changes == {
        worse.reference: [
            ("RAG", worse.rag_status.label, "Red"),
            ("New progress update", "", "The protocol lead has left."),
        ],
        moved.reference: [
            ("Target date", f"{moved.target_date:%-d %B %Y}", "30 September 2027"),
        ],
        progressed.reference: [("New progress update", "", "Audit of 20 cases finished.")],
    }
    refused = {update.action.reference: update.refused for update in result.refused}
    assert set(refused) == {no_reason.reference, stale.reference}
    assert "with no new progress update" in refused[no_reason.reference][0]
    assert "changed in the service after this file was exported" in refused[stale.reference][0]
    assert result.to_add == []
    assert "3 actions already in the plan will be updated" in page
    assert "2 rows will not be applied" in page
    assert "Check what the import will change" in page
    assert "0 actions will be added" not in page
    # Nothing is written until the manager confirms.
    worse.refresh_from_db()
    assert worse.rag != RAG.RED

    done = client.post(upload["Location"], follow=True)
    assert "From plan.xlsx: 3 actions updated" in done.content.decode()
    assert "2 rows not applied" in done.content.decode()

    worse.refresh_from_db()
    assert worse.rag == RAG.RED
    update = worse.updates.order_by("-created_at", "-pk").first()
    assert update.narrative == "The protocol lead has left."
    assert update.rag_change_reason == "The protocol lead has left."  # a worse RAG says why
    assert (update.author, update.entered_by) == (worse.lead_officer, manager)
    evidence = update.evidence.get()
    assert evidence.original_name == "plan.xlsx"
    assert evidence.file.read() == sent_back

    moved.refresh_from_db()
    assert moved.target_date == NEW_TARGET
    assert moved.target_date_change_reason == "Agreed by the executive on 14 November."
    history = moved.history.order_by("-history_date").first()
    assert history.history_user == manager

    progressed.refresh_from_db()
    assert progressed.updates.order_by("-created_at").first().narrative == (
        "Audit of 20 cases finished."
    )
    no_reason.refresh_from_db()
    assert no_reason.rag != RAG.RED
    assert not ProgressUpdate.objects.filter(narrative="An update on the old row.").exists()

    # The action page says who entered the update, and from which file.
    page = client.get(worse.get_absolute_url()).content.decode()
    assert "Entered by" in page and "plan.xlsx" in page


@pytest.mark.django_db
def test_a_plan_sent_back_unchanged_changes_nothing(client, demo, lewisham):
    client.force_login(demo["manager"])
    before = ProgressUpdate.objects.count()
    upload = client.post(
        reverse("spreadsheets:plan_import", args=[lewisham.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", plan_xlsx(lewisham))},
    )
    check = client.get(upload["Location"])
    result = check.context["result"]
    assert (result.to_add, result.to_update, result.refused) == ([], [], [])
    done = client.post(upload["Location"], follow=True)
    assert "From plan.xlsx: nothing new" in done.content.decode()
    assert ProgressUpdate.objects.count() == before


@pytest.mark.django_db
def test_a_manager_sending_back_a_new_date_for_an_action_they_lead_is_refused(
    client, demo, lewisham
):
    manager = demo["manager"]
    (own,) = [action for action in _open_actions(lewisham) if action.lead_officer == manager][:1]
    sent_back = _edited(
        plan_xlsx(lewisham),
        {
            own.reference: {
                "Target date": datetime.datetime.combine(NEW_TARGET, datetime.time()),
                "Why the target date moved": "Waiting for the new IT system.",
            }
        },
    )
    client.force_login(manager)
    upload = client.post(
        reverse("spreadsheets:plan_import", args=[lewisham.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", sent_back)},
    )
    result = client.get(upload["Location"]).context["result"]

    (refused,) = [update for update in result.refused if update.action == own]
    assert refused.refused[0].startswith("You lead this action, so someone else decides")
    client.post(upload["Location"])
    own.refresh_from_db()
    assert own.target_date != NEW_TARGET
