"""The written statement and the progress report as Word documents (.docx).

Built from the same StatementDocument as the PDF, in the same order: the cover, the
introduction and governance, (the progress at a glance,) the RAG key, then each area for
improvement on a page of its own with its actions. Partnerships paste these into board
papers and edit them; the version recorded as sent to Ofsted stays the frozen PDF.

`WordWriter` writes what every exported Word document shares (A4 landscape pages, the
protective marking in the header and footer, Heading 1/2/3 so Word's navigation pane and
screen readers find the structure, table header rows that repeat on every page, RAG as a
word on its colour); the meeting pack uses it too.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.text import Truncator
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from actions.rag import RAG
from statements.statement import ActionRow, StatementDocument, statement_filename

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The PDF's page (static/css/document.css): A4 landscape, 22 mm top, 16 mm sides, 20 mm foot.
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
TEXT_WIDTH = Mm(297 - 2 * 16)
FONT = "Arial"  # Source Sans 3 is embedded in the PDF; Word would substitute it anyway
INK = RGBColor(0x0B, 0x0C, 0x0C)
SECONDARY = RGBColor(0x50, 0x5A, 0x5F)
HEADER_FILL = "F3F2F1"
BORDER = "B1B4B6"
OVERDUE = "overdue"
# The word's colours on its background, as the PDF's tags: colour never stands alone.
TAG_COLOURS = {
    RAG.NOT_STARTED: ("0B0C0C", "E5E6E7"),
    RAG.RED: ("2A0B06", "F4CDC6"),
    RAG.AMBER: ("6E3619", "FCD6C3"),
    RAG.GREEN: ("005A30", "CCE2D8"),
    RAG.COMPLETE: ("0C2D4A", "BBD4EA"),
    OVERDUE: ("942514", "FFFFFF"),
}
OVERDUE_DEFINITION = (
    "The target date has passed and the action is not complete, whatever its last status."
)
# Characters XML 1.0 cannot hold (text pasted from other systems sometimes carries them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What may follow a paragraph's border in its properties (the schema's order).
_AFTER_PBDR = [
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap"),
    *("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi"),
    *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
    *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"),
    "w:pPrChange",
]


def clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def long_date(day: datetime.date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""


def short_date(day: datetime.date | None) -> str:
    """As "j M Y", kept on one line in a narrow column."""
    return f"{day:%-d\u00a0%b\u00a0%Y}" if day else ""


def truncate_words(text: str, count: int) -> str:
    """Django's truncatewords, as the PDF's templates use it."""
    return Truncator(text).words(count, truncate=" …")


@dataclass
class Column:
    header: str
    share: float  # of the text width, as the PDF's column widths
    centred: bool = False  # counts, as the PDF's summary tables


class WordWriter:
    """One Word document, written top to bottom."""

    def __init__(self, *, title: str, author: str, subject: str, marking: str, running: str):
        self.document = Document()
        self._new_page = False
        properties = self.document.core_properties
        properties.title = title
        properties.author = author
        properties.subject = subject
        properties.language = "en-GB"
        properties.comments = "Made by JTAI action plans"
        self._set_styles()
        self._set_page(author=author, marking=marking, running=running)

    # The page ------------------------------------------------------------------------

    def _set_styles(self) -> None:
        styles = self.document.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), "en-GB")  # spelling and screen readers speak British English
        _plain_font(styles["Normal"], size=10.5, bold=False)
        styles["Normal"].paragraph_format.space_after = Pt(7)
        styles["Normal"].paragraph_format.line_spacing = 1.15
        for name, size, before in (
            ("Heading 1", 28, 14),
            ("Heading 2", 17, 12),
            ("Heading 3", 13, 10),
        ):
            style = styles[name]
            _plain_font(style, size=size, bold=True)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(6)
        for name in ("List Bullet", "Header", "Footer"):
            _plain_font(styles[name], size=None, bold=None)

    def _set_page(self, *, author: str, marking: str, running: str) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = Mm(22), Mm(20)
        section.left_margin = section.right_margin = Mm(16)
        section.header_distance, section.footer_distance = Mm(9), Mm(8)
        # The cover prints the marking itself and keeps only the footer's marking and page
        # number, as the PDF's cover page does.
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False  # an empty header of its own
        self._running_line(section.header.paragraphs[0], left=author, right=marking)
        self._running_line(section.footer.paragraphs[0], left=running, centre=marking, page=True)
        self._running_line(section.first_page_footer.paragraphs[0], centre=marking, page=True)

    def _running_line(
        self,
        paragraph: Paragraph,
        *,
        left: str = "",
        centre: str = "",
        right: str = "",
        page: bool = False,
    ) -> None:
        paragraph.style = self.document.styles["Normal"]
        paragraph.paragraph_format.space_after = Pt(0)
        stops = paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(Emu(TEXT_WIDTH // 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        _small(paragraph.add_run(clean(left)))
        paragraph.add_run("\t")
        marking = paragraph.add_run(clean(centre))
        marking.bold = True
        marking.font.size = Pt(9)
        paragraph.add_run("\t")
        if right:
            run = paragraph.add_run(clean(right))
            run.bold = True
            run.font.size = Pt(9)
        if page:
            _small(paragraph.add_run("Page "))
            _field(paragraph, "PAGE")
            _small(paragraph.add_run(" of "))
            _field(paragraph, "NUMPAGES")

    def new_page(self) -> None:
        """The next heading starts a page (a page break before it, not an empty line)."""
        self._new_page = True

    # Text ----------------------------------------------------------------------------

    def heading(self, text: str, *, level: int) -> Paragraph:
        paragraph = self.document.add_heading(clean(text), level=level)
        if self._new_page:
            paragraph.paragraph_format.page_break_before = True
            self._new_page = False
        return paragraph

    def paragraph(
        self, text: str = "", *, bold: bool = False, size: float | None = None
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if text:
            run = paragraph.add_run(clean(text))
            run.bold = bold or None
            if size:
                run.font.size = Pt(size)
        return paragraph

    def text(self, text: str) -> None:
        """Text people wrote, as the PDF's linebreaks: a blank line starts a paragraph."""
        for block in re.split(r"\n\s*\n", clean(text).replace("\r\n", "\n").strip()):
            self.paragraph(block)

    def facts(self, facts: Iterable[tuple[str, str]]) -> None:
        """A cover's list of facts: each term in bold, its value beside it."""
        for term, value in facts:
            paragraph = self.document.add_paragraph()
            form = paragraph.paragraph_format
            form.left_indent, form.first_line_indent = Mm(50), Mm(-50)
            form.tab_stops.add_tab_stop(Mm(50))
            form.space_after = Pt(2)
            paragraph.add_run(clean(term)).bold = True
            paragraph.add_run("\t" + clean(value))

    def bullet(self, text: str) -> Paragraph:
        paragraph = self.document.add_paragraph(clean(text), style="List Bullet")
        paragraph.paragraph_format.space_after = Pt(2)
        return paragraph

    def rag_tags(self, paragraph: Paragraph, counts: Sequence[tuple[RAG, int]]) -> None:
        for status, count in counts:
            if count:
                tag(paragraph, status, f"{status.label}: {count}")
                paragraph.add_run("  ")

    # Tables --------------------------------------------------------------------------

    def table(self, columns: Sequence[Column], *, caption: str) -> "WordTable":
        """A table whose header row repeats at the top of every page it runs onto."""
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _table_look(table, caption=caption)
        total = sum(column.share for column in columns)
        widths = [Emu(int(TEXT_WIDTH * column.share / total)) for column in columns]
        for grid_column, width in zip(table.columns, widths, strict=True):
            grid_column.width = width
        table_width = table._tbl.tblPr.find(qn("w:tblW"))
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(sum(widths) // 635))  # EMU to twentieths of a point
        header = table.rows[0]
        _row_property(header, "w:cantSplit")
        _row_property(header, "w:tblHeader")
        for cell, column, width in zip(header.cells, columns, widths, strict=True):
            cell.width = width
            _shade(cell, HEADER_FILL)
            _tidy(cell)
            cell.paragraphs[0].add_run(clean(column.header)).bold = True
            if column.centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return WordTable(table, widths, list(columns))

    def end_table(self) -> None:
        """A little space after a table (Word otherwise runs the next paragraph into it)."""
        self.document.add_paragraph().paragraph_format.space_after = Pt(4)

    def rag_key(self) -> None:
        """The RAG definitions and Overdue, as every exported document shows them."""
        table = self.table([Column("Status", 18), Column("What it means", 82)], caption="RAG key")
        for status in RAG:
            status_cell, meaning = table.row()
            tag(status_cell.paragraphs[0], status, status.label)
            meaning.paragraphs[0].add_run(status.definition)
        status_cell, meaning = table.row()
        tag(status_cell.paragraphs[0], OVERDUE, "Overdue")
        meaning.paragraphs[0].add_run(OVERDUE_DEFINITION)
        # The key stays on one page, as in the PDF: each row keeps with the next.
        for row in table.table.rows[:-1]:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        self.end_table()

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


@dataclass
class WordTable:
    table: Table
    widths: list[Emu]
    columns: list[Column]

    def row(self) -> list[_Cell]:
        """A new row that stays on one page, as the PDF's rows do."""
        row = self.table.add_row()
        _row_property(row, "w:cantSplit")
        cells = row.cells
        for cell, width, column in zip(cells, self.widths, self.columns, strict=True):
            cell.width = width
            _tidy(cell)
            if column.centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return cells


# Pieces of a paragraph -------------------------------------------------------------------


def tag(paragraph: Paragraph, status: RAG | str, text: str) -> Run:
    """A RAG status as the PDF shows it: the word, bold, boxed, on its colour."""
    ink, fill = TAG_COLOURS[status]
    run = paragraph.add_run(clean(text))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(ink)
    properties = run._r.get_or_add_rPr()
    border = OxmlElement("w:bdr")
    for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", ink)):
        border.set(qn(f"w:{name}"), value)
    properties.append(border)
    properties.append(_shading(fill))
    return run


def small(paragraph: Paragraph, text: str, *, new_line: bool = True) -> Run:
    """A note in smaller, grey text, on a line of its own unless told otherwise."""
    if new_line and paragraph.runs:
        paragraph.add_run().add_break()
    return _small(paragraph.add_run(clean(text)))


def _small(run: Run) -> Run:
    run.font.size = Pt(9)
    run.font.color.rgb = SECONDARY
    return run


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word fills in when it lays out the page (PAGE, NUMPAGES): begin, the
    instruction, separate, the text shown until it is updated, end."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        _small(paragraph.add_run())._r.append(element)

    char("begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    _small(paragraph.add_run())._r.append(code)
    char("separate")
    _small(paragraph.add_run("1"))
    char("end")


def _plain_font(style: ParagraphStyle, *, size: float | None, bold: bool | None) -> None:
    """The style in the document's font and ink, with the template's theme fonts and
    blue heading colour taken off (a theme font would win over the named one)."""
    properties = style.element.get_or_add_rPr()
    for fonts in properties.findall(qn("w:rFonts")):
        properties.remove(fonts)
    for colour in properties.findall(qn("w:color")):
        properties.remove(colour)
    style.font.name = FONT
    style.font.color.rgb = INK
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold


def _shading(fill: str) -> OxmlElement:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    return shading


def _shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(_shading(fill))


def _tidy(cell: _Cell) -> None:
    cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    cell.paragraphs[0].paragraph_format.line_spacing = 1.05


def _row_property(row, name: str) -> None:
    # cantSplit comes before tblHeader in a row's properties; both are added in that order.
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _table_look(table: Table, *, caption: str) -> None:
    """Grey borders like the PDF's, a little padding, and a title for screen readers."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", BORDER)):
            line.set(qn(f"w:{name}"), value)
        borders.append(line)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", 57), ("left", 85), ("bottom", 57), ("right", 85)):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    # The schema's order: tblW, jc, tblBorders, shd, tblLayout, tblCellMar, tblLook, tblCaption.
    properties.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption"
    )
    properties.insert_element_before(margins, "w:tblLook", "w:tblCaption")
    title = OxmlElement("w:tblCaption")
    title.set(qn("w:val"), clean(caption)[:255])
    properties.append(title)


def _left_rule(paragraph: Paragraph, colour: str = "1D70B8") -> None:
    """The blue rule beside a finding's words, as in the PDF."""
    border = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for name, value in (("val", "single"), ("sz", "32"), ("space", "8"), ("color", colour)):
        left.set(qn(f"w:{name}"), value)
    border.append(left)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)


def cover(writer: WordWriter, *, marking: str, title: str, area: str, partnership: str) -> None:
    """The top of a cover page: marking, title (Heading 1), area and partnership."""
    if marking:
        run = writer.paragraph().add_run(clean(marking))
        run.bold = True
        run.font.size = Pt(11)
    writer.heading(title, level=1).paragraph_format.space_before = Pt(40)
    writer.paragraph(area, size=17).paragraph_format.space_after = Pt(2)
    partnership_line = writer.paragraph()
    partnership_line.paragraph_format.space_after = Pt(24)
    run = partnership_line.add_run(clean(partnership))
    run.font.size = Pt(13)
    run.font.color.rgb = SECONDARY


# The statement and the progress report ---------------------------------------------------


def statement_docx_filename(document: StatementDocument) -> str:
    return statement_filename(document).removesuffix(".pdf") + ".docx"


def statement_docx(document: StatementDocument) -> bytes:
    """The statement (or progress report) as a Word document, section by section as the PDF."""
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
    writer.new_page()
    if plan.statement_introduction:
        writer.heading("Introduction", level=2)
        writer.text(plan.statement_introduction)
    if plan.statement_governance:
        writer.heading("Governance and monitoring arrangements", level=2)
        writer.text(plan.statement_governance)
    if document.progress:
        _progress_at_a_glance(writer, document)
    writer.heading("RAG key" if document.progress else "How progress will be reported", level=2)
    if not document.progress:
        writer.paragraph(
            "The partnership reports each action's status to its executive using these definitions."
        )
    writer.rag_key()
    for section in document.sections:
        writer.new_page()
        writer.heading(f"Area for improvement {section.finding.number}", level=2)
        if section.finding.is_priority:
            writer.paragraph("Area for priority action", bold=True)
        finding = writer.paragraph(section.finding.text, size=12.5)
        _left_rule(finding)
        finding.paragraph_format.left_indent = Mm(3)
        finding.paragraph_format.space_after = Pt(10)
        if document.progress:
            writer.rag_tags(writer.paragraph(), section.rag_counts)
        if section.rows:
            _actions_table(writer, document, section.finding.number, section.rows)
        else:
            writer.paragraph("No actions have been agreed for this area yet.")
    return writer.to_bytes()


def _statement_cover(writer: WordWriter, document: StatementDocument) -> None:
    inspection, plan = document.inspection, document.plan
    cover(
        writer,
        marking=plan.protective_marking,
        title=document.title,
        area=inspection.partnership.local_area,
        partnership=inspection.partnership.name,
    )
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


def _progress_at_a_glance(writer: WordWriter, document: StatementDocument) -> None:
    writer.heading("Progress at a glance", level=2)
    writer.paragraph(
        f"As at {long_date(document.as_of)}: {document.action_count} "
        f"action{'' if document.action_count == 1 else 's'} in the plan, "
        f"{document.overdue_count} overdue."
    )
    columns = [Column("Area for improvement", 30)]
    columns += [Column(status.label, 14, centred=True) for status, _ in document.rag_totals]
    table = writer.table(columns, caption="Actions of each RAG status in each area")
    for section in document.sections:
        cells = table.row()
        cells[0].paragraphs[0].add_run(str(section.finding.number))
        for cell, (_, count) in zip(cells[1:], section.rag_counts, strict=True):
            cell.paragraphs[0].add_run(str(count))
    cells = table.row()
    cells[0].paragraphs[0].add_run("All areas")
    for cell, (_, count) in zip(cells[1:], document.rag_totals, strict=True):
        cell.paragraphs[0].add_run(str(count)).bold = True
    writer.end_table()


def _actions_table(
    writer: WordWriter, document: StatementDocument, number: int, rows: list[ActionRow]
) -> None:
    # The PDF's column widths (static/css/document.css), for the statement and the report.
    shares = [5, 24, 16, 10, 17] if document.progress else [5, 39, 16, 10, 30]
    headers = ["Ref.", "Action", "Lead", "Timescale", "Success measure / evidence of impact"]
    columns = [Column(header, share) for header, share in zip(headers, shares, strict=True)]
    columns += [Column(label, 12) for label in document.extra_columns]
    if document.progress:
        columns += [Column("Status", 9), Column("Latest update", 20)]
    table = writer.table(columns, caption=f"Actions for area for improvement {number}")
    for row in rows:
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
        if document.progress and row.rag is not None:
            status = next(cells).paragraphs[0]
            tag(status, row.rag, row.rag.label)
            if row.overdue:
                status.add_run().add_break()
                tag(status, OVERDUE, "Overdue")
            update = next(cells).paragraphs[0]
            if row.latest_update:
                small(update, short_date(row.latest_update.date))
                update.add_run().add_break()
                update.add_run(clean(row.latest_update.narrative))
            else:
                small(update, "No update yet")
    writer.end_table()
