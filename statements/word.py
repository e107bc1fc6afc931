"""The written statement and the progress report as Word documents (.docx).

Built from the same StatementDocument as the PDF, in the same order
(templates/statement/document.html): a cover with the letter's facts beside the plan by
area for improvement (number, shortened words and counts) and the RAG key; the introduction
and governance; then the plan as one table whose header row repeats on every page, each
area for improvement a row leading its actions, no page forced between areas; the statement
ends with the sign-off block and what changed since the version sent before. The progress
report adds each action's status, latest update and evidence, and each area's RAG counts.
Partnerships paste these into board papers and edit them; the version recorded as sent to
Ofsted stays the frozen PDF.

The page, headings, tables and tags come from govuk.word; this module adds what RAG and
Overdue look like, which the meeting pack shares.
"""

from django.conf import settings
from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from actions.evidence_word import evidence_index_docx
from actions.rag import EMBEDDED_DEFINITION, RAG
from govuk.word import (
    TABLE_TEXT,
    Column,
    Tag,
    WordTable,
    WordWriter,
    cell_bullet,
    clean,
    cover,
    long_date,
    short_date,
    small,
    tag,
    truncate_chars,
    truncate_words,
)
from govuk.words import plural
from impact.selectors import AreaImpact
from impact.status import RULE_IN_WORDS
from statements.statement import ActionRow, Section, StatementDocument, statement_filename

# The word's colours on its background, as the PDF's tags (static/css/document.css):
# colour never stands alone.
RAG_COLOURS = {
    RAG.NOT_STARTED: ("0B0C0C", "E5E6E7"),
    RAG.RED: ("2A0B06", "F4CDC6"),
    RAG.AMBER: ("6E3619", "FCD6C3"),
    RAG.GREEN: ("005A30", "CCE2D8"),
    RAG.COMPLETE: ("0C2D4A", "BBD4EA"),
}
OVERDUE = Tag("Overdue", ink="942514", fill="FFFFFF")
# templates/includes/overdue_definition.html: actions.rag.is_overdue in words.
OVERDUE_DEFINITION = (
    "The target date has passed and the action is not complete, whatever its last status."
)
# The cover's columns, as the PDF's: the letter's facts, then the plan and the key.
COVER_COLUMNS = (43, 57)


def rag_tag(status: RAG, text: str | None = None) -> Tag:
    ink, fill = RAG_COLOURS[status]
    return Tag(text or status.label, ink=ink, fill=fill)


def rag_key(writer: WordWriter) -> None:
    """The RAG definitions and Overdue, as every exported document shows them, on one page."""
    columns = [Column("Status", 17), Column("What it means", 83)]
    table = writer.table(columns, caption="RAG key", compact=True)
    for status in RAG:
        status_cell, meaning = table.row()
        tag(status_cell.paragraphs[0], rag_tag(status))
        meaning.paragraphs[0].add_run(status.definition)
        if status == RAG.COMPLETE:  # Embedded qualifies Complete: the review found it held
            status_cell, meaning = table.row()
            tag(status_cell.paragraphs[0], rag_tag(status, "Embedded"))
            meaning.paragraphs[0].add_run(EMBEDDED_DEFINITION)
    status_cell, meaning = table.row()
    tag(status_cell.paragraphs[0], OVERDUE)
    meaning.paragraphs[0].add_run(OVERDUE_DEFINITION)
    table.keep_together()
    writer.end_table()


def statement_docx_filename(document: StatementDocument) -> str:
    return statement_filename(document).removesuffix(".pdf") + ".docx"


