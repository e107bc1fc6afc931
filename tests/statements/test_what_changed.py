"""Between the versions sent to Ofsted, a 'what changed' list goes with the new version:
each version sent keeps its content, and the preview, the submit page, the PDF, the Word
document and the list of sent versions say what changed since the version before."""

import dataclasses
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from actions import fields as action_fields
from actions.models import Action, Finding
from inspections.models import Inspection
from people.models import Role
from statements.approvals import statement_approve
from statements.changes import (
    StatementContent,
    changes_since_last_sent,
    statement_action_fields,
    statement_changes,
)
from statements.models import StatementSignatory, StatementSubmission
from tests.factories import ActionFactory, UserFactory
from tests.statements.signing import statement_made_ready

SENT_ON = f"{timezone.localdate():%-d %B %Y}"


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


def _preview(client, inspection) -> str:
    page = client.get(reverse("statements:statement_preview", args=[inspection.pk]))
    assert page.status_code == 200
    return page.content.decode()


def _send(client, inspection):
    today = timezone.localdate()
    response = client.post(
        reverse("statements:statement_submit", args=[inspection.pk]),
        {"submitted_on_0": today.day, "submitted_on_1": today.month, "submitted_on_2": today.year},
        follow=True,
    )
    assert "is recorded as sent on" in response.content.decode()
    return StatementSubmission.objects.filter(plan=inspection.plan_id).first()


def _first_version_sent(client, demo, inspection) -> StatementSubmission:
    statement_made_ready(inspection)
    client.force_login(demo["manager"])
    return _send(client, inspection)


def _next_version(inspection, version="2.0"):
    """The statement given a new version and approved again by every partner's lead, as
    it must be before it is sent again."""
    plan = Inspection.objects.get(pk=inspection.pk).plan
    plan.statement_version = version
    plan.save()
    inspection = Inspection.objects.get(pk=inspection.pk)
    for lead in StatementSignatory.objects.filter(plan=plan).select_related("agency", "person"):
        statement_approve(inspection=inspection, agency=lead.agency, user=lead.person)


def _actions(inspection):
    return Action.objects.current().filter(finding__plan=inspection.plan_id).order_by("pk")


