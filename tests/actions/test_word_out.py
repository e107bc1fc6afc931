"""The written statement, the progress report and the meeting pack as Word documents: the
same content and order as the PDFs, in Word's headings, with repeating table headers, RAG
as words and the protective marking on every page."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn

from actions.models import Action
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from inspections.models import Inspection
from rounds.models import UpdateRound
from statements.statement import statement_document
from tests.actions.conftest import propose

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def lewisham(demo):
    inspection = Inspection.objects.get(partnership__slug="lewisham")
    plan = inspection.plan
    plan.statement_introduction = "The partnership accepts every finding.\n\nIt will report."
    plan.statement_governance = "The LSCP executive reviews this plan every two months."
    plan.protective_marking = "OFFICIAL-SENSITIVE"
    plan.save()
    return inspection


def download(client, url_name, inspection, params=None):
    response = client.get(reverse(url_name, args=[inspection.pk]), params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "attachment;" in response["Content-Disposition"]
    return response, Document(io.BytesIO(b"".join(response.streaming_content)))


def headings(word, level):
    return [p.text for p in word.paragraphs if p.style.name == f"Heading {level}"]


def cell_headings(word, level):
    """Headings inside tables: the plan table's area rows."""
    return [
        p.text
        for table in word.tables
        for row in table.rows
        for p in row.cells[0].paragraphs
        if p.style.name == f"Heading {level}"
    ]


def repeats_its_header(table) -> bool:
    properties = table.rows[0]._tr.trPr
    return properties is not None and properties.find(qn("w:tblHeader")) is not None


def never_splits(row) -> bool:
    properties = row._tr.trPr
    return properties is not None and properties.find(qn("w:cantSplit")) is not None


def action_tables(word):
    return [table for table in word.tables if table.rows[0].cells[0].text == "Ref."]


def table_headed(word, first_header):
    return next(table for table in word.tables if table.rows[0].cells[0].text == first_header)


def words(cell) -> str:
    # Tags keep their words on one line with no-break spaces; a reader sees spaces.
    return cell.text.replace("\u00a0", " ")


def is_group_row(row) -> bool:
    """A row of one cell across the table (python-docx gives the merged cell per column)."""
    return len({id(cell._tc) for cell in row.cells}) == 1


def body_rows(table):
    return [[words(cell) for cell in row.cells] for row in table.rows[1:]]


def plan_rows(table):
    """The plan table's rows: ("area", its text) for an area's row, else the cells."""
    return [
        ("area", words(row.cells[0])) if is_group_row(row) else [words(c) for c in row.cells]
        for row in table.rows[1:]
    ]


def action_rows(table):
    return [cells for cells in plan_rows(table) if cells[0] != "area"]


def running_text(word) -> str:
    section = word.sections[0]
    parts = [section.header, section.footer, section.first_page_footer]
    return " ".join(p.text for part in parts for p in part.paragraphs)


def area_heading(finding) -> str:
    priority = " (area for priority action)" if finding.is_priority else ""
    return f"Area for improvement {finding.number}{priority}: {finding.text}"


