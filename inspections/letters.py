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
from collections import Counter
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import DependencyError

from govuk.working_days import working_days_from
from inspections.models import Theme


class LetterError(Exception):
    """The file or text cannot be read as a JTAI letter; the message says why."""


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"(\d{{1,2}})\s+({MONTHS})\s+(\d{{4}})"
BULLET = re.compile(r"^\s*(?:[•■▪●◦‣∙·*\-–—]|\d{1,2}[.)])\s+")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.IGNORECASE)
# Words that keep their hyphen when a line breaks after it ("multi-" + "agency").
HYPHEN_PREFIXES = {
    "multi", "pre", "post", "non", "co", "cross", "inter", "sub", "self", "well", "long",
    "short", "re", "anti", "under", "over", "out", "front", "child", "single", "extra",
    "intra", "semi", "out-of", "face", "age", "high", "low", "early", "on", "off", "step",
}  # fmt: skip
SECTIONS = ["headline findings", "what needs to improve", "strengths", "main findings",
            "next steps"]  # fmt: skip
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
    """The letter's text, page headers and footers dropped. Refuses what is not a readable,
    text-bearing PDF of a letter's size, saying which, before reading any page's text."""
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
        pages = [page.extract_text() or "" for page in reader.pages]
    except LetterError:
        raise
    except DependencyError as error:
        # An encryption pypdf cannot undo without a library that is missing: to the manager,
        # a protected file all the same.
        raise LetterError(protected) from error
    except Exception as error:
        # A damaged or unusual PDF makes pypdf raise almost anything (its own errors,
        # ValueError, KeyError, TypeError, RecursionError...): each means the file
        # cannot be read, never a server error.
        raise LetterError(
            "The PDF cannot be read. It may be damaged: try saving it again"
        ) from error
    if not "".join(pages).strip():
        raise LetterError(
            "The PDF has no text in it: it is probably a scanned image. Paste the letter's "
            "text instead"
        )
    return "\n".join(_drop_running_lines(pages))


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Page headers and footers: lines that open or close several pages alike, and page
    numbers."""
    edges = Counter()
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        edges.update(set(lines[:2] + lines[-2:]))
    repeated = {line for line, count in edges.items() if count >= 2 and len(pages) >= 2}
    cleaned = []
    for page in pages:
        kept = [
            line
            for line in page.splitlines()
            if line.strip() not in repeated and not PAGE_NUMBER.match(line)
        ]
        cleaned.append("\n".join(kept))
    return cleaned


def read_letter(text: str) -> LetterExtract:
    """Everything the letter says that the inspection record holds."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n") if not PAGE_NUMBER.match(line)]
    flat = _unwrap(" ".join(line.strip() for line in lines if line.strip()))
    if not re.search(r"joint targeted area inspection", flat, re.IGNORECASE) or not _section(
        lines, "what needs to improve"
    ):
        raise LetterError(
            "This does not look like a JTAI letter of findings: it has no 'joint targeted "
            "area inspection' and no 'What needs to improve?' section"
        )
    letter = LetterExtract()
    area = re.search(r"Joint targeted area inspection of (.+?)(?:\s{2,}|\n|$)", "\n".join(lines),
                     re.IGNORECASE)  # fmt: skip
    if area:
        letter.local_area = area[1].strip().rstrip(".")
    subject = re.search(
        r"joint targeted area inspection (?:\(JTAI\) )?of (the .+?) (?:in|across) (?:the )?"
        + re.escape(letter.local_area or "@@"),
        flat,
        re.IGNORECASE,
    ) or re.search(r"joint targeted area inspection (?:\(JTAI\) )?of (the .+?)\.", flat, re.I)
    if subject:
        letter.subject = subject[1]
    letter.theme = _theme(letter.subject)
    letter.onsite_start, letter.onsite_end = _onsite(flat)
    letter.letter_date = _letter_date(lines)
    due = re.search(rf"written statement of (?:proposed )?action.{{0,150}}?\bby {DATE}", flat, re.I)
    if due:
        letter.statement_due = _date(due.group(1, 2, 3))
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
    compounds = _compounds(text)
    headline = _paragraphs(_section(lines, "headline findings"), compounds)
    letter.headline_findings = "\n\n".join(headline)
    letter.findings = _items(_section(lines, "what needs to improve"), compounds)
    letter.strengths = _items(_section(lines, "strengths"), compounds)
    return letter


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
    patterns = [
        rf"took place (?:from|between) (\d{{1,2}}) (?:to|and) {DATE}",
        rf"took place (?:from|between) (\d{{1,2}}) ({MONTHS}) (?:to|and) {DATE}",
        rf"took place (?:from|between) {DATE} (?:to|and) {DATE}",
    ]
    for number, pattern in enumerate(patterns):
        found = re.search(pattern, flat, re.IGNORECASE)
        if not found:
            continue
        groups = found.groups()
        if number == 0:
            start = _date((groups[0], groups[2], groups[3]))
            end = _date(groups[1:4])
        elif number == 1:
            start = _date((groups[0], groups[1], groups[4]))
            end = _date(groups[2:5])
        else:
            start, end = _date(groups[0:3]), _date(groups[3:6])
        return start, end
    return None, None