def _pdf_text(content: bytes) -> str:
    pages = PdfReader(io.BytesIO(content)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


@pytest.mark.django_db
def test_the_first_version_says_it_is_the_first(client, demo, lewisham):
    client.force_login(demo["manager"])
    assert "This is the first version of the statement sent to Ofsted." in _preview(
        client, lewisham
    )
    submission = _first_version_sent(client, demo, lewisham)
    text = _pdf_text(submission.pdf.read())
    assert "What changed This is the first version of the statement sent to Ofsted." in text
    assert "The first version sent" in _preview(client, lewisham)


@pytest.mark.django_db
def test_nothing_changed_says_so(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    page = _preview(client, lewisham)
    assert f"What changed since version 1.0, sent on {SENT_ON}" in page
    assert "Nothing has changed since version 1.0." in page


@pytest.mark.django_db
def test_an_action_added_is_listed_with_its_area(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    finding = Finding.objects.filter(plan=lewisham.plan_id).order_by("number").first()
    ActionFactory(
        finding=finding,
        reference="1.9",
        description="Audit the front door's decisions every quarter.",
        lead_agency=_actions(lewisham).first().lead_agency,
    )
    page = _preview(client, lewisham)
    assert f"What changed since version 1.0, sent on {SENT_ON}" in page
    assert (
        f"Action 1.9 added to area {finding.number}: Audit the front door&#x27;s decisions "
        "every quarter." in page
    )


@pytest.mark.django_db
def test_an_action_archived_is_listed_as_removed(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    action = _actions(lewisham).first()
    Action.objects.filter(pk=action.pk).update(archived_at=timezone.now())
    assert f"Action {action.reference} removed from area {action.finding.number}:" in _preview(
        client, lewisham
    )


@pytest.mark.django_db
def test_a_target_date_moved_is_said_as_dates(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    action = _actions(lewisham).first()
    Action.objects.filter(pk=action.pk).update(target_date=datetime.date(2027, 6, 30))
    before = f"{action.target_date.day} {action.target_date:%B %Y}"
    assert (
        f"Action {action.reference}: Target date moved from {before} to 30 June 2027"
        in _preview(client, lewisham)
    )


@pytest.mark.django_db
def test_a_lead_officer_changed_is_listed_with_the_old_and_the_new(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    action = _actions(lewisham).filter(lead_officer__isnull=False).first()
    old = action.lead_officer
    new = UserFactory(
        partnership=lewisham.partnership,
        role=Role.OWNER,
        first_name="Nadia",
        last_name="Okafor",
        job_title="Head of service",
    )
    Action.objects.filter(pk=action.pk).update(lead_officer=new)
    job = f", {old.job_title}" if old.job_title else ""
    assert (
        f"Action {action.reference}: Lead officer changed from “{old.get_full_name()}{job}” to "
        "“Nadia Okafor, Head of service”" in _preview(client, lewisham)
    )


@pytest.mark.django_db
def test_an_area_reworded_is_listed(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    finding = Finding.objects.filter(plan=lewisham.plan_id).order_by("number").first()
    Finding.objects.filter(pk=finding.pk).update(text="The quality of strategy meetings.")
    assert (
        f"Area for improvement {finding.number} reworded: now “The quality of strategy "
        "meetings.”" in _preview(client, lewisham)
    )


@pytest.mark.django_db
def test_the_introduction_edited_is_listed(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    plan = Inspection.objects.get(pk=lewisham.pk).plan
    client.post(
        reverse("statements:statement_edit", args=[lewisham.pk]),
        {
            "version": plan.version,
            "statement_introduction": "The partnership accepts every finding in full.",
            "statement_governance": plan.statement_governance,
            "statement_version": "2.0",
            "protective_marking": plan.protective_marking,
        },
    )
    page = _preview(client, lewisham)
    assert "The introduction changed" in page
    assert "The governance and monitoring arrangements changed" not in page


@pytest.mark.django_db
def test_the_submit_page_lists_the_changes_before_recording_as_sent(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    action = _actions(lewisham).first()
    Action.objects.filter(pk=action.pk).update(target_date=datetime.date(2027, 6, 30))
    page = client.get(reverse("statements:statement_submit", args=[lewisham.pk]))
    content = page.content.decode()
    assert f"What changed since version 1.0, sent on {SENT_ON}" in content
    assert "to 30 June 2027" in content
    assert content.index("to 30 June 2027") < content.index("Record as sent")


@pytest.mark.django_db
def test_the_submission_stores_the_statements_content(client, demo, lewisham):
    submission = _first_version_sent(client, demo, lewisham)
    content = submission.content
    plan = Inspection.objects.get(pk=lewisham.pk).plan
    assert content["version"] == "1.0"
    assert content["introduction"] == plan.statement_introduction
    assert content["governance"] == plan.statement_governance
    findings = Finding.objects.filter(plan=plan).order_by("number")
    assert [(area["number"], area["text"]) for area in content["areas"]] == [
        (finding.number, finding.text) for finding in findings
    ]
    actions = list(_actions(lewisham).select_related("lead_agency"))
    assert len(content["actions"]) == len(actions)
    kept = {action["id"]: action["values"] for action in content["actions"]}
    action = actions[0]
    assert kept[action.pk]["reference"] == action.reference
    assert kept[action.pk]["description"] == action.description
    assert kept[action.pk]["lead_agency"] == action.lead_agency.name
    assert kept[action.pk]["target_date"] == action.target_date.isoformat()
    assert kept[action.pk]["original_target_date"] == action.original_target_date.isoformat()
    assert kept[action.pk]["success_measure"] == action.success_measure
    assert set(kept[action.pk]) == {field.name for field in statement_action_fields()}


@pytest.mark.django_db
def test_the_pdf_and_word_say_what_changed_after_the_sign_off_block(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    action = _actions(lewisham).first()
    Action.objects.filter(pk=action.pk).update(target_date=datetime.date(2027, 6, 30))
    heading = f"What changed since version 1.0, sent on {SENT_ON}"
    moved = f"Action {action.reference}: Target date moved from"

    response = client.get(reverse("statements:statement_download", args=[lewisham.pk]))
    text = _pdf_text(b"".join(response.streaming_content))
    assert text.index("Sign-off by the safeguarding partners") < text.index(heading)
    assert moved in text[text.index(heading) :]

    response = client.get(reverse("statements:statement_docx", args=[lewisham.pk]))
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    paragraphs = [paragraph.text for paragraph in word.paragraphs]
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index(heading) > headings.index("Sign-off by the safeguarding partners")
    after = paragraphs[paragraphs.index(heading) :]
    assert "The changes since version 1.0:" in after
    assert any(line.startswith(moved) and "to 30 June 2027" in line for line in after)


@pytest.mark.django_db
def test_each_sent_version_says_what_changed_from_the_one_before(client, demo, lewisham):
    _first_version_sent(client, demo, lewisham)
    action = _actions(lewisham).first()
    Action.objects.filter(pk=action.pk).update(target_date=datetime.date(2027, 6, 30))
    _next_version(lewisham)
    second = _send(client, lewisham)

    assert second.version == "2.0"
    assert second.content["version"] == "2.0"
    text = _pdf_text(second.pdf.read())  # the PDF kept as sent carries its list
    assert f"What changed since version 1.0, sent on {SENT_ON}" in text
    assert "to 30 June 2027" in text

    page = _preview(client, lewisham)
    versions = page[page.index('id="submissions"') :]
    assert "What changed from version 1.0" in versions
    assert "to 30 June 2027" in versions[: versions.index("The first version sent")]
    assert f"What changed since version 2.0, sent on {SENT_ON}" in page
    assert "Nothing has changed since version 2.0." in page


@pytest.mark.django_db
def test_a_version_sent_before_content_was_kept_has_no_record_to_compare_with(
    client, demo, lewisham
):
    sent = _first_version_sent(client, demo, lewisham)
    StatementSubmission.objects.filter(pk=sent.pk).update(content={})
    page = _preview(client, lewisham)
    assert "There is no record of what version 1.0 said to compare with" in page
    assert changes_since_last_sent(plan=lewisham.plan).changes is None


@pytest.mark.django_db
def test_a_field_the_declaration_adds_to_the_statement_is_kept_and_compared(
    client, demo, lewisham, monkeypatch
):
    reason = dataclasses.replace(
        action_fields.action_field("target_date_change_reason"), in_statement=True
    )
    monkeypatch.setattr(action_fields, "ACTION_FIELDS", [*action_fields.ACTION_FIELDS, reason])
    submission = _first_version_sent(client, demo, lewisham)
    assert all("target_date_change_reason" in a["values"] for a in submission.content["actions"])
    action = _actions(lewisham).first()
    Action.objects.filter(pk=action.pk).update(target_date_change_reason="Agreed by the LSCP")
    assert (
        f"Action {action.reference}: Target date change reason changed from “none” to "
        "“Agreed by the LSCP”" in _preview(client, lewisham)
    )


@pytest.mark.django_db
def test_the_preview_takes_a_fixed_number_of_queries_whatever_was_sent(
    client, demo, lewisham, django_assert_num_queries
):
    _first_version_sent(client, demo, lewisham)
    _next_version(lewisham)
    _send(client, lewisham)
    _next_version(lewisham, version="3.0")
    _send(client, lewisham)
    # As with one version or none (tests/statements/test_sign_off.py): the sent versions
    # are read once for the list, and the last once more for the statement's own list.
    with django_assert_num_queries(13):
        _preview(client, lewisham)


# The comparison itself, on content as the submissions keep it --------------------------


def _content(**changes) -> StatementContent:
    content: StatementContent = {
        "schema": 1,
        "version": "1.0",
        "introduction": "We accept the findings.",
        "governance": "The executive meets bi-monthly.",
        "fields": [
            {"name": "reference", "label": "Reference", "date": False},
            {"name": "description", "label": "Action", "date": False},
            {"name": "target_date", "label": "Target date", "date": True},
        ],
        "areas": [{"id": 1, "number": 1, "text": "Strategy meetings.", "priority": False}],
        "actions": [
            {
                "id": 10,
                "area": 1,
                "values": {
                    "reference": "1.1",
                    "description": "Audit strategy meetings.",
                    "target_date": "2027-03-31",
                },
            }
        ],
    }
    content.update(changes)  # type: ignore[typeddict-item]
    return content


def test_an_action_whose_reference_changed_is_matched_by_its_id():
    after = _content(
        actions=[
            {
                "id": 10,
                "area": 1,
                "values": {
                    "reference": "1.2",
                    "description": "Audit strategy meetings.",
                    "target_date": "2027-03-31",
                },
            }
        ]
    )
    changes = statement_changes(before=_content(), after=after)
    assert not changes.actions_added and not changes.actions_removed
    assert changes.lines == ["Action 1.2: Reference changed from “1.1” to “1.2”"]


def test_the_same_content_is_nothing_changed():
    changes = statement_changes(before=_content(), after=_content(version="2.0"))
    assert changes.nothing
    assert changes.lines == []


def test_an_area_added_and_its_action_are_both_listed():
    after = _content(
        areas=[
            {"id": 1, "number": 1, "text": "Strategy meetings.", "priority": False},
            {"id": 2, "number": 2, "text": "Return home interviews.", "priority": False},
        ],
        actions=[
            *_content()["actions"],
            {
                "id": 11,
                "area": 2,
                "values": {"reference": "2.1", "description": "Offer every child one."},
            },
        ],
    )
    changes = statement_changes(before=_content(), after=after)
    assert changes.lines == [
        "Area for improvement 2 added: Return home interviews.",
        "Action 2.1 added to area 2: Offer every child one.",
    ]
    assert changes.actions_changed == []  # a field the old version did not keep is no change
