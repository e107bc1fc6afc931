"""A spreadsheet file as rows of cell values, read within limits.

A plan file comes from outside and may be malformed or made to exhaust the server: a 5 KB
workbook whose sheet declares 16,384 columns by 16,000 rows, XML entity "bombs", a row of
millions of cells, a zip part that inflates a thousandfold. So the file is measured before it
is opened, the workbook's XML is scanned as a stream (never built) before openpyxl reads it,
rows are read one at a time and only as far as the limits below, and whatever goes wrong
while reading becomes a PlanFileError, which the upload form shows on its file field.

A Word document (.docx) is checked the same way before python-docx opens it; each of its
tables is read as a sheet, and columns.plan_sheet picks the one that holds the plan. Cells
merged down (an area over its actions) read as their value on every row they cover, in a
workbook and in a document alike.
"""

import codecs
import csv
import datetime
import io
import logging
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO
from xml.parsers import expat

import docx
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ACTIONS = 5_000  # rows below the header; an exported plan of 5,000 actions comes back in
ROWS_ABOVE_THE_ACTIONS = 30  # titles and the header: columns.find_header looks this far down
MAX_ROWS = MAX_ACTIONS + ROWS_ABOVE_THE_ACTIONS  # rows with something in them
MAX_COLUMNS = 60
EMPTY_ROWS_ENDING_THE_SHEET = 50  # formatting often runs far below the last row people wrote
MAX_TEXT_CHARACTERS = 10_000_000  # one long shared string can fill every cell of a workbook
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
# openpyxl builds each row, and each other part of a workbook, as an XML tree before reading
# it, and makes objects of every style, shared string and merged cell: these bound the trees
# and the time (about 10 seconds at worst). 5,000 rows of 20 cells are 200,000 elements.
MAX_ELEMENTS_IN_A_ROW = 50_000  # Excel's rows stop at 16,384 cells
MAX_ELEMENTS_IN_ROWS = 500_000  # in all the sheets' rows
MAX_ELEMENTS_OUTSIDE_ROWS = 100_000  # shared strings, styles, merged cells, ...
# python-docx builds a document's whole XML tree: a Word table of 5,000 actions in 12 columns
# is about 1.2 million elements (a cell is a paragraph, its run, their properties, ...).
MAX_ELEMENTS_IN_A_DOCUMENT = 2_000_000
# Cells a merged area may fill: every cell of the largest sheet the limits allow.
MAX_MERGED_CELLS = (MAX_ACTIONS + ROWS_ABOVE_THE_ACTIONS) * MAX_COLUMNS

NOT_A_SPREADSHEET = "The file must be an Excel workbook (.xlsx) or a CSV file"
UNREADABLE_WORKBOOK = (
    "The selected file could not be read as an Excel workbook: open it in Excel, save it as "
    "an Excel workbook (.xlsx) and upload it again"
)
TOO_LARGE = f"The selected file must be smaller than {MAX_FILE_BYTES // (1024 * 1024)} MB"
TOO_MUCH_DATA = (
    "The selected file holds too much data for a plan: copy the plan's rows into a new "
    "workbook, save it and upload that"
)
TOO_MANY_ROWS = (
    f"The selected file must have {MAX_ACTIONS:,} actions or fewer: split the plan into files "
    f"of up to {MAX_ACTIONS:,} actions and import each"
)
TOO_MANY_COLUMNS = (
    f"The selected file must have {MAX_COLUMNS} columns or fewer: delete the columns the plan "
    "does not need"
)
TOO_MUCH_TEXT = (
    f"The selected file must hold fewer than {MAX_TEXT_CHARACTERS // 1_000_000} million "
    "characters of text"
)
NOT_UTF8 = (
    "The selected file must be saved as CSV UTF-8: in Excel, choose Save As, then "
    "'CSV UTF-8 (Comma delimited)'"
)
UNREADABLE_DOCUMENT = (
    "The selected file could not be read as a Word document: open it in Word, save it as a "
    "Word document (.docx) and upload it again"
)
UNREADABLE_CSV = (
    "The selected file could not be read as a CSV file: open it in Excel, save it as "
    "'CSV UTF-8 (Comma delimited)' and upload it again"
)