def statement_docx(document: StatementDocument) -> bytes:
    """The statement (or progress report) as a Word document, in the PDF's order."""
    inspection, plan = document.inspection, document.plan
    partnership = inspection.partnership
    writer = WordWriter(
        title=f"{document.title}: {partnership.local_area}",
        author=partnership.name,
        subject=f"{document.title} following the joint targeted area inspection of "
        f"{inspection.subject}",
        marking=plan.protective_marking,
        running=f"{document.title} – version {plan.statement_version}",
    )
    _statement_cover(writer, document)
    if plan.statement_introduction:
        writer.heading("Introduction", level=2)
        writer.text(plan.statement_introduction)
    if plan.statement_governance:
        writer.heading("Governance and monitoring arrangements", level=2)
        writer.text(plan.statement_governance)
    writer.heading("The plan: actions by area for improvement", level=2)
    if document.progress:
        rule = writer.paragraph()
        lead = rule.add_run("Each area's impact, apart from its delivery. ")
        lead.bold = True
        for run in (lead, rule.add_run(RULE_IN_WORDS)):
            run.font.size = Pt(8)
    _plan_table(writer, document)
    if document.evidence is not None:
        writer.heading("Evidence index", level=2)
        evidence_index_docx(writer, document.evidence, site_url=settings.SITE_URL)
    if not document.progress:
        _sign_off(writer, document)
        _what_changed(writer, document)
    return writer.to_bytes()


def _what_changed(writer: WordWriter, document: StatementDocument) -> None:
    """What changed since the version sent before, after the sign-off block as in the PDF."""
    comparison = document.what_changed
    if comparison is None:
        return
    writer.heading(comparison.heading, level=2)
    writer.text(comparison.summary)
    for line in comparison.lines:
        writer.bullet(line)


def _sign_off(writer: WordWriter, document: StatementDocument) -> None:
    """Each statutory partner, its lead and the day they approved, as the PDF ends."""
    writer.heading("Sign-off by the safeguarding partners", level=2)
    columns = [Column("Partner", 34), Column("Lead", 40), Column("Date approved", 26)]
    table = writer.table(columns, caption="Sign-off by the safeguarding partners", compact=True)
    for row in document.sign_off:
        partner, lead, approved = table.row()
        partner.paragraphs[0].add_run(clean(row.agency.name))
        if row.lead:
            job = f", {row.lead.job_title}" if row.lead.job_title else ""
            lead.paragraphs[0].add_run(clean(row.lead.get_full_name() + job))
        else:
            lead.paragraphs[0].add_run("Not nominated")
        approved.paragraphs[0].add_run(
            long_date(timezone.localdate(row.approval.approved_at))
            if row.approval
            else "Awaiting approval"
        )
    table.keep_together()
    writer.end_table()


def _statement_cover(writer: WordWriter, document: StatementDocument) -> None:
    inspection, plan = document.inspection, document.plan
    cover(
        writer,
        marking=plan.protective_marking,
        title=document.title,
        area=inspection.partnership.local_area,
        partnership=inspection.partnership.name,
    )
    writer.columns(*COVER_COLUMNS)
    writer.cover_heading("The inspection and its letter")
    facts = [("Inspection", f"Joint targeted area inspection of {inspection.subject}")]
    if inspection.theme:
        facts.append(("Deep-dive theme", str(inspection.theme)))
    inspected = (
        f"{long_date(inspection.onsite_start)} to {long_date(inspection.onsite_end)}"
        if inspection.onsite_start
        else "Not recorded"
    )
    inspectorates = "; ".join(
        f"{inspectorate.name} ({inspectorate.short_name})"
        for inspectorate in inspection.inspectorates.all()
    )
    facts += [
        ("Inspected", inspected),
        ("Inspectorates", inspectorates or "Not recorded"),
        ("Letter published", long_date(inspection.letter_date) or "Not recorded"),
        ("Statement due", long_date(inspection.statement_due) or "Not recorded"),
        ("Principal authority", inspection.principal_authority or "Not recorded"),
    ]
    if inspection.addressee_list:
        facts.append(("Addressed to", "\n".join(inspection.addressee_list)))
    facts.append(("Version", f"{plan.statement_version}, {long_date(document.generated_on)}"))
    if document.progress:
        facts.append(("Progress as at", long_date(document.as_of)))
    writer.facts(facts)

    writer.next_column()
    if document.progress:
        _progress_at_a_glance(writer, document)
    else:
        _plan_by_area(writer, document)
    writer.cover_heading("RAG key" if document.progress else "How progress will be reported")
    if not document.progress:
        writer.paragraph(
            "The partnership reports each action's status to its executive using these "
            "definitions.",
            size=9,
        ).paragraph_format.space_after = Pt(3)
    rag_key(writer)
    writer.end_columns()


