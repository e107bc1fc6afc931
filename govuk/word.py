"""Writes the service's documents as Word (.docx), beside govuk/pdf.py's PDFs.

What every exported Word document shares: A4 landscape pages as the PDF's
(static/css/document.css), the protective marking in the header and footer, Heading 1/2/3
so Word's navigation pane and screen readers find the structure, a cover whose facts and
summary sit side by side in two columns, table header rows that repeat on every page, rows
that never split across pages, and tags: a word, bold and boxed, on its colour.

It knows nothing of the apps above it: a document passes in its words, its marking and the
colours of its tags.
"""

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.text import Truncator
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The PDF's page: A4 landscape, the running header and footer in the margins.
PAGE_WIDTH, PAGE_HEIGHT = Mm(297), Mm(210)
SIDE_MARGIN = Mm(12)
TEXT_WIDTH = Emu(PAGE_WIDTH - 2 * SIDE_MARGIN)
COLUMN_GAP = Mm(8)  # between the cover's two columns
TERM_WIDTH = Mm(33)  # of a cover's fact's term, its value beside it
FONT = "Arial"  # Source Sans 3 is embedded in the PDF; Word would substitute it anyway
INK = RGBColor(0x0B, 0x0C, 0x0C)
SECONDARY = RGBColor(0x50, 0x5A, 0x5F)
HEADER_FILL = "F3F2F1"
GROUP_FILL = "E8F1F8"
RULE = "1D70B8"  # the blue of the cover's headings and of a group row's edge
BORDER = "B1B4B6"
TABLE_TEXT = "Table text"  # the paragraph style of every table cell
COVER_TABLE_TEXT = "Cover table text"  # smaller, as the PDF's cover tables
CELL_MARGIN = 85  # twentieths of a point each side of a cell's text (3pt, as the PDF's 4pt)
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
# What may follow a cell's borders in its properties (the schema's order).
_AFTER_TCBORDERS = [
    *("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign"),
    *("w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange"),
]


