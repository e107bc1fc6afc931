"""Reads a JTAI letter of findings: its dates, inspectorates, addressees and, above all,
every "What needs to improve?" item, whole and in the letter's own words.

Letters arrive as PDFs or pasted text, with what real PDFs do: page headers and footers
between lines, page breaks inside a list, bullets of several kinds, items wrapped over
several lines, words hyphenated at line ends, Windows line endings. Whatever cannot be
found is left blank and named in `missing`, never guessed.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError

from govuk.working_days import working_days_from
from inspections.letter_pdf import PAGE_BREAK, drop_running_lines, pdf_pages, text_of_pages
from inspections.letter_text import (
    PAGE_NUMBER,
    compounds_of,
    drop_page_furniture,
    list_items,
    restore_joined_hyphens,
    restore_page_breaks,
    unwrap,
)
from inspections.models import Theme


class LetterError(Exception):
    """The file or text cannot be read as a JTAI letter; the message says why."""


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"(\d{{1,2}})\s+({MONTHS})\s+(\d{{4}})"
SECTIONS = ["headline findings", "summary of findings", "what needs to improve",
            "areas for priority action", "areas for improvement", "strengths", "main findings",
            "case study: highly vulnerable children", "next steps"]  # fmt: skip
INSPECTORATE_NAMES = {
    "Ofsted": [r"\bOfsted\b"],
    "CQC": [r"Care Quality Commission", r"\bCQC\b"],
    "HMICFRS": [r"\bHMICFRS\b", r"\bHMIC\b", r"Inspectorate of Constabulary"],
    "HMI Probation": [r"Inspectorate of Probation", r"\bHMI ?Probation\b", r"\bHMIP\b"],
}
# Words in the inspection's subject that name a deep-dive theme.
THEME_WORDS = [
    ("initial need and risk", "front door"),
    ("front door", "front door"),
    ("domestic abuse", "victims of domestic abuse"),
    ("domestic abuse", "living with domestic abuse"),
    ("neglect", "neglect"),
    ("sexual abuse in the family", "sexual abuse in the family"),
    ("criminal exploitation", "criminal exploitation"),
    ("sexual exploitation", "sexual exploitation"),
    ("mental health", "mental health"),
    ("serious youth violence", "serious youth violence"),
    ("need help", "need help"),
]
WORKING_DAYS_TO_STATEMENT = 70

# A JTAI letter runs to 10-20 pages. Reading a PDF's text takes a quarter of a second a
# page or more (a 500-page file took 26 s, past the server's 30-second request timeout), so
# whatever is far longer or larger than a letter is refused, as the wrong file, before the
# slow work.
MAX_LETTER_PAGES = 60
MAX_LETTER_MB = 10
MAX_LETTER_BYTES = MAX_LETTER_MB * 1024 * 1024
MAX_LETTER_CHARACTERS = 200_000  # pasted text: more than 60 pages of a letter


@dataclass
class LetterExtract:
    local_area: str = ""
    subject: str = ""
    theme: Theme | None = None
    onsite_start: datetime.date | None = None
    onsite_end: datetime.date | None = None
    letter_date: datetime.date | None = None
    statement_due: datetime.date | None = None
    statement_due_suggested: datetime.date | None = None
    inspectorates: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    principal_authority: str = ""
    headline_findings: str = ""
    strengths: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    # Older letters' areas for priority action, among the findings.
    priority_findings: list[str] = field(default_factory=list)
    # The page of the PDF each finding starts on (all 1 for pasted text without pages).
    finding_pages: list[int] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """What the letter did not say (or the reader could not find): for the manager."""
        names = {
            "local_area": "local area",
            "subject": "what was inspected",
            "theme": "deep-dive theme",
            "onsite_start": "on-site dates",
            "letter_date": "letter date",
            "statement_due": "statement due date",
            "inspectorates": "inspectorates",
            "addressees": "addressees",
            "principal_authority": "principal authority",
            "headline_findings": "headline findings",
            "strengths": "strengths",
            "findings": "what needs to improve",
        }
        return [label for name, label in names.items() if not getattr(self, name)]

    def as_json(self) -> dict:
        def day(value):
            return value.isoformat() if value else None

        return {
            "local_area": self.local_area,
            "subject": self.subject,
            "theme": self.theme.name if self.theme else None,
            "onsite_start": day(self.onsite_start),
            "onsite_end": day(self.onsite_end),
            "letter_date": day(self.letter_date),
            "statement_due": day(self.statement_due),
            "statement_due_suggested": day(self.statement_due_suggested),
            "inspectorates": self.inspectorates,
            "addressees": self.addressees,
            "principal_authority": self.principal_authority,
            "headline_findings": self.headline_findings,
            "strengths": self.strengths,
            "findings": self.findings,
            "priority_findings": self.priority_findings,
            "finding_pages": self.finding_pages,
            "missing": self.missing,
        }


def check_letter_size(size: int) -> None:
    """Refuses a file too large to be a letter, before anything reads it."""
    if size >= MAX_LETTER_BYTES:
        raise LetterError(f"The selected file must be smaller than {MAX_LETTER_MB} MB")


def check_letter_length(text: str) -> None:
    """Refuses text far longer than a letter, before it is read."""
    if len(text) > MAX_LETTER_CHARACTERS:
        raise LetterError(
            f"The letter's text must be {MAX_LETTER_CHARACTERS:,} characters or less. "
            "Check you pasted only the letter"
        )


def text_from_pdf(content: bytes) -> str:
    """The letter's text, read by position: page headers, footers and address blocks
    dropped, list markers joined to their items, a form feed between pages. Refuses what is
    not a readable, text-bearing PDF of a letter's size, saying which, before reading any
    page's text."""
    check_letter_size(len(content))
    if not content.lstrip().startswith(b"%PDF"):
        raise LetterError("The file is not a PDF. Upload the letter as a PDF, or paste its text")
    protected = "The PDF is protected with a password. Save an unprotected copy, or paste the text"
    try:
        reader = PdfReader(io.BytesIO(content))
        # A PDF encrypted only against editing opens with an empty password.
        if reader.is_encrypted and not reader.decrypt(""):
            raise LetterError(protected)
        # Counting pages reads only the document's page tree, not their text: quick.
        page_count = len(reader.pages)
        if page_count > MAX_LETTER_PAGES:
            raise LetterError(
                f"The letter has {page_count} pages: a JTAI letter has "
                f"{MAX_LETTER_PAGES} or fewer. Check you chose the right file"
            )
        if reader.is_encrypted:
            # Read from a decrypted copy, whichever cipher the producer chose.
            copy = io.BytesIO()
            PdfWriter(clone_from=reader).write(copy)
            content = copy.getvalue()
        pages = drop_running_lines(pdf_pages(content))
    except LetterError:
        raise
    except DependencyError as error:
        # An encryption pypdf cannot undo without a library that is missing: to the manager,
        # a protected file all the same.
        raise LetterError(protected) from error
    except Exception as error:
        # A damaged or unusual PDF makes pypdf and pdfminer raise almost anything (their
        # own errors, ValueError, KeyError, TypeError, RecursionError...): each means the
        # file cannot be read, never a server error.
        raise LetterError(
            "The PDF cannot be read. It may be damaged: try saving it again"
        ) from error
    if not any(line.text.strip() for page in pages for line in page):
        raise LetterError(
            "The PDF has no text in it: it is probably a scanned image. Paste the letter's "
            "text instead"
        )
    return text_of_pages(pages)