@pytest.mark.django_db
def test_the_statement_in_word_follows_the_pdf_with_every_action_in_order(client, demo, lewisham):
    client.force_login(demo["scrutineer"])
    response, word = download(client, "statements:statement_docx", lewisham)

    assert "written-statement-lewisham-" in response["Content-Disposition"]
    assert response["Content-Disposition"].rstrip('"').endswith(".docx")
    assert headings(word, 1) == ["Written statement of proposed action"]
    assert headings(word, 2) == [
        "The inspection and its letter",
        "The plan by area for improvement",
        "How progress will be reported",
        "Introduction",
        "Governance and monitoring arrangements",
        "The plan: actions by area for improvement",
        "Sign-off by the safeguarding partners",
        "What changed",
    ]
    text = "\n".join(p.text for p in word.paragraphs)
    assert "This is the first version of the statement sent to Ofsted." in text
    assert "The partnership accepts every finding." in text
    assert "It will report." in text
    assert f"Statement due\t{lewisham.statement_due:%-d %B %Y}" in text
    assert "Latest update" not in text  # the statement for Ofsted shows no RAG

    # The cover's plan by area: each area's number and first words, its count and leads.
    document = statement_document(inspection=lewisham)
    summary = body_rows(table_headed(word, "Area for improvement"))
    assert summary[:-1] == [
        [
            f"{section.finding.number}. {Truncator(section.finding.text).words(7, truncate=' …')}",
            str(len(section.rows)),
            "; ".join(section.lead_agencies) or "None yet",
            f"{section.last_target_date:%b %Y}",
        ]
        for section in document.sections
    ]
    assert summary[-1][:2] == ["All areas", str(document.action_count)]

    # One table: each area's row (a Heading 3 for the navigation pane) and then its
    # actions, in the PDF's order, the header repeating and no row splitting over a page.
    (table,) = action_tables(word)
    expected = []
    for section in document.sections:
        expected.append(("area", area_heading(section.finding)))
        expected += [(row.action.reference, row.action.description) for row in section.rows]
    found = [cells if cells[0] == "area" else (cells[0], cells[1]) for cells in plan_rows(table)]
    assert found == expected
    assert cell_headings(word, 3) == [area_heading(s.finding) for s in document.sections]
    assert [c.text for c in table.rows[0].cells] == [
        "Ref.",
        "Action",
        "Lead",
        "Timescale",
        "Success measure / evidence of impact",
    ]
    assert all(repeats_its_header(table) for table in word.tables)
    assert all(never_splits(row) for table in word.tables for row in table.rows)

    # Landscape pages like the PDF's, the marking at the top and foot of every page; the
    # cover in two columns, the plan on the pages after it.
    assert all(section.orientation == WD_ORIENT.LANDSCAPE for section in word.sections)
    assert all(section.page_width > section.page_height for section in word.sections)
    cover_title, cover_columns, plan_pages = word.sections
    assert cover_columns._sectPr.find(qn("w:cols")).get(qn("w:num")) == "2"
    assert plan_pages.start_type == WD_SECTION.NEW_PAGE
    assert running_text(word).count("OFFICIAL-SENSITIVE") == 3
    assert word.paragraphs[0].text == "OFFICIAL-SENSITIVE"  # the cover prints it itself
    assert word.core_properties.author == "Lewisham Safeguarding Children Partnership"
    assert word.core_properties.language == "en-GB"


@pytest.mark.django_db
def test_the_progress_report_in_word_gives_each_actions_rag_and_evidence_as_words(
    client, demo, lewisham
):
    client.force_login(demo["executive"])
    response, word = download(client, "statements:statement_docx", lewisham, {"progress": "1"})

    assert "progress-report-lewisham-" in response["Content-Disposition"]
    assert headings(word, 1) == ["Progress on the written statement of action"]
    assert headings(word, 2)[:3] == [
        "The inspection and its letter",
        "Progress at a glance",
        "RAG key",
    ]
    key = table_headed(word, "Status")
    assert [row[0] for row in body_rows(key)] == [*RAG.labels, "Embedded", "Overdue"]

    # The cover's progress at a glance: each area's RAG counts and overdue actions.
    document = statement_document(inspection=lewisham, progress=True)
    glance = body_rows(table_headed(word, "Area for improvement"))
    for section, cells in zip(document.sections, glance, strict=False):
        assert cells[0].startswith(f"{section.finding.number}. ")
        assert cells[1:] == [str(n) for _, n in section.rag_counts] + [str(section.overdue_count)]
    assert glance[-1][0] == "All areas"
    assert glance[-1][-1] == str(document.overdue_count)

    table, *evidence_index = action_tables(word)  # the plan, then the evidence index's areas
    assert [c.text for c in table.rows[0].cells][-3:] == ["Status", "Latest update", "Evidence"]
    assert "Evidence index" in headings(word, 2)
    assert evidence_index and all(t.rows[0].cells[1].text == "Evidence" for t in evidence_index)
    # Each area's row carries its RAG counts, as tags.
    areas = [cells[1] for cells in plan_rows(table) if cells[0] == "area"]
    for section, area in zip(document.sections, areas, strict=True):
        for status, count in section.rag_counts:
            assert (f"{status.label}: {count}" in area) == bool(count)
        assert (f"Overdue: {section.overdue_count}" in area) == bool(section.overdue_count)

    rows = [row for section in document.sections for row in section.rows]
    assert any(row.overdue for row in rows) and any(not row.overdue for row in rows)
    assert any(row.evidence for row in rows) and any(not row.evidence for row in rows)
    found = action_rows(table)
    assert len(found) == len(rows)
    for row, cells in zip(rows, found, strict=True):
        assert cells[0] == row.action.reference
        status, latest, evidence = cells[-3:]
        words = [row.rag.label, "Overdue"] if row.overdue else [row.rag.label]
        assert status.split("\n") == words
        if row.latest_update:
            assert row.latest_update.narrative in latest
        else:
            assert latest == "No update yet"
        if row.evidence:
            lines = evidence.split("\n")
            count = len(row.evidence)
            assert lines[0] == f"{count} item{'' if count == 1 else 's'}"
            assert lines[1] == Truncator(str(row.evidence[0])).chars(48)
        else:
            assert evidence == "None attached"