class PlanFileError(Exception):
    """The file as a whole cannot be read as a plan: not a spreadsheet, empty, no header,
    malformed, or over a limit."""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list]]  # (sheet row number, cell values): rows with something in them


def is_document(filename: str) -> bool:
    return filename.lower().endswith(".docx")


def read_sheet(content: bytes, filename: str) -> Sheet:
    """The first sheet of an .xlsx file, or a CSV file, as rows of cell values.

    Empty rows are left out (the row numbers stay the sheet's), and so are empty cells at the
    end of a row. Reading stops at the first run of 50 empty rows."""
    _check_size(content)
    if filename.lower().endswith(".csv"):
        return Sheet("CSV", _kept_rows(_csv_rows(content)))
    return _read_xlsx(content)


def read_tables(content: bytes) -> list[Sheet]:
    """Each table of a Word document (.docx), in order, as rows of cell values: the text
    before, between and after them is left out. Row numbers count the table's rows."""
    _check_size(content)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError) as error:
        raise PlanFileError(UNREADABLE_DOCUMENT) from error
    with archive:
        _check_parts(archive, unreadable=UNREADABLE_DOCUMENT, whole_tree=True)
    try:
        body = docx.Document(io.BytesIO(content)).element.body
    except Exception as error:  # python-docx fails in many ways on a malformed part
        logger.info("unreadable document", exc_info=True)
        raise PlanFileError(UNREADABLE_DOCUMENT) from error
    tables = [
        Sheet(f"Table {number}", _kept_rows(_table_rows(table)))
        for number, table in enumerate(body.iterchildren(f"{WORD}tbl"), start=1)
    ]
    if not any(table.rows for table in tables):
        raise PlanFileError("The document has no table: the plan must be a table in it")
    return tables


WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _table_rows(table) -> Iterator[list]:
    """A Word table's rows as lists of cell texts, one per column of its grid: a cell spread
    across columns gives its text to each, and a cell merged down gives it to every row."""
    above: dict[int, str] = {}  # grid column -> the text a cell merged down carries on
    for row in table.iterchildren(f"{WORD}tr"):
        values: list = []
        for cell in row.iterchildren(f"{WORD}tc"):
            properties = cell.find(f"{WORD}tcPr")
            span, merge = 1, None
            if properties is not None:
                grid_span = properties.find(f"{WORD}gridSpan")
                if grid_span is not None:
                    span = _whole_number(grid_span.get(f"{WORD}val"), at_most=MAX_COLUMNS + 1)
                v_merge = properties.find(f"{WORD}vMerge")
                if v_merge is not None:
                    merge = v_merge.get(f"{WORD}val", "continue")
            column = len(values)
            if merge == "continue":
                text = above.get(column, "")
            else:
                text = "\n".join(
                    "".join(t.text or "" for t in paragraph.iter(f"{WORD}t", f"{WORD}tab"))
                    for paragraph in cell.iterchildren(f"{WORD}p")
                ).strip()
            for offset in range(span):
                if merge is None:
                    above.pop(column + offset, None)
                else:
                    above[column + offset] = text
                values.append(text)
            if len(values) > MAX_COLUMNS:
                break
        yield values


def _whole_number(value: str | None, *, at_most: int) -> int:
    try:
        return max(1, min(int(value or 1), at_most))
    except ValueError:
        return 1


def _check_size(content: bytes) -> None:
    if not content:
        raise PlanFileError("The file is empty")
    if len(content) > MAX_FILE_BYTES:
        raise PlanFileError(TOO_LARGE)