def _letter_date(lines: list[str]) -> datetime.date | None:
    for line in lines[:25]:
        found = re.fullmatch(rf"\s*{DATE}\s*", line)
        if found:
            return _date(found.groups())
        if line.strip().lower().startswith("dear "):
            break
    return None


def _section(lines: list[str], heading: str) -> list[str]:
    """The lines under a heading, up to the next of the letter's headings."""
    start = None
    for index, line in enumerate(lines):
        name = line.strip().lower().rstrip("?:").strip()
        if start is None and name == heading:
            start = index + 1
        elif start is not None and name in SECTIONS:
            return lines[start:index]
    return lines[start:] if start is not None else []


def _items(lines: list[str], compounds: frozenset[str] = frozenset()) -> list[str]:
    """The section's bullets, each whole: wrapped lines joined, page breaks ignored."""
    items: list[list[str]] = []
    continuing = False
    for line in lines:
        if not line.strip():
            # A wrapped item runs on without a blank line; after one, only a new bullet
            # continues the list. What comes between is a page's header or footer.
            continuing = False
            continue
        bullet = BULLET.match(line)
        if bullet:
            items.append([line[bullet.end() :].strip()])
            continuing = True
        elif items and continuing:
            items[-1].append(line.strip())
        # Text before the first bullet is an introduction, not an item.
    return [_unwrap(" ".join(parts), compounds) for parts in items]


def _paragraphs(lines: list[str], compounds: frozenset[str] = frozenset()) -> list[str]:
    paragraphs, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(_unwrap(" ".join(current), compounds))
            current = []
    if current:
        paragraphs.append(_unwrap(" ".join(current), compounds))
    return paragraphs


def _unwrap(text: str, compounds: frozenset[str] = frozenset()) -> str:
    """Joins words a line break hyphenated: "assess- ment" is one word, but "multi- agency"
    keeps its hyphen, as does any compound the letter writes whole elsewhere
    ("information-sharing"), and "short- and long-term" stays as written."""

    def join(found):
        word, following = found[1], found[2]
        if following in ("and", "or", "to"):
            return found[0]
        hyphenated = f"{word}-{following}".lower()
        keep = word.lower() in HYPHEN_PREFIXES or hyphenated in compounds
        return f"{word}-{following}" if keep else f"{word}{following}"

    text = re.sub(r"\b(\w+)- ([a-z]\w*)", join, text)
    return " ".join(text.split())


def _compounds(text: str) -> frozenset[str]:
    """Hyphenated words the letter writes whole on one line somewhere."""
    return frozenset(word.lower() for word in re.findall(r"\b\w+-\w+\b", text))


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
