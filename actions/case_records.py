"""Whether an evidence file looks like a case record, and what in it says so.

An action plan is strategic: it names services and officers, never a child or a family
(docs: /work/shared/domain.md, "Data protection"). Evidence is a summary — an audit's
findings, a training record, a policy — so a file that carries a person's case details is
refused before it is stored, with what was found and where, so its owner can take them out.

The rule, stated once (CASE_DETAILS says each thing in the words the page uses):

- an NHS number: ten digits written 3-3-4 (spaces or hyphens between the groups) whose last
  digit is the Modulus 11 check digit of the nine before it; ten unbroken digits count only
  beside the word "NHS";
- a date of birth: a "Date of birth", "DOB", "D.O.B." or "Birth date" label with a date
  right after it (or, in a table, a date under a column so headed);
- a child's or family member's name: a "Child's name:", "Name of child:", "Mother's name:"
  style label followed by a capitalised word (or such a column with a value in it);
- a home address: an "Address" or "Postcode" label with a UK postcode after it, in a line,
  paragraph or table row that also has a "Name" label with a name.

A label with nothing after it ("record the child's date of birth"), dates of training or
review, an organisation's address or a phone number are ordinary reports' words and pass.

Text is read from PDF (PDFium: each page's lines; pdfplumber: the ruled tables of pages
that name a date of birth, a family member or an address), Word .docx
(python-docx: paragraphs and table rows), Excel .xlsx (openpyxl: each row), CSV and plain
text. A table's row is read as "Header: value; Header: value", so a column headed "DOB"
with a date in it reads as a labelled date. Other accepted types (images, OpenDocument,
PowerPoint, Office 97-2003) hold no text this module reads, and pass.
"""

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import openpyxl
import pdfplumber
import pypdfium2
from django.core.exceptions import ValidationError
from django.core.files.base import File
from docx import Document

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
TEXT = "text/plain"

# Limits on reading, so a large file cannot hold the request for long: a 10 MB evidence
# file is read whole within them (a report runs to tens of pages, a data sheet to thousands
# of rows).
MAX_PAGES = 300
MAX_PAGES_READ_AS_TABLES = 30
MAX_ROWS_PER_SHEET = 50_000
MAX_CHARACTERS = 5_000_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024

# What was found, in the words the refusal uses, in the order it lists them.
NHS_NUMBER = "an NHS number"
DATE_OF_BIRTH = "a date of birth"
NAMED_PERSON = "a child's or family member's name"
HOME_ADDRESS = "a person's name with a home address"
CASE_DETAILS = (NHS_NUMBER, DATE_OF_BIRTH, NAMED_PERSON, HOME_ADDRESS)


@dataclass(frozen=True)
class Passage:
    """A line, paragraph or table row of a file, and where it is ("page 2")."""

    text: str
    where: str


@dataclass(frozen=True)
class CaseDetail:
    what: str  # one of CASE_DETAILS
    where: str


def refusal(details: Iterable[CaseDetail]) -> str:
    """The sentence a person reads when their file is refused."""
    found = [f"{detail.what} ({detail.where})" for detail in details]
    listed = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " and " + found[-1]
    return (
        f"This file looks like a case record: it holds {listed}. Remove case-level details "
        "and upload a summary instead."
    )


def check_not_case_record(upload: "File[bytes]", content_type: str) -> None:
    """Refuses (ValidationError) an upload whose text looks like a case record."""
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    details = case_details(passages(content, content_type))
    if details:
        raise ValidationError(refusal(details), code="case_record")


# --- The rule ----------------------------------------------------------------------------