def _read_xlsx(content: bytes) -> Sheet:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError) as error:
        raise PlanFileError(NOT_A_SPREADSHEET) from error
    with archive:
        merges = _check_parts(archive)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError) as error:
        raise PlanFileError(NOT_A_SPREADSHEET) from error
    except Exception as error:  # openpyxl fails in many ways on a malformed part
        logger.info("unreadable workbook", exc_info=True)
        raise PlanFileError(UNREADABLE_WORKBOOK) from error
    try:
        if not workbook.worksheets:
            raise PlanFileError("The file has no rows")
        sheet = workbook.worksheets[0]
        # The size a sheet declares is the file's claim: read-only openpyxl pads every row to
        # its width and every sheet to its length, so it is not trusted.
        sheet.reset_dimensions()
        merged = merges.get(getattr(sheet, "_worksheet_path", ""), [])
        rows = _kept_rows(
            _merged_down(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), merged)
        )
        return Sheet(sheet.title, rows)
    except PlanFileError:
        raise
    except Exception as error:  # the rows are read lazily, so a bad cell fails here
        logger.info("unreadable worksheet", exc_info=True)
        raise PlanFileError(UNREADABLE_WORKBOOK) from error
    finally:
        workbook.close()


def _check_parts(
    archive: zipfile.ZipFile, *, unreadable: str = UNREADABLE_WORKBOOK, whole_tree: bool = False
) -> dict[str, list[str]]:
    """Refuses a workbook or document too large once unzipped, or whose XML declares a
    document type (the way in for entity bombs and external entities) or has more elements
    than a plan. Returns each part's merged areas ("A2:A5"), seen on the way.

    `whole_tree`: the reader builds every element at once (python-docx), so all of them
    count against one limit rather than a workbook's rows and the rest apart."""
    parts = archive.infolist()
    # zipfile stops inflating a part at the size it declares, so the sum bounds the work.
    if sum(part.file_size for part in parts) > MAX_UNZIPPED_BYTES:
        raise PlanFileError(TOO_MUCH_DATA)
    counts = _ElementCounts(whole_tree=whole_tree)
    try:
        for part in parts:
            with archive.open(part) as stream:
                start = stream.read(4)
                if _is_xml(start):
                    counts.scan(start, stream, part=part.filename)
    except PlanFileError as error:
        if str(error) == UNREADABLE_WORKBOOK:
            raise PlanFileError(unreadable) from error
        raise
    except Exception as error:  # malformed XML, a corrupt or encrypted part
        raise PlanFileError(unreadable) from error
    return counts.merges


def _is_xml(start: bytes) -> bool:
    """Images and printer settings are left alone; anything openpyxl could parse is not."""
    start = start.removeprefix(codecs.BOM_UTF8).lstrip()
    return start[:1] == b"<" or start[:2] in {
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_BE,
        b"<\x00",
        b"\x00<",
    }


class _ElementCounts:
    """Counts a workbook's XML elements as they stream past, building nothing."""

    def __init__(self, *, whole_tree: bool = False):
        self.in_rows = self.outside_rows = 0
        self.whole_tree = whole_tree
        self.merges: dict[str, list[str]] = defaultdict(list)

    def scan(self, start: bytes, stream: IO[bytes], *, part: str = "") -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        depth = 0  # of the element being read
        sheet_data_depth = row_depth = None  # of the sheet's rows and of the row being read
        in_this_row = 0

        def doctype(*_):
            raise PlanFileError(UNREADABLE_WORKBOOK)  # no part of a workbook has one

        def element_start(name, attributes):
            nonlocal depth, sheet_data_depth, row_depth, in_this_row
            depth += 1
            if self.whole_tree:
                self.outside_rows += 1
                if self.outside_rows > MAX_ELEMENTS_IN_A_DOCUMENT:
                    raise PlanFileError(TOO_MUCH_DATA)
                return
            if row_depth is None and sheet_data_depth == depth - 1 and _named(name, "row"):
                row_depth, in_this_row = depth, 0
            if row_depth is not None:
                in_this_row += 1
                self.in_rows += 1
                if in_this_row > MAX_ELEMENTS_IN_A_ROW or self.in_rows > MAX_ELEMENTS_IN_ROWS:
                    raise PlanFileError(TOO_MUCH_DATA)
                return
            self.outside_rows += 1
            if self.outside_rows > MAX_ELEMENTS_OUTSIDE_ROWS:
                raise PlanFileError(TOO_MUCH_DATA)
            if sheet_data_depth is None and _named(name, "sheetData"):
                sheet_data_depth = depth
            if _named(name, "mergeCell") and "ref" in attributes:
                self.merges[part].append(attributes["ref"])

        def element_end(_name):
            nonlocal depth, sheet_data_depth, row_depth
            if depth == row_depth:
                row_depth = None
            elif depth == sheet_data_depth:
                sheet_data_depth = None
            depth -= 1

        parser.StartDoctypeDeclHandler = doctype
        parser.StartElementHandler = element_start
        parser.EndElementHandler = element_end
        parser.Parse(start, False)
        while chunk := stream.read(64 * 1024):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)