@pytest.mark.django_db
def test_the_progress_report_in_word_is_as_at_the_date_asked_for(client, demo, lewisham):
    client.force_login(demo["executive"])
    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    response, word = download(
        client,
        "statements:statement_docx",
        lewisham,
        {
            "progress": "1",
            "as_of_0": long_ago.day,
            "as_of_1": long_ago.month,
            "as_of_2": long_ago.year,
        },
    )

    assert f"progress-report-lewisham-{long_ago:%Y-%m-%d}.docx" in response["Content-Disposition"]
    text = "\n".join(p.text for p in word.paragraphs)
    assert f"Progress as at\t{long_ago:%-d %B %Y}" in text
    assert f"As at {long_ago:%-d %B %Y}: " in text
    row_11 = next(cells for cells in action_rows(action_tables(word)[0]) if cells[0] == "1.1")
    assert row_11[-3].startswith("Amber")  # as test_statement: the update of 75 days ago


@pytest.mark.django_db
def test_a_wrong_date_goes_back_to_the_preview_to_say_so(client, demo, lewisham):
    client.force_login(demo["executive"])
    bad = {"progress": "1", "as_of_0": "31", "as_of_1": "2", "as_of_2": "2026"}
    response = client.get(reverse("statements:statement_docx", args=[lewisham.pk]), bad)
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("statements:statement_preview", args=[lewisham.pk])
    )
    assert not AuditEvent.objects.filter(kind=EventKind.DOWNLOAD).exists()