NOT_A_LETTER = (
    "This does not look like a JTAI letter of findings: a letter is addressed to the "
    "partnership ('Dear …'), names the joint targeted area inspection and has a 'What needs "
    "to improve?' section. Check you chose the letter itself, not a report about it"
)


def read_letter(text: str) -> LetterExtract:
    """Everything the letter says that the inspection record holds."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = drop_page_furniture(restore_page_breaks(text))
    compounds = compounds_of(text)
    text = restore_joined_hyphens(text, compounds)
    # Where the pages are known, their numbers went with the lines they repeat, and a number
    # still on a line of its own is the letter's own ("within\n12\nhours").
    paged = PAGE_BREAK in text
    lines: list[str] = []
    pages: list[int] = []  # the page each line is on, counted by the form feeds
    page = 1
    for line in text.split("\n"):
        # A form feed before a line's text (pdftotext's) puts it on the next page; one
        # after it (a PDF reader's), the lines after it.
        leading_breaks = len(line) - len(line.lstrip(PAGE_BREAK))
        page += leading_breaks
        page_breaks = line.count(PAGE_BREAK) - leading_breaks
        line = line.replace(PAGE_BREAK, "").rstrip()
        if (leading_breaks + page_breaks and not line.strip()) or (
            not paged and PAGE_NUMBER.match(line)
        ):
            page += page_breaks
            continue
        lines.append(line)
        pages.append(page)
        page += page_breaks
    flat = unwrap(" ".join(line.strip() for line in lines if line.strip()))
    improve = _section(lines, "what needs to improve")
    priority = _section(lines, "areas for priority action")
    older = _section(lines, "areas for improvement")
    greeting = next((i for i, line in enumerate(lines) if re.match(r"\s*Dear\s+\S", line)), None)
    sections = [found for found in (improve, priority, older) if found]
    if (
        not re.search(r"joint targeted area inspection", flat, re.IGNORECASE)
        or not sections
        or greeting is None
        or greeting > min(start for start, _ in sections)
    ):
        raise LetterError(NOT_A_LETTER)
    letter = LetterExtract()
    letter.local_area = _local_area(lines)
    letter.subject = _subject(flat)
    letter.theme = _theme(letter.subject)
    letter.onsite_start, letter.onsite_end = _onsite(flat)
    letter.letter_date = _letter_date(lines)
    letter.statement_due = _statement_due(
        _flat(lines, _section(lines, "next steps")) or flat
    ) or _statement_due(flat)
    if letter.letter_date:
        letter.statement_due_suggested = suggest_statement_due(letter.letter_date)
    carried_out = re.search(r"carried out by inspectors from (.+?)\.\s", flat, re.IGNORECASE)
    where = carried_out[1] if carried_out else flat
    letter.inspectorates = [
        name
        for name, patterns in INSPECTORATE_NAMES.items()
        if any(re.search(pattern, where) for pattern in patterns)
    ]
    authority = re.search(r"determined that (?:the )?(.+?) is the principal authority", flat)
    if authority:
        letter.principal_authority = authority[1]
    letter.addressees = _addressees(lines)
    headline = _section(lines, "headline findings") or _section(lines, "summary of findings")
    letter.headline_findings = "\n\n".join(_paragraphs(_lines(lines, headline), compounds))
    # Older letters named areas for priority action before their areas for improvement:
    # both are findings the plan answers, in the letter's order, the first flagged.
    found: list[tuple[int, str, bool]] = []
    for section, is_priority in ((improve, False), (priority, True), (older, False)):
        for start, item in list_items(_lines(lines, section), compounds):
            found.append((section[0] + start, item, is_priority))
    found.sort(key=lambda each: each[0])
    letter.findings = [item for _, item, _ in found]
    letter.priority_findings = [item for _, item, is_priority in found if is_priority]
    letter.finding_pages = [pages[index] for index, _, _ in found]
    letter.strengths = [
        item for _, item in list_items(_lines(lines, _section(lines, "strengths")), compounds)
    ]
    return letter


def _local_area(lines: list[str]) -> str:
    """The place in the letter's heading, "Joint targeted area inspection of <place>".
    Older letters' headings name the subject too ("... of the multi-agency response to ...
    in Croydon"), often wrapped over two or three lines."""
    for index, line in enumerate(lines):
        heading = re.match(r"\s*Joint targeted area inspection of (.+?)\s*$", line, re.I)
        if not heading:
            continue
        area = heading[1]
        following = index + 1
        place = r" (?:in|across) (?:the )?([A-Z].*)$"
        while area.startswith("the ") and following < min(index + 4, len(lines)):
            if re.search(place, area) or not lines[following].strip():
                break
            area = f"{area} {lines[following].strip()}"
            following += 1
        in_place = re.search(place, area) if area.startswith("the ") else None
        return (in_place[1] if in_place else area).strip().rstrip(".")
    return ""