def _named(name: str, local: str) -> bool:
    """Whether an element ("namespace local", or "local" without one) has this local name."""
    return name == local or name.endswith(" " + local)


def _csv_rows(content: bytes) -> Iterable[Sequence]:
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PlanFileError(NOT_UTF8)
    # Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" in Windows-1252, which
    # leaves five byte values undefined: a file with those is in neither.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise PlanFileError(NOT_UTF8)
    if "\x00" in text:
        raise PlanFileError(NOT_A_SPREADSHEET)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a field over csv's size limit, a stray quote
            raise PlanFileError(UNREADABLE_CSV) from error


@dataclass
class _MergedArea:
    last_row: int
    first_column: int  # 0-based, as in a row's list of values
    end_column: int  # 0-based, one past the last
    value: object = field(default=None)


def _merged_down(rows: Iterable[Sequence], references: list[str]) -> Iterator[list]:
    """A sheet's rows with each area merged over more than one row (an area for improvement
    merged down over its actions) read as its value in every cell it covers. Excel keeps the
    value in the area's first cell only."""
    starting: dict[int, list[_MergedArea]] = defaultdict(list)
    for reference in references:
        try:
            first_column, first_row, last_column, last_row = range_boundaries(reference)
        except (TypeError, ValueError):
            continue  # a malformed area: openpyxl ignores it too
        if (
            first_row is not None
            and last_row is not None
            and first_column is not None
            and last_row > first_row
            and first_column <= MAX_COLUMNS
        ):
            area = _MergedArea(last_row, first_column - 1, min(last_column or 0, MAX_COLUMNS))
            starting[first_row].append(area)
    if not starting:
        yield from (list(cells) for cells in rows)
        return
    filling: list[_MergedArea] = []
    filled = 0
    for number, row in enumerate(rows, start=1):
        cells = list(row)
        filling = [area for area in filling if area.last_row >= number]
        for area in starting.pop(number, ()):
            area.value = cells[area.first_column] if area.first_column < len(cells) else None
            filling.append(area)
        for area in filling:
            if len(cells) < area.end_column:
                cells.extend([None] * (area.end_column - len(cells)))
            cells[area.first_column : area.end_column] = [area.value] * (
                area.end_column - area.first_column
            )
            filled += area.end_column - area.first_column
            if filled > MAX_MERGED_CELLS:
                raise PlanFileError(TOO_MUCH_DATA)
        yield cells


def _kept_rows(rows: Iterable[Sequence]) -> list[tuple[int, list]]:
    """Rows with something in them, numbered as in the sheet, within the limits."""
    kept: list[tuple[int, list]] = []
    empty_run = characters = 0
    for number, cells in enumerate(rows, start=1):
        if any(_filled(value) for value in cells[MAX_COLUMNS:]):
            raise PlanFileError(TOO_MANY_COLUMNS)
        values = [_plain(value) for value in cells[:MAX_COLUMNS]]
        while values and not _filled(values[-1]):
            values.pop()
        if not values:
            empty_run += 1
            if empty_run == EMPTY_ROWS_ENDING_THE_SHEET:
                break
            continue
        empty_run = 0
        if len(kept) == MAX_ROWS:
            raise PlanFileError(TOO_MANY_ROWS)
        characters += sum(len(value) for value in values if isinstance(value, str))
        if characters > MAX_TEXT_CHARACTERS:
            raise PlanFileError(TOO_MUCH_TEXT)
        kept.append((number, values))
    return kept


def _filled(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _plain(value):
    """A cell's value as text, a number, a truth value or a date: what the checks read and
    what can be kept as JSON between the upload and the confirmation."""
    if value is None or isinstance(value, (str, bool, int, float, datetime.date)):
        return value
    return str(value)  # a time of day, a duration