def _area_label(cell_paragraph, section: Section) -> None:
    """The summary's name of an area: its number in bold and its first words."""
    cell_paragraph.add_run(f"{section.finding.number}.").bold = True
    cell_paragraph.add_run(" " + clean(truncate_words(section.finding.text, 7)))


def _plan_by_area(writer: WordWriter, document: StatementDocument) -> None:
    writer.cover_heading("The plan by area for improvement")
    columns = [
        Column("Area for improvement", 38),
        Column("Actions", 9, centred=True),
        Column("Lead", 41),
        Column("Last target date", 12, centred=True),
    ]
    table = writer.table(columns, caption="The plan by area for improvement", compact=True)
    for section in document.sections:
        area, count, leads, last = (cell.paragraphs[0] for cell in table.row())
        _area_label(area, section)
        count.add_run(str(len(section.rows)))
        leads.add_run(clean("; ".join(section.lead_agencies) or "None yet"))
        last_date = section.last_target_date
        last.add_run(f"{last_date:%b %Y}" if last_date else "None yet")
    area, count, _, _ = (cell.paragraphs[0] for cell in table.row())
    area.add_run("All areas")
    count.add_run(str(document.action_count)).bold = True
    writer.end_table()


def _progress_at_a_glance(writer: WordWriter, document: StatementDocument) -> None:
    writer.cover_heading("Progress at a glance")
    writer.paragraph(
        f"As at {long_date(document.as_of)}: {plural(document.action_count, 'action')} in the "
        f"plan, {document.overdue_count} overdue.",
        size=9,
    ).paragraph_format.space_after = Pt(3)
    columns = [Column("Area for improvement", 34)]
    columns += [Column(status.label, 11, centred=True) for status, _ in document.rag_totals]
    columns.append(Column("Overdue", 11, centred=True))
    table = writer.table(columns, caption="Actions of each RAG status in each area", compact=True)
    for section in document.sections:
        cells = table.row()
        _area_label(cells[0].paragraphs[0], section)
        counts = [count for _, count in section.rag_counts] + [section.overdue_count]
        for cell, count in zip(cells[1:], counts, strict=True):
            cell.paragraphs[0].add_run(str(count))
    cells = table.row()
    cells[0].paragraphs[0].add_run("All areas")
    totals = [count for _, count in document.rag_totals] + [document.overdue_count]
    for cell, count in zip(cells[1:], totals, strict=True):
        cell.paragraphs[0].add_run(str(count)).bold = True
    writer.end_table()


def _plan_table(writer: WordWriter, document: StatementDocument) -> None:
    """One table, as published plans are: each area for improvement leads its actions."""
    # The PDF's column widths (static/css/document.css), for the statement and the report.
    shares = [4, 19, 16, 9, 15] if document.progress else [4, 37, 19, 11, 29]
    headers = ["Ref.", "Action", "Lead", "Timescale", "Success measure / evidence of impact"]
    columns = [Column(header, share) for header, share in zip(headers, shares, strict=True)]
    columns += [Column(label, 10) for label in document.extra_columns]
    if document.progress:
        columns += [Column("Status", 8), Column("Latest update", 19), Column("Evidence", 10)]
    table = writer.table(columns, caption="The plan: actions by area for improvement")
    for section in document.sections:
        _area_row(table, document, section)
        for row in section.rows:
            _action_row(table, document, row)
        if not section.rows:
            empty = table.spanning_row().paragraphs[0]
            empty.add_run("No actions have been agreed for this area yet.")
    writer.end_table()