def clean(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def long_date(day: datetime.date | None) -> str:
    """As the templates' "j F Y"."""
    return f"{day:%-d %B %Y}" if day else ""


def short_date(day: datetime.date | None) -> str:
    """As "j M Y", kept on one line in a narrow column."""
    return f"{day:%-d\u00a0%b\u00a0%Y}" if day else ""


def truncate_words(text: str, count: int) -> str:
    """Django's truncatewords, as the PDF's templates use it."""
    return Truncator(text).words(count, truncate=" …")


def truncate_chars(text: str, count: int) -> str:
    """Django's truncatechars: at most `count` characters, the ellipsis included."""
    return Truncator(text).chars(count)


@dataclass
class Column:
    header: str
    share: float  # of the table's width, as the PDF's column widths
    centred: bool = False  # counts, as the PDF's summary tables


@dataclass
class Tag:
    """A status shown as the PDF's tags show it: its word on its colours."""

    text: str
    ink: str  # hex, as "0B0C0C"
    fill: str


class WordWriter:
    """One Word document, written top to bottom."""

    def __init__(self, *, title: str, author: str, subject: str, marking: str, running: str):
        self.document = Document()
        self._new_page = False
        self.width = TEXT_WIDTH  # of the column being written: the page's, or a cover column's
        self._column_widths: list[Length] = []
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
        _plain_font(styles["Normal"], size=10, bold=False)
        styles["Normal"].paragraph_format.space_after = Pt(6)
        styles["Normal"].paragraph_format.line_spacing = 1.1
        for name, size, before in (
            ("Heading 1", 21, 0),
            ("Heading 2", 15, 12),
            ("Heading 3", 12, 10),
        ):
            style = styles[name]
            _plain_font(style, size=size, bold=True)
            style.paragraph_format.space_before = Pt(before)
            style.paragraph_format.space_after = Pt(5)
        for name in ("List Bullet", "Header", "Footer"):
            _plain_font(styles[name], size=None, bold=None)
        table_text = styles.add_style(TABLE_TEXT, 1)  # 1: a paragraph style
        table_text.base_style = styles["Normal"]
        table_text.font.size = Pt(9)
        table_text.paragraph_format.space_after = Pt(0)
        table_text.paragraph_format.line_spacing = 1.05
        cover_text = styles.add_style(COVER_TABLE_TEXT, 1)
        cover_text.base_style = table_text
        cover_text.font.size = Pt(8)
        cover_text.paragraph_format.line_spacing = 1.0

    def _set_page(self, *, author: str, marking: str, running: str) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = Mm(17), Mm(16)
        section.left_margin = section.right_margin = SIDE_MARGIN
        section.header_distance, section.footer_distance = Mm(8), Mm(7)
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

    def columns(self, *shares: float) -> None:
        """What follows is set in columns side by side, as the PDF's cover, until
        end_columns(): the first column's, then next_column() for the next one's."""
        gap = int(COLUMN_GAP)
        usable = int(TEXT_WIDTH) - gap * (len(shares) - 1)
        self._column_widths = [Emu(int(usable * share / sum(shares))) for share in shares]
        section = self.document.add_section(WD_SECTION.CONTINUOUS)
        _set_columns(section, self._column_widths, gap=gap)
        self._flatten_section_break()
        self.width = self._column_widths.pop(0)

    def next_column(self) -> None:
        # The break's paragraph carries on at the top of the next column: a point high.
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(1)
        paragraph.add_run().add_break(WD_BREAK.COLUMN)
        self.width = self._column_widths.pop(0)

    def end_columns(self) -> None:
        """Back to the page's one column, on a new page: the cover ends here."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        _set_columns(section, [TEXT_WIDTH], gap=0)
        section.different_first_page_header_footer = False  # the running header from here
        self._flatten_section_break()
        self.width = TEXT_WIDTH
        self._new_page = False

    def _flatten_section_break(self) -> None:
        """The empty paragraph that holds the ended section's properties: a point high."""
        paragraph = self.document.paragraphs[-1]
        paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = 0
        paragraph.paragraph_format.line_spacing = Pt(1)

    # Text ----------------------------------------------------------------------------

    def heading(self, text: str, *, level: int) -> Paragraph:
        paragraph = self.document.add_heading(clean(text), level=level)
        if self._new_page:
            paragraph.paragraph_format.page_break_before = True
            self._new_page = False
        return paragraph

    def cover_heading(self, text: str) -> Paragraph:
        """A heading on a cover: Heading 2, smaller, over a blue rule, as the PDF's."""
        first = self._first_in_column()
        paragraph = self.heading(text, level=2)
        paragraph.paragraph_format.space_before = Pt(0 if first else 9)
        paragraph.paragraph_format.space_after = Pt(4)
        for run in paragraph.runs:
            run.font.size = Pt(12)
        _rule(paragraph, "bottom", size=12, space=2)
        return paragraph

    def _first_in_column(self) -> bool:
        body = self.document.element.body
        previous = body[-2] if len(body) > 1 else None  # the last is the section's properties
        if previous is None or previous.tag != qn("w:p"):
            return False
        return bool(previous.xpath(".//w:br[@w:type='column'] | ./w:pPr/w:sectPr"))

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

    def facts(self, facts: Iterable[tuple[str, str]], *, term_width: Length = TERM_WIDTH) -> None:
        """A cover's list of facts: each term in bold, its value beside it."""
        for term, value in facts:
            paragraph = self.document.add_paragraph()
            form = paragraph.paragraph_format
            form.left_indent, form.first_line_indent = term_width, -term_width
            form.tab_stops.add_tab_stop(term_width)
            form.space_after = Pt(2)
            form.line_spacing = 1.05
            term_run = paragraph.add_run(clean(term))
            term_run.bold = True
            term_run.font.size = Pt(9)
            paragraph.add_run("\t" + clean(value)).font.size = Pt(9)

    def bullet(self, text: str) -> Paragraph:
        paragraph = self.document.add_paragraph(clean(text), style="List Bullet")
        paragraph.paragraph_format.space_after = Pt(2)
        return paragraph

    # Tables --------------------------------------------------------------------------

    def table(
        self, columns: Sequence[Column], *, caption: str, compact: bool = False
    ) -> "WordTable":
        """A table as wide as the column it is in, whose header row repeats at the top of
        every page it runs onto; `compact` in the cover's smaller type."""
        style = COVER_TABLE_TEXT if compact else TABLE_TEXT
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        _table_look(table, caption=caption, padding=20 if compact else 40)
        total = sum(column.share for column in columns)
        widths = [Emu(int(self.width * column.share / total)) for column in columns]
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
            _cell_look(cell, fill=HEADER_FILL)
            _tidy(cell, style)
            cell.paragraphs[0].add_run(clean(column.header)).bold = True
            if column.centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return WordTable(table, widths, list(columns), style)

    def end_table(self, *, space: float = 4) -> None:
        """A little space after a table (Word otherwise runs the next paragraph into it)."""
        paragraph = self.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(space)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


@dataclass
class WordTable:
    table: Table
    widths: list[Length]
    columns: list[Column]
    style: str = TABLE_TEXT

    def row(self) -> list[_Cell]:
        """A new row that stays on one page, as the PDF's rows do."""
        row = self._new_row()
        cells = row.cells
        for cell, width, column in zip(cells, self.widths, self.columns, strict=True):
            cell.width = width
            _tidy(cell, self.style)
            if column.centred:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return cells

    def group_row(self) -> _Cell:
        """A row across the whole table that leads a group of rows, as the PDF's area rows:
        shaded, with a blue edge, kept on the page of the row after it (keep_with_next on
        each of its paragraphs, which the caller adds)."""
        row = self._new_row()
        cell = row.cells[0].merge(row.cells[-1])
        cell.width = Emu(sum(self.widths))
        _cell_look(cell, fill=GROUP_FILL, left_rule=True)
        _tidy(cell, self.style)
        return cell

    def spanning_row(self) -> _Cell:
        """A row of one cell across the table (a group with nothing in it says so)."""
        row = self._new_row()
        cell = row.cells[0].merge(row.cells[-1])
        cell.width = Emu(sum(self.widths))
        _tidy(cell, self.style)
        return cell

    def keep_together(self) -> None:
        """The whole table on one page, as the PDF's RAG key: each row keeps with the next."""
        for row in self.table.rows[:-1]:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True

    def _new_row(self) -> _Row:
        row = self.table.add_row()
        _row_property(row, "w:cantSplit")
        return row


# Pieces of a paragraph -------------------------------------------------------------------


def tag(paragraph: Paragraph, status: Tag) -> Run:
    """A status as the PDF shows it: the word, bold, boxed, on its colour, on one line
    (its spaces do not break)."""
    run = paragraph.add_run(clean(status.text).replace(" ", "\u00a0"))
    run.bold = True
    run.font.color.rgb = RGBColor.from_string(status.ink)
    properties = run._r.get_or_add_rPr()
    border = OxmlElement("w:bdr")
    for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", status.ink)):
        border.set(qn(f"w:{name}"), value)
    properties.append(border)
    properties.append(_shading(status.fill))
    return run


def small(paragraph: Paragraph, text: str, *, new_line: bool = True) -> Run:
    """A note in smaller, grey text, on a line of its own unless told otherwise."""
    if new_line and paragraph.runs:
        paragraph.add_run().add_break()
    return _small(paragraph.add_run(clean(text)))


def hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A link a reader can open from the document, underlined in the GOV.UK link colour
    so it is not told by colour alone. python-docx has no call for it: the run sits inside
    a w:hyperlink that names an external relationship of the part."""
    relationship = paragraph.part.relate_to(
        url,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    content = OxmlElement("w:t")
    content.text = clean(text)
    content.set(qn("xml:space"), "preserve")
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


# GOV.UK's link colour.
LINK_COLOUR = "1D70B8"


def cell_bullet(cell: _Cell, text: str) -> Paragraph:
    """An item of a short list inside a table cell, as the PDF's evidence list."""
    paragraph = cell.add_paragraph(style="List Bullet")
    form = paragraph.paragraph_format
    form.left_indent, form.first_line_indent = Mm(3), Mm(-3)
    form.space_after = Pt(0)
    form.line_spacing = 1.0
    paragraph.add_run(clean(text)).font.size = Pt(8)
    return paragraph


def cover(writer: WordWriter, *, marking: str, title: str, area: str, partnership: str) -> None:
    """The top of a cover page: marking, title (Heading 1), what it is for, partnership."""
    if marking:
        run = writer.paragraph().add_run(clean(marking))
        run.bold = True
        run.font.size = Pt(11)
    writer.heading(title, level=1).paragraph_format.space_after = Pt(2)
    writer.paragraph(area, size=13).paragraph_format.space_after = Pt(0)
    partnership_line = writer.paragraph()
    partnership_line.paragraph_format.space_after = Pt(12)
    run = partnership_line.add_run(clean(partnership))
    run.font.size = Pt(11)
    run.font.color.rgb = SECONDARY


def _small(run: Run) -> Run:
    run.font.size = Pt(8)
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


def _set_columns(section: Section, widths: Sequence[Length], *, gap: int) -> None:
    """A section's text columns: `w:cols` with a `w:col` of each width."""
    properties = section._sectPr
    for old in properties.findall(qn("w:cols")):
        properties.remove(old)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(len(widths)))
    cols.set(qn("w:space"), str(gap // 635))
    if len(widths) > 1:
        cols.set(qn("w:equalWidth"), "0")
        for index, width in enumerate(widths):
            col = OxmlElement("w:col")
            col.set(qn("w:w"), str(int(width) // 635))
            if index < len(widths) - 1:
                col.set(qn("w:space"), str(gap // 635))
            cols.append(col)
    properties.insert_element_before(
        cols,
        *("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection"),
        *("w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
    )


def _shading(fill: str) -> OxmlElement:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    return shading


def _cell_look(cell: _Cell, *, fill: str, left_rule: bool = False) -> None:
    properties = cell._tc.get_or_add_tcPr()
    if left_rule:
        borders = OxmlElement("w:tcBorders")
        left = OxmlElement("w:left")
        for name, value in (("val", "single"), ("sz", "24"), ("space", "0"), ("color", RULE)):
            left.set(qn(f"w:{name}"), value)
        borders.append(left)
        properties.insert_element_before(borders, *_AFTER_TCBORDERS)
    properties.insert_element_before(_shading(fill), *_AFTER_TCBORDERS[1:])


def _tidy(cell: _Cell, style: str) -> None:
    cell.paragraphs[0].style = style


def _row_property(row: _Row, name: str) -> None:
    # cantSplit comes before tblHeader in a row's properties; both are added in that order.
    element = OxmlElement(name)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _table_look(table: Table, *, caption: str, padding: int) -> None:
    """Grey borders like the PDF's, a little padding, and a title for screen readers."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        for name, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", BORDER)):
            line.set(qn(f"w:{name}"), value)
        borders.append(line)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (
        ("top", padding),
        ("left", CELL_MARGIN),
        ("bottom", padding),
        ("right", CELL_MARGIN),
    ):
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


def _rule(paragraph: Paragraph, edge: str, *, size: int, space: int, colour: str = RULE) -> None:
    """A rule beside a paragraph (under a cover's heading), as in the PDF."""
    border = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for name, value in (("val", "single"), ("sz", str(size)), ("space", str(space))):
        line.set(qn(f"w:{name}"), value)
    line.set(qn("w:color"), colour)
    border.append(line)
    paragraph._p.get_or_add_pPr().insert_element_before(border, *_AFTER_PBDR)
