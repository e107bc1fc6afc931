"""The written statement of action and the progress report, as PDF and as a preview."""

import datetime
import hashlib
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actions import services
from actions.models import Evidence, PlanStatus
from inspections.models import Inspection
from statements.models import StatementSubmission
from statements.statement import statement_document, statement_html, statement_pdf
from tests.statements.signing import statement_made_ready


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


@pytest.mark.django_db
def test_every_finding_and_action_is_in_the_statement_with_its_metadata(lewisham):
    content = statement_pdf(statement_document(inspection=lewisham))

    text = pdf_text(content)
    for finding in lewisham.plan.findings.all():
        assert " ".join(finding.text.split()) in text, finding.number
        for action in finding.actions.all():
            assert f"{action.reference} " in text
            assert " ".join(action.description.split())[:60] in text
    assert "Written statement of proposed action" in text
    assert f"{lewisham.statement_due:%-d %B %Y}" in text  # the demo's dates move with today
    assert "London Borough of Lewisham" in text
    assert re.search(r"Page 1 of \d+", text)
    assert "OFFICIAL" in text

    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title == (
        "Written statement of proposed action: London Borough of Lewisham"
    )
    assert reader.metadata.author == "Lewisham Safeguarding Children Partnership"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged, for screen readers


@pytest.mark.django_db
def test_the_named_font_is_embedded_so_every_machine_prints_the_same(lewisham):
    reader = PdfReader(io.BytesIO(statement_pdf(statement_document(inspection=lewisham))))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert all(name.startswith("Source-Sans-3") for name in fonts), fonts


@pytest.mark.django_db
def test_the_statement_shows_no_rag_but_the_progress_report_does(lewisham):
    statement = pdf_text(statement_pdf(statement_document(inspection=lewisham)))
    progress = pdf_text(statement_pdf(statement_document(inspection=lewisham, progress=True)))

    assert "Latest update" not in statement
    assert "Progress at a glance" not in statement
    assert "Progress on the written statement of action" in progress
    assert "Latest update" in progress
    assert "Progress at a glance" in progress
    assert "Overdue" in progress
    for word in ("Red", "Amber", "Green", "Complete"):
        assert word in progress


@pytest.mark.django_db
def test_the_progress_report_as_at_a_past_date_shows_the_rag_of_that_date(demo, lewisham):
    action = lewisham.plan.findings.get(number=1).actions.get(reference="1.1")
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    assert action.rag == "red"

    document = statement_document(inspection=lewisham, progress=True, as_of=last_week)
    row = next(r for s in document.sections for r in s.rows if r.action.pk == action.pk)
    assert row.rag.label == "Red"  # the update of 18 days ago said Red

    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    document = statement_document(inspection=lewisham, progress=True, as_of=long_ago)
    row = next(r for s in document.sections for r in s.rows if r.action.pk == action.pk)
    assert row.rag.label == "Amber"  # the update of 75 days ago said Amber
    assert row.latest_update.date == timezone.localdate() - datetime.timedelta(days=75)