@pytest.mark.django_db
def test_the_meeting_pack_in_word_has_the_pdfs_sections_in_order(client, demo, lewisham):
    findings = list(lewisham.plan.findings.order_by("number"))
    waiting = (
        Action.objects.current()
        .filter(finding__plan=lewisham.plan_id, rag=RAG.GREEN, closures__isnull=True)
        .order_by("position", "pk")
        .first()
    )
    propose(waiting, waiting.lead_officer)
    client.force_login(demo["executive"])

    response, word = download(client, "meetings:meeting_pack_docx", lewisham)

    assert "meeting-pack-lewisham-" in response["Content-Disposition"]
    assert headings(word, 1) == ["Meeting pack: the JTAI action plan"]
    assert headings(word, 2) == [
        "The meeting and the plan",
        "Update round",
        "RAG summary",
        "RAG key",
        "Decisions due and matters arising",
        "Areas for improvement: the executive's judgement",
        "Trend across meetings",
        "Highlight report",
        "Closures to agree",
        "Open challenges",
        "Sustainability reviews due",
        "Appendix: the whole plan",
        "Appendix: the evidence index",
    ]
    judged = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert "Not yet judged" in judged  # each area's judgement, as in the PDF
    # The cover names the meeting the demo's update round prepares.
    meeting = UpdateRound.objects.filter(plan=lewisham.plan).latest().meeting_date
    assert word.paragraphs[2].text == f"For the LSCP executive meeting on {meeting:%-d %B %Y}"
    summary = body_rows(table_headed(word, "Area for improvement"))
    assert [cells[0] for cells in summary] == [
        *(Truncator(f"{f.number}. {f.text}").words(8, truncate=" …") for f in findings),
        "All areas",
    ]
    assert "Moved to a worse status (0)" in headings(word, 3)
    assert all(repeats_its_header(table) for table in word.tables)
    text = "\n".join(p.text for p in word.paragraphs)
    assert "RAG status of the plan's actions at 2 meetings and today." in text

    exceptions = action_tables(word)[0]
    appendix = [
        table
        for table in action_tables(word)
        if [cell.text for cell in table.rows[0].cells][2:4] == ["Lead", "Target date"]
    ]
    current = Action.objects.filter(finding__plan=lewisham.plan_id).current()
    expected = {a.reference for a in current if a.rag == RAG.RED or a.is_overdue}
    assert {cells[0] for cells in body_rows(exceptions)} == expected
    for cells in body_rows(exceptions):
        assert cells[4].split("\n")[0] in {"Red", "Amber", "Green", "Not started"}
    # The closure to agree on its full evidence: its heading, then its facts.
    closure_at = headings(word, 3).index(f"{waiting.reference} {waiting.description}")
    assert closure_at > headings(word, 3).index("Changes since the last meeting")
    assert "Audit shows 95% of episodes followed up in 72 hours." in text
    assert waiting.success_measure in text
    # The appendix: every current action, in each area's table.
    assert sorted(cells[0] for table in appendix for cells in body_rows(table)) == sorted(
        a.reference for a in current
    )
    assert running_text(word).count("OFFICIAL-SENSITIVE") == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "params", "kind"),
    [
        ("statements:statement_docx", {}, "statement"),
        ("statements:statement_docx", {"progress": "1"}, "progress report"),
        ("meetings:meeting_pack_docx", {}, "meeting pack"),
    ],
)
def test_every_word_download_is_in_the_audit_trail(client, demo, lewisham, url_name, params, kind):
    client.force_login(demo["scrutineer"])
    download(client, url_name, lewisham, params)
    event = AuditEvent.objects.get(kind=EventKind.DOWNLOAD)
    assert event.user == demo["scrutineer"]
    assert event.partnership.slug == "lewisham"
    assert event.detail.startswith(f"{kind}: ")
    assert ".docx" in event.detail


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["statements:statement_docx", "meetings:meeting_pack_docx"])
def test_another_partnerships_plan_is_not_found(client, demo, url_name):
    northbrook = Inspection.objects.get(partnership__slug="northbrook")
    client.force_login(demo["manager"])
    assert client.get(reverse(url_name, args=[northbrook.pk])).status_code == 404
    assert not AuditEvent.objects.filter(kind=EventKind.DOWNLOAD).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "pdf_url_name", "params", "queries"),
    [
        # The statement's sign-off block: the statutory partners, their leads and approvals;
        # the version sent last, which the statement's what-changed compares it with.
        ("statements:statement_docx", "statements:statement_download", {}, 13),
        # The progress report's areas' measures with their latest readings by its date.
        # ... and its evidence index (the items, the areas).
        ("statements:statement_docx", "statements:statement_download", {"progress": "1"}, 14),
        # The pack's cover (members, attendance), matters arising, asks, closures with their
        # evidence and updates, challenges and the whole plan's appendix; the actions of
        # the demo's decisions outstanding; the areas' measures with their latest readings;
        # the sustainability reviews due and the evidence index (its items, its areas); the
        # target dates decided or awaiting a decision, and the supporting agencies'
        # contributions (issue 18).
        ("meetings:meeting_pack_docx", "meetings:meeting_pack_download", {}, 35),
    ],
)
def test_the_word_document_reads_what_the_pdf_reads_in_a_fixed_number_of_queries(
    client, demo, lewisham, django_assert_num_queries, url_name, pdf_url_name, params, queries
):
    client.force_login(demo["scrutineer"])
    with django_assert_num_queries(queries):
        download(client, url_name, lewisham, params)
    with CaptureQueriesContext(connection) as pdf:
        client.get(reverse(pdf_url_name, args=[lewisham.pk]), params)
    assert len(pdf) == queries  # the same data objects as the PDF, read the same way


@pytest.mark.django_db
def test_the_previews_offer_the_word_documents_beside_the_pdfs(client, demo, lewisham):
    client.force_login(demo["executive"])
    statement = client.get(reverse("statements:statement_preview", args=[lewisham.pk]))
    progress = client.get(
        reverse("statements:statement_preview", args=[lewisham.pk]), {"progress": "1"}
    )
    pack = client.get(reverse("meetings:meeting_pack", args=[lewisham.pk]))
    dashboard = client.get(reverse("meetings:dashboard", args=[lewisham.pk]))

    docx = reverse("statements:statement_docx", args=[lewisham.pk])
    assert f'href="{docx}" download>Download as Word (.docx)</a>' in statement.content.decode()
    assert f'href="{docx}?progress=1" download>' in progress.content.decode()
    assert "The version recorded as sent to Ofsted is always the PDF" in (
        statement.content.decode()
    )
    pack_docx = reverse("meetings:meeting_pack_docx", args=[lewisham.pk])
    for page in (pack, dashboard):
        assert f'href="{pack_docx}" download>Download as Word (.docx)' in page.content.decode()