def _lines(lines: list[str], section: tuple[int, int] | None) -> list[str]:
    return lines[section[0] : section[1]] if section else []


def _flat(lines: list[str], section: tuple[int, int] | None) -> str:
    return unwrap(" ".join(line.strip() for line in _lines(lines, section) if line.strip()))


def _subject(flat: str) -> str:
    """What was inspected, from the letter's first sentence: "... the joint targeted area
    inspection (JTAI) of the multi-agency response to ... in Lewisham." The sentence ends
    the subject, and the place it names is not part of it."""
    sentence = r"joint targeted area inspection (?:\(JTAI\) )?(?:of|into) (the [^.]+?)\.(?:\s|$)"
    # The letter's own sentence first: an older letter's heading names the subject too,
    # with no full stop before the next sentence.
    found = re.search(rf"(?:summarises|findings of) (?:the|a) {sentence}", flat, re.I) or (
        re.search(sentence, flat, re.IGNORECASE)
    )
    if not found:
        return ""
    subject = found[1]
    place = re.search(
        r"\s(?:in|across)\s(?:the\s)?(?:[A-Z][\w'’&-]*|of|and)(?:\s(?:[A-Z][\w'’&-]*|of|and))*$",
        subject,
    )
    return subject[: place.start()] if place else subject