def _area_row(table: WordTable, document: StatementDocument, section: Section) -> None:
    """The area's row: Heading 3, so Word's navigation pane lists the areas, in the table's
    own small type; in the progress report its RAG counts follow, as tags."""
    finding = section.finding
    cell = table.group_row()
    heading = cell.paragraphs[0]
    heading.style = "Heading 3"
    heading.paragraph_format.space_before = Pt(1)
    heading.paragraph_format.space_after = Pt(1)
    # The PDF's area row: the number and "(area for priority action)" bold, then the words.
    priority = " (area for priority action)" if finding.is_priority else ""
    heading.add_run(f"Area for improvement {finding.number}{priority}:").font.size = Pt(9.5)
    words = heading.add_run(" " + clean(finding.text))
    words.bold = False
    words.font.size = Pt(9.5)
    # Only the statuses the area has, as the PDF's counts; nothing in the statement for Ofsted.
    counts = [rag_tag(status, f"{status.label}: {n}") for status, n in section.rag_counts if n]
    if document.progress and section.overdue_count:
        counts.append(Tag(f"Overdue: {section.overdue_count}", OVERDUE.ink, OVERDUE.fill))
    if counts:
        line = cell.add_paragraph(style=TABLE_TEXT)
        line.alignment = WD_ALIGN_PARAGRAPH.RIGHT  # as the PDF's, at the row's right
        line.paragraph_format.space_after = Pt(1)
        line.paragraph_format.keep_with_next = True
        for index, count in enumerate(counts):
            if index:
                line.add_run("  ")
            tag(line, count).font.size = Pt(8)
    if document.progress and section.impact is not None:
        _area_impact(cell, section.impact)


def _area_impact(cell, impact: AreaImpact) -> None:
    """The progress report's impact of an area, apart from its delivery: its status, and
    each measure's latest reading by the report's date, baseline and target."""
    line = cell.add_paragraph(style=TABLE_TEXT)
    line.paragraph_format.space_after = Pt(1)
    line.add_run(f"Impact, apart from delivery: {impact.label}.").bold = True
    for m in impact.measures:
        measure = m.measure
        latest = (
            f"latest {m.latest_in_words} on {short_date(m.latest_date)}"
            if m.latest_date
            else "no reading yet"
        )
        line.add_run().add_break()
        line.add_run(
            clean(
                f"{measure.name}: {latest}; baseline {m.baseline_in_words} on "
                f"{short_date(measure.baseline_date)}; target {m.target_in_words} by "
                f"{short_date(measure.target_date)}: {m.status.label}."
            )
        )


def _action_row(table: WordTable, document: StatementDocument, row: ActionRow) -> None:
    action = row.action
    cells = iter(table.row())
    reference = next(cells).paragraphs[0]
    reference.add_run(clean(action.reference)).bold = True
    next(cells).paragraphs[0].add_run(clean(action.description))
    lead = next(cells).paragraphs[0]
    lead.add_run(clean(action.lead_agency.name))
    if action.lead_officer:
        officer = action.lead_officer.get_full_name()
        if action.lead_officer.job_title:
            officer += f", {action.lead_officer.job_title}"
        small(lead, officer)
    timescale = next(cells).paragraphs[0]
    start = f"{action.start_date:%b %Y} to " if action.start_date else ""
    timescale.add_run(start + short_date(row.target_date))
    if row.target_date != action.original_target_date:
        small(timescale, f"Originally {short_date(action.original_target_date)}")
    next(cells).paragraphs[0].add_run(clean(action.success_measure))
    for value in row.extra:
        next(cells).paragraphs[0].add_run(clean(value))
    if not document.progress or row.rag is None:
        return
    status = next(cells).paragraphs[0]
    tag(status, rag_tag(row.rag))
    if row.overdue:
        status.add_run().add_break()
        tag(status, OVERDUE)
    update = next(cells).paragraphs[0]
    if row.latest_update:
        small(update, short_date(row.latest_update.date))
        update.add_run().add_break()
        update.add_run(clean(row.latest_update.narrative))
    else:
        small(update, "No update yet")
    evidence_cell = next(cells)
    evidence = evidence_cell.paragraphs[0]
    if not row.evidence:
        small(evidence, "None attached")
        return
    evidence.add_run(plural(len(row.evidence), "item"))
    for item in row.evidence[:3]:
        cell_bullet(evidence_cell, truncate_chars(str(item), 48))
    if len(row.evidence) > 3:
        more = evidence_cell.add_paragraph(style=TABLE_TEXT)
        small(more, f"and {len(row.evidence) - 3} more")