@pytest.mark.django_db
def test_the_preview_and_the_download(client, demo, lewisham):
    client.force_login(demo["scrutineer"])
    preview = client.get(reverse("statements:statement_preview", args=[lewisham.pk]))
    assert preview.status_code == 200
    assert "The length of time children spend in police stations out of hours." in (
        preview.content.decode()
    )

    response = client.get(
        reverse("statements:statement_download", args=[lewisham.pk]), {"progress": "1"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment;" in response["Content-Disposition"]
    assert "progress-report-lewisham" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_a_manager_edits_the_statements_own_text(client, demo, lewisham):
    client.force_login(demo["manager"])
    client.post(
        reverse("statements:statement_edit", args=[lewisham.pk]),
        {
            "statement_introduction": "The partnership accepts every finding.",
            "statement_governance": "The LSCP executive reviews this plan every two months.",
            "statement_version": "1.1",
            "protective_marking": "OFFICIAL-SENSITIVE",
            "version": lewisham.version,
        },
    )
    text = pdf_text(
        statement_pdf(statement_document(inspection=Inspection.objects.get(pk=lewisham.pk)))
    )
    assert "The partnership accepts every finding." in text
    assert "The LSCP executive reviews this plan every two months." in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "version 1.1" in text

    client.force_login(demo["executive"])
    assert client.get(reverse("statements:statement_edit", args=[lewisham.pk])).status_code == 403


@pytest.mark.django_db
def test_the_submitted_statement_is_kept_unchanged_however_the_plan_changes(client, demo, lewisham):
    lewisham.plan.status = PlanStatus.DRAFTING
    lewisham.plan.save()
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    sent = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        reverse("statements:statement_submit", args=[lewisham.pk]),
        {
            "submitted_on_0": sent.day,
            "submitted_on_1": sent.month,
            "submitted_on_2": sent.year,
        },
    )
    submission = StatementSubmission.objects.get()
    url = reverse("statements:submission_download", args=[submission.uuid])
    original = b"".join(client.get(url).streaming_content)
    assert hashlib.sha256(original).hexdigest() == submission.sha256
    assert Inspection.objects.get(pk=lewisham.pk).plan.status == PlanStatus.SUBMITTED

    action = lewisham.plan.findings.get(number=1).actions.first()
    services.action_edit(
        action=action,
        user=demo["manager"],
        expected_version=action.version,
        details={"description": "A completely different action."},
        supporting_agencies=[],
    )

    assert b"".join(client.get(url).streaming_content) == original
    assert "A completely different action." not in pdf_text(original)
    client.force_login(demo["other.manager"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_submission_before_the_letter_or_of_a_version_already_sent_is_refused(
    client, demo, lewisham
):
    client.force_login(demo["manager"])
    url = reverse("statements:statement_submit", args=[lewisham.pk])
    early = client.post(
        url, {"submitted_on_0": "1", "submitted_on_1": "1", "submitted_on_2": "2020"}
    )
    letter_date = f"{lewisham.letter_date:%-d %B %Y}"
    assert f"must be on or after the letter&#x27;s date ({letter_date})" in early.content.decode()

    due = lewisham.statement_due
    data = {"submitted_on_0": due.day, "submitted_on_1": due.month, "submitted_on_2": due.year}
    statement_made_ready(lewisham)
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert f"Version 1.0 is already recorded as sent on {due:%-d %B %Y}" in again.content.decode()
    assert StatementSubmission.objects.count() == 1


@pytest.mark.django_db
def test_a_submission_date_in_the_future_is_refused(client, demo, lewisham):
    client.force_login(demo["manager"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        reverse("statements:statement_submit", args=[lewisham.pk]),
        {
            "submitted_on_0": tomorrow.day,
            "submitted_on_1": tomorrow.month,
            "submitted_on_2": tomorrow.year,
        },
    )
    assert "must be today or in the past" in response.content.decode()
    assert not StatementSubmission.objects.exists()


@pytest.mark.django_db
def test_the_command_line_export(tmp_path, lewisham):
    output = tmp_path / "statement.pdf"
    out = io.StringIO()
    call_command("export_statement", lewisham.pk, "--output", output, stdout=out)
    assert output.read_bytes().startswith(b"%PDF")
    assert "18 actions" in out.getvalue()

    progress = tmp_path / "progress.pdf"
    call_command(
        "export_statement",
        lewisham.pk,
        "--output",
        progress,
        "--progress",
        "--as-of",
        "2026-01-31",
        stdout=out,
    )
    assert "As at 31 January 2026" in pdf_text(progress.read_bytes())

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "export_statement",
            lewisham.pk,
            "--output",
            progress,
            "--progress",
            "--as-of",
            "31/01/2026",
        )
    with pytest.raises(CommandError, match="no inspection with id"):
        call_command("export_statement", 999999, "--output", progress)


@pytest.mark.django_db
def test_the_report_as_at_a_past_date_leaves_out_actions_added_since(demo, lewisham):
    finding = lewisham.plan.findings.get(number=1)
    added = services.action_create(
        finding=finding,
        user=demo["manager"],
        details={
            "reference": "1.9",
            "description": "Added today.",
            "lead_agency": finding.actions.first().lead_agency,
            "target_date": timezone.localdate(),
            "success_measure": "Measured.",
        },
    )
    week_ago = timezone.localdate() - datetime.timedelta(days=7)

    then = statement_document(inspection=lewisham, progress=True, as_of=week_ago)
    now = statement_document(inspection=lewisham, progress=True)

    assert added.pk not in [row.action.pk for s in then.sections for row in s.rows]
    assert added.pk in [row.action.pk for s in now.sections for row in s.rows]


@pytest.mark.django_db
def test_a_report_date_in_the_future_or_unreal_is_refused_with_the_error_summary(
    client, demo, lewisham
):
    client.force_login(demo["executive"])
    url = reverse("statements:statement_preview", args=[lewisham.pk])
    future = timezone.localdate() + datetime.timedelta(days=30)
    html = client.get(
        url,
        {"progress": "1", "as_of_0": future.day, "as_of_1": future.month, "as_of_2": future.year},
    ).content.decode()
    assert "The date of the report must be today or in the past" in html
    assert "<title>Error:" in html

    bad = {"progress": "1", "as_of_0": "31", "as_of_1": "2", "as_of_2": "2026"}
    response = client.get(reverse("statements:statement_download", args=[lewisham.pk]), bad)
    assert response.status_code == 302
    assert (
        "The date of the report must be a real date"
        in client.get(response["Location"]).content.decode()
    )


def pdf_pages(content: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.django_db
def test_the_plan_reads_on_in_a_few_landscape_pages_each_marked_and_numbered(lewisham):
    # 18 actions in 8 areas: the areas follow on in one table, no page forced per area.
    for progress in (False, True):
        content = statement_pdf(statement_document(inspection=lewisham, progress=progress))
        reader = PdfReader(io.BytesIO(content))
        # The progress report's evidence index follows the plan.
        assert len(reader.pages) <= (6 if progress else 5)
        for number, page in enumerate(reader.pages, start=1):
            assert page.mediabox.width > page.mediabox.height  # landscape
            text = " ".join(page.extract_text().split())
            assert "OFFICIAL" in text
            assert f"Page {number} of {len(reader.pages)}" in text
        # The header row repeats on every page of the plan after the cover (the statement's
        # sign-off block may start a page of its own after the plan).
        pages = pdf_pages(content)[1:]
        plan_pages = next(
            (pages[:n] for n, text in enumerate(pages) if "Evidence index" in text),
            pages,
        )
        for text in plan_pages:
            if not text.startswith("Sign-off by the safeguarding partners"):
                assert "Ref. Action Lead Timescale Success measure" in text


@pytest.mark.django_db
def test_the_cover_has_the_letters_facts_the_plan_by_area_and_the_rag_key(lewisham):
    statement = pdf_pages(statement_pdf(statement_document(inspection=lewisham)))[0]
    progress = pdf_pages(statement_pdf(statement_document(inspection=lewisham, progress=True)))[0]

    for cover in (statement, progress):
        assert f"Letter published {lewisham.letter_date:%-d %B %Y}" in cover
        assert f"Statement due {lewisham.statement_due:%-d %B %Y}" in cover
        assert "Principal authority London Borough of Lewisham" in cover
        # Each area by its number and the start of its text, not its number alone.
        assert "1. The length of time children spend in" in cover
        assert "8. The LSCP's understanding about the impact of" in cover
        assert "All areas" in cover
        assert "Planned; the start date has not been reached." in cover  # the RAG key
        assert "whatever its last status" in cover
    assert "The plan by area for improvement" in statement
    assert "Progress at a glance" in progress
    assert "Overdue" in progress


@pytest.mark.django_db
def test_the_progress_report_lists_the_evidence_of_updates_and_closures(demo, lewisham):
    Evidence.objects.all().delete()  # the demo's own, so what this test attaches stands alone
    first = lewisham.plan.findings.get(number=2).actions.get(reference="2.2")
    services.progress_update_record(
        action=first,
        author=demo["police.officer"],
        rag="green",
        narrative="Recruitment on track.",
        # Past its target date, so the product suggests Red: Green says why (issue 17).
        rag_change_reason="The new rota starts next week, agreed by the executive.",
        evidence_link="https://intranet.example.org/edt-rota-audit",
        expected_version=first.version,
    )
    second = lewisham.plan.findings.get(number=5).actions.get(reference="5.1")
    services.closure_propose(
        action=second,
        user=demo["council.officer"],
        evidence_of_impact="Attendance above 90% for three months.",
        sustainability_plan="Reported to the executive every quarter.",
        evidence_link="https://intranet.example.org/attendance-report",
        expected_version=second.version,
    )

    document = statement_document(inspection=lewisham, progress=True)
    evidence = {
        row.action.reference: [str(item) for item in row.evidence]
        for section in document.sections
        for row in section.rows
    }
    # Each named by its title, from the link's last part when nobody gave one.
    assert evidence["2.2"] == ["edt rota audit"]
    assert evidence["5.1"] == ["attendance report"]
    assert evidence["1.1"] == []

    progress = pdf_text(statement_pdf(document))
    assert "Evidence" in progress
    assert "1 item" in progress
    assert "None attached" in progress
    statement = pdf_text(statement_pdf(statement_document(inspection=lewisham)))
    assert "None attached" not in statement
    # As at yesterday neither had been attached.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    then = statement_document(inspection=lewisham, progress=True, as_of=yesterday)
    assert not any(row.evidence for section in then.sections for row in section.rows)


@pytest.mark.django_db
def test_the_report_takes_the_same_number_of_queries_whatever_the_plan_holds(demo, lewisham):
    def queries() -> int:
        inspection = Inspection.objects.get(pk=lewisham.pk)
        with CaptureQueriesContext(connection) as captured:
            statement_html(statement_document(inspection=inspection, progress=True))
        return len(captured)

    before = queries()
    for action in lewisham.plan.findings.get(number=3).actions.all():
        services.progress_update_record(
            action=action,
            author=demo["health.officer"],
            rag="amber",
            narrative="Slipping a little.",
            rag_change_reason="Staff changes.",
            evidence_link="https://intranet.example.org/audit",
            expected_version=action.version,
        )
    assert queries() == before