DEADLINE = re.compile(
    r"\b(?:by|no later than|not later than|on or before|before|due on|due by|deadline"
    r"(?: for [^.]{0,60}?)? (?:is|of)|is due|must be received by)\s+"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:the\s+)?"
    rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS}),?\s+(\d{{4}})",
    re.IGNORECASE,
)


def _statement_due(text: str) -> datetime.date | None:
    """The date by which the written statement must reach Ofsted, however next steps word
    it: "by 11 May 2023", "no later than Thursday 14 March 2024", "The deadline for the
    statement is 9 October 2019"."""
    if not re.search(r"written statement|statement of (?:proposed )?action|response", text, re.I):
        return None
    found = DEADLINE.search(text)
    return _date(found.groups()) if found else None


def suggest_statement_due(letter_date: datetime.date) -> datetime.date:
    """70 working days after the letter, skipping England and Wales bank holidays: only a
    suggestion, for the Regulations count from the day the report is received and the
    letter's own date always stands."""
    return working_days_from(letter_date, WORKING_DAYS_TO_STATEMENT)


def _date(parts) -> datetime.date | None:
    day, month, year = parts
    try:
        return datetime.datetime.strptime(f"{day} {month} {year}", "%d %B %Y").date()
    except ValueError:
        return None


def _onsite(flat: str):
    """The first and last days on site: "from 21 to 25 November 2022", "between 27
    November and 1 December 2023", "21–25 November 2022", "from 30 December 2024 to 3
    January 2025"."""
    found = re.search(
        r"(?:took place|was carried out|were on site|on site|inspected|\bbetween)[^.]{0,40}?"
        rf"(\d{{1,2}})(?:\s+({MONTHS}))?(?:\s+(\d{{4}}))?\s*(?:to|and|–|—|-)\s*{DATE}",
        flat,
        re.IGNORECASE,
    )
    if not found:
        return None, None
    day, month, year, end_day, end_month, end_year = found.groups()
    return _date((day, month or end_month, year or end_year)), _date((end_day, end_month, end_year))


def _letter_date(lines: list[str]) -> datetime.date | None:
    for line in lines[:25]:
        found = re.fullmatch(rf"\s*{DATE}\s*", line)
        if found:
            return _date(found.groups())
        if line.strip().lower().startswith("dear "):
            break
    return None


def _section(lines: list[str], heading: str) -> tuple[int, int] | None:
    """Where the lines under a heading start and end: up to the next of the letter's
    headings."""
    start = None
    for index, line in enumerate(lines):
        name = line.strip().lower().rstrip("?:").strip()
        if start is None and name == heading:
            start = index + 1
        elif start is not None and name in SECTIONS:
            return start, index
    return (start, len(lines)) if start is not None else None


def _paragraphs(lines: list[str], compounds: frozenset[str] = frozenset()) -> list[str]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(unwrap(" ".join(current), compounds))
            current = []
    if current:
        paragraphs.append(unwrap(" ".join(current), compounds))
    return paragraphs


def _addressees(lines: list[str]) -> list[str]:
    """The people the letter is addressed to, between its date and "Dear ...": one a line,
    or run together on one line ("Name, Role, Organisation Name, Role, ...")."""
    block = []
    started = False
    for line in lines:
        stripped = line.strip()
        if stripped.lower().startswith("dear "):
            break
        if re.fullmatch(DATE, stripped):
            started = True
            continue
        if started and stripped:
            block.append(stripped)
    # One person a line, or all on one line, or wrapped by a PDF: joined, then split by name.
    return _split_people(" ".join(block)) if block else []


TITLES = {"Sir", "Dame", "Dr", "Mr", "Mrs", "Ms", "Miss", "Professor", "Cllr", "Lord", "Lady"}


def _split_people(line: str) -> list[str]:
    """Splits "…, Lewisham Council Ceri Jacobs, Place Executive lead, …" before each
    "Firstname Surname," that follows the end of the previous person's organisation."""
    words = line.split()
    starts = [0]
    for index in range(1, len(words) - 1):
        previous = words[index - 1]
        name = words[index : index + 3] if words[index] in TITLES else words[index : index + 2]
        if (
            len(name) >= 2
            and name[-1].endswith(",")
            and all(word[:1].isupper() for word in name)
            and previous[:1].isupper()
            and not previous.endswith(",")
            and previous not in TITLES
        ):
            starts.append(index)
    starts.append(len(words))
    return [" ".join(words[a:b]) for a, b in zip(starts, starts[1:], strict=False) if a < b]


def _theme(subject: str) -> Theme | None:
    lowered = subject.lower()
    for words, theme_words in THEME_WORDS:
        if words in lowered:
            theme = Theme.objects.filter(name__icontains=theme_words).first()
            if theme:
                return theme
    return None