_SEPARATOR = r"[ \t]*[:\-–—]?[ \t]*"
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?i:{_MONTH})[ \t,]+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
_DOB_LABEL = r"(?i:\b(?:d\.?[ \t]?o\.?[ \t]?b\b\.?|date[ \t]+of[ \t]+birth|birth[ \t]*date))"
_FAMILY = r"(?:child|young[ \t]+person|baby|infant|mother|father|parent|carer|sibling)"
_NAME_LABEL = (
    rf"(?i:\b(?:{_FAMILY}(?:['’]s|s)?[ \t]+(?:full[ \t]+|first[ \t]+|sur)?name"
    rf"|name[ \t]+of[ \t]+(?:the[ \t]+)?{_FAMILY}))"
)
_A_NAME = r"[A-Z][a-z'’\-]+"
_POSTCODE = r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)[ \t]?\d[A-Z]{2}\b"

DATE_OF_BIRTH_PATTERN = re.compile(
    rf"{_DOB_LABEL}(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?i:{_FAMILY}))?"
    rf"(?:[ \t]*\([^)\n]{{0,20}}\))?{_SEPARATOR}{_DATE}"
)
NAMED_PERSON_PATTERN = re.compile(rf"{_NAME_LABEL}[ \t]*[:\-–—][ \t]*{_A_NAME}")
ADDRESS_PATTERN = re.compile(rf"(?i:\b(?:address|post[ \t]?code))\b[^\n;]{{0,100}}?{_POSTCODE}")
PERSON_NAME_PATTERN = re.compile(rf"(?i:\bname)[ \t]*:[ \t]*{_A_NAME}")
# 3-3-4 with one kind of separator, not inside a longer run of digits or an international
# phone number (+44 207 946 0958).
GROUPED_NHS_NUMBER = re.compile(r"(?<![\d+])(?<!\+44 )\b(\d{3})([ \-])(\d{3})\2(\d{4})\b(?![\-\d])")
UNBROKEN_NHS_NUMBER = re.compile(r"(?<![\d+])\b(\d{10})\b(?![\-\d])")
NHS_WORD = re.compile(r"\bNHS\b", re.IGNORECASE)


def is_nhs_number(digits: str) -> bool:
    """Whether ten digits carry a valid Modulus 11 check digit (NHS Digital's rule: weights
    10 to 2 on the first nine; 11 minus the remainder is the check, 11 reads as 0 and 10
    is never issued)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _has_nhs_number(text: str) -> bool:
    for match in GROUPED_NHS_NUMBER.finditer(text):
        if is_nhs_number(match.group(1) + match.group(3) + match.group(4)):
            return True
    if NHS_WORD.search(text):
        return any(is_nhs_number(m.group(1)) for m in UNBROKEN_NHS_NUMBER.finditer(text))
    return False


_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    (NHS_NUMBER, _has_nhs_number),
    (DATE_OF_BIRTH, lambda text: bool(DATE_OF_BIRTH_PATTERN.search(text))),
    (NAMED_PERSON, lambda text: bool(NAMED_PERSON_PATTERN.search(text))),
    (
        HOME_ADDRESS,
        lambda text: bool(ADDRESS_PATTERN.search(text) and PERSON_NAME_PATTERN.search(text)),
    ),
)


def case_details(found_in: Iterable[Passage]) -> list[CaseDetail]:
    """The first place each kind of case detail appears, in CASE_DETAILS' order."""
    first: dict[str, str] = {}
    for passage in found_in:
        for what, rule in _RULES:
            if what not in first and rule(passage.text):
                first[what] = passage.where
        if len(first) == len(_RULES):
            break
    return [CaseDetail(what, first[what]) for what in CASE_DETAILS if what in first]


# --- Reading a file's text ---------------------------------------------------------------


def passages(content: bytes, content_type: str) -> Iterator[Passage]:
    """The file's text, passage by passage; nothing for a file this module cannot read
    (an image, a damaged or password-protected file: the type check has already judged
    what the file is)."""
    reader = _READERS.get(content_type)
    if reader is None:
        return
    characters = 0
    try:
        for passage in reader(content):
            characters += len(passage.text)
            if characters > MAX_CHARACTERS:
                return
            yield passage
    except Exception:  # noqa: BLE001 - a file no reader can open holds no text to judge
        return


def _cell(value: object) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d/%m/%Y}"
    return " ".join(str(value).split()) if value is not None else ""


def table_rows(rows: Iterable[Iterable[object]], where: Callable[[int], str]) -> Iterator[Passage]:
    """A table's rows, each as "Header: value; ..." under the first row with text in it."""
    header: list[str] | None = None
    for number, row in enumerate(rows, start=1):
        cells = [_cell(value) for value in row]
        if not any(cells):
            continue
        if header is None:
            header = cells
            yield Passage("; ".join(cells), where(number))
            continue
        pairs = []
        for index, value in enumerate(cells):
            name = header[index] if index < len(header) else ""
            if value:
                pairs.append(f"{name}: {value}" if name else value)
        yield Passage("; ".join(pairs), where(number))


def _always(where: str) -> Callable[[int], str]:
    return lambda _row: where


def _in_table(table: int) -> Callable[[int], str]:
    return lambda row: f"table {table}, row {row}"


def _in_sheet(title: str) -> Callable[[int], str]:
    return lambda row: f"sheet “{title}”, row {row}"


def _check_zip(content: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(part.file_size for part in archive.infolist()) > MAX_UNZIPPED_BYTES:
            raise ValueError("too large unzipped")


# Whether a PDF page is worth reading as tables too (pdfplumber takes a tenth of a second a
# page to find them): it names a date of birth or a family member's name, or has an address
# label and a postcode, any of which a table's header may pair with the values below it.
def _worth_reading_as_tables(text: str) -> bool:
    return bool(
        re.search(_DOB_LABEL, text)
        or re.search(_NAME_LABEL, text)
        or (re.search(r"(?i:\b(?:address|post[ \t]?code)\b)", text) and re.search(_POSTCODE, text))
    )


def _pdf(content: bytes) -> Iterator[Passage]:
    # Text by PDFium (pypdfium2, which pdfplumber is built on): sixty times faster than
    # pdfplumber's own, which a 10 MB report of hundreds of pages would wait on.
    document = pypdfium2.PdfDocument(content)
    tables_read = 0
    plumbed = None
    try:
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            text_page = page.get_textpage()
            text = text_page.get_text_range()
            text_page.close()
            page.close()
            where = f"page {index + 1}"
            for line in text.splitlines():
                yield Passage(line, where)
            if tables_read < MAX_PAGES_READ_AS_TABLES and _worth_reading_as_tables(text):
                tables_read += 1
                plumbed = plumbed or pdfplumber.open(io.BytesIO(content))
                plumbed_page = plumbed.pages[index]
                for table in plumbed_page.extract_tables():
                    yield from table_rows(table, _always(where))
                plumbed_page.flush_cache()
    finally:
        document.close()
        if plumbed is not None:
            plumbed.close()


def _docx(content: bytes) -> Iterator[Passage]:
    _check_zip(content)
    document = Document(io.BytesIO(content))
    for number, paragraph in enumerate(document.paragraphs, start=1):
        if paragraph.text.strip():
            yield Passage(paragraph.text, f"paragraph {number}")
    for table_number, table in enumerate(document.tables, start=1):
        rows = ([cell.text for cell in row.cells] for row in table.rows)
        yield from table_rows(rows, _in_table(table_number))


def _xlsx(content: bytes) -> Iterator[Passage]:
    _check_zip(content)
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True, max_row=MAX_ROWS_PER_SHEET)
            yield from table_rows(rows, _in_sheet(sheet.title))
    finally:
        workbook.close()


def _decoded(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def _csv(content: bytes) -> Iterator[Passage]:
    rows = csv.reader(io.StringIO(_decoded(content)))
    yield from table_rows(rows, lambda row: f"row {row}")


def _text(content: bytes) -> Iterator[Passage]:
    for number, line in enumerate(_decoded(content).splitlines(), start=1):
        yield Passage(line, f"line {number}")


_READERS: dict[str, Callable[[bytes], Iterator[Passage]]] = {
    PDF: _pdf,
    DOCX: _docx,
    XLSX: _xlsx,
    CSV: _csv,
    TEXT: _text,
}
