"""Each row of the sheet checked against the plan's findings and the partnership's
agencies and people; every problem noted as "row N, column: problem". Writes nothing.

Plans kept elsewhere are read as partnerships write them: a "No." column repeating the
area's number on each of its actions (1, 1, 2, 2) gives the area, and the actions are then
numbered 1.1, 1.2; lead agencies written the short way ("Met Police", "Council") are the
one agency they fit; dates as Excel dates, 31/03/2027, 31 March 2027 or 31 Mar 27, and a
month alone (March 2027) as its last day, which the check page says. Header rows repeated
down the sheet (a Word table's, on each page) are skipped.

An agency written in a way that fits none of the partnership's agencies, or more than one,
is a row error; in the browser it is asked instead, once per value however many rows write
it (AgencyQuestion), and the sheet read again with the answers (parse_sheet's
chosen_agencies)."""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from openpyxl.utils.datetime import from_excel

from actions.fields import plan_columns
from actions.models import Action, Finding, Plan
from actions.rag import RAG
from actions.selectors import latest_update
from audit.csv_export import FORMULA_STARTS
from partnerships.models import Agency, AgencyKind
from people.models import User
from people.permissions import LEAD_OFFICER_ROLES
from spreadsheets.importers.columns import (
    field_labels,
    find_header,
    map_columns,
    plain_words,
    plan_sheet,
    required,
)
from spreadsheets.importers.reading import Sheet
from spreadsheets.importers.updating import RowUpdate, row_updates

REFERENCE_LENGTH = Action._meta.get_field("reference").max_length
# Action.position orders an area's actions; it is a smallint in PostgreSQL.
LAST_POSITION = 32_767
NUMBERED_AREA = re.compile(
    r"^\s*(?:area for improvement|area|afi|finding|no\.?)?\s*(\d+)\s*(?:[.:)\-]|$)", re.IGNORECASE
)

RAG_WORDS = {
    "r": RAG.RED,
    "red": RAG.RED,
    "a": RAG.AMBER,
    "amber": RAG.AMBER,
    "g": RAG.GREEN,
    "green": RAG.GREEN,
    "b": RAG.COMPLETE,
    "blue": RAG.COMPLETE,
    "c": RAG.COMPLETE,
    "complete": RAG.COMPLETE,
    "completed": RAG.COMPLETE,
    "not started": RAG.NOT_STARTED,
    "not yet started": RAG.NOT_STARTED,
    "ns": RAG.NOT_STARTED,
}
# What plans write for a partner of a kind, rather than its name.
AGENCY_KIND_WORDS = {
    "police": AgencyKind.POLICE,
    "health": AgencyKind.HEALTH,
    "icb": AgencyKind.HEALTH,
    "ccg": AgencyKind.HEALTH,
    "local authority": AgencyKind.LOCAL_AUTHORITY,
    "la": AgencyKind.LOCAL_AUTHORITY,
    "council": AgencyKind.LOCAL_AUTHORITY,
    "childrens social care": AgencyKind.LOCAL_AUTHORITY,
    "csc": AgencyKind.LOCAL_AUTHORITY,
    "lscp": AgencyKind.PARTNERSHIP,
    "lscb": AgencyKind.PARTNERSHIP,
    "partnership": AgencyKind.PARTNERSHIP,
    "probation": AgencyKind.PROBATION,
    "education": AgencyKind.EDUCATION,
    "youth justice": AgencyKind.YOUTH_JUSTICE,
    "yjs": AgencyKind.YOUTH_JUSTICE,
}


def _unguarded(text: str) -> str:
    """Undoes the export's guard against spreadsheet formulas ("'=…" back to "=…")."""
    return text[1:] if text[:1] == "'" and text[1:].startswith(FORMULA_STARTS) else text


# The columns read above, each with a rule of its own (matching, checking, numbering).
READ_BY_ITS_OWN_RULE = {
    "reference",
    "finding",
    "description",
    "lead_agency",
    "lead_officer",
    "start_date",
    "target_date",
    "success_measure",
    "rag",
    "latest_update",
    "last_updated",
    "supporting_agencies",
    "action_id",  # the export's own number for the row, never written as a field
}


OTHER_PLANS_IDS = (
    "The Action ID column names actions of another plan, so its rows are read as actions "
    "new to this one"
)


@dataclass
class AgencyQuestion:
    """A lead or supporting agency the importer could not match on its own, asked once for
    every row that writes it (compared as plain words: "Safeguarding Team." is
    "safeguarding team")."""

    value: str  # as the first row writes it
    could_be: list[Agency]  # the agencies it fits, if more than one; empty if it fits none
    rows: list[int] = field(default_factory=list)
    answer: Agency | None = None  # the agency the person said it is
    errors: list[str] = field(default_factory=list)  # the row errors it makes, unanswered

    @property
    def question(self) -> str:
        return f"Which agency is '{self.value}'?"

    @property
    def why(self) -> str:
        if self.could_be:
            names = _in_words([agency.name for agency in self.could_be], last="or")
            because = f"It could be {names}."
        else:
            because = "No agency in this partnership is called that."
        rows = _in_words([str(number) for number in self.rows], last="and")
        written = f"row {rows}" if len(self.rows) == 1 else f"rows {rows}"
        return f"{because} It is written on {written}."

    @property
    def unanswered(self) -> str:
        return f"Select which agency '{self.value}' is"

    @property
    def read_as(self) -> str:
        return f"'{self.value}' read as {self.answer.name}, as you said" if self.answer else ""


def _in_words(words: list[str], *, last: str) -> str:
    """Words listed as a sentence lists them: a; a and b; a, b and c."""
    return f" {last} ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


@dataclass
class ImportRow:
    row_number: int
    finding: object = None
    reference: str = ""
    description: str = ""
    lead_agency: Agency | None = None
    lead_officer: User | None = None
    start_date: datetime.date | None = None
    target_date: datetime.date | None = None
    success_measure: str = ""
    rag: RAG = RAG.NOT_STARTED
    latest_update: str = ""
    last_updated: datetime.date | None = None
    supporting_agencies: list[Agency] = field(default_factory=list)
    action_id: int | None = None  # the id the export wrote for the action, if any
    action_version: int | None = None  # and the version it was at then
    already_in_plan: bool = False
    # Columns the importer has no rule of its own for, read as their text or date.
    values: dict[str, object] = field(default_factory=dict)


@dataclass
class ImportResult:
    headers: list[str]
    mapping: dict[int, str]  # column index -> field
    unmapped: list[int]  # column indexes the importer could not name
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # How a value was read when it could be read more than one way ("March 2027" as 31 March)
    notes: list[str] = field(default_factory=list)
    numbers_are_areas: bool = False  # the "No." column gives each action's area
    # What each row for an action already in the plan changes in it, or why it may not.
    updates: list[RowUpdate] = field(default_factory=list)
    # Agencies written in a way the importer could not match, in the order the sheet has them,
    # and the partnership's agencies, which are the answers.
    agency_questions: list[AgencyQuestion] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)

    @property
    def asks_about_agencies(self) -> bool:
        """Whether the only problems are agencies to be asked about (then the browser asks;
        with other problems the file is corrected and uploaded again anyway)."""
        asked = {error for question in self.agency_questions for error in question.errors}
        return bool(asked) and all(error in asked for error in self.errors)

    @property
    def missing(self) -> list[str]:
        present = set(self.mapping.values())
        if self.numbers_are_areas:
            present.add("finding")
        return [name for name in required() if name not in present]

    @property
    def recognised(self) -> list[tuple[str, str]]:
        """(the sheet's header, what the service reads it as), in the sheet's order."""
        labels = field_labels()
        return [(self.headers[i], labels[f]) for i, f in sorted(self.mapping.items())]

    @property
    def missing_labels(self) -> list[str]:
        labels = field_labels()
        return [labels[name] for name in self.missing]

    @property
    def to_update(self) -> list[RowUpdate]:
        return [update for update in self.updates if update.writes]

    @property
    def refused(self) -> list[RowUpdate]:
        return [update for update in self.updates if update.refused]

    @property
    def unchanged(self) -> int:
        """Rows for actions already in the plan that change nothing in them."""
        changing = len(self.to_update) + len(self.refused)
        return sum(row.already_in_plan for row in self.rows) - changing

    @property
    def to_add(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.already_in_plan]


def parse_plan(
    *,
    plan: Plan,
    content: bytes,
    filename: str,
    chosen_columns: dict[int, str] | None = None,
    chosen_agencies: dict[str, int] | None = None,
    by: User | None = None,
) -> ImportResult:
    """Reads and checks every row of the file, as `by` would change the plan. Writes
    nothing."""
    return parse_sheet(
        plan=plan,
        sheet=plan_sheet(content, filename),
        chosen_columns=chosen_columns,
        chosen_agencies=chosen_agencies,
        by=by,
    )


def parse_sheet(
    *,
    plan: Plan,
    sheet: Sheet,
    chosen_columns: dict[int, str] | None = None,
    chosen_agencies: dict[str, int] | None = None,
    by: User | None = None,
) -> ImportResult:
    """Checks every row of a sheet already read, as `by` (who imports it) would change the
    plan: a manager moves no date of an action they lead. Writes nothing. chosen_agencies says which
    agency (by id, of this partnership) an agency value the importer could not match is."""
    header_index, headers = find_header(sheet)
    mapping, unmapped = map_columns(headers, chosen_columns)
    result = ImportResult(headers=headers, mapping=mapping, unmapped=unmapped)
    header_words = _trimmed([plain_words(header) for header in headers])
    rows = [
        (row_number, values)
        for row_number, values in sheet.rows[header_index + 1 :]
        # blank rows between sections, and the header again (a Word table's, on each page)
        if any(str(value or "").strip() for value in values)
        and _trimmed([plain_words(value) for value in values]) != header_words
    ]
    reference_index = next((i for i, f in mapping.items() if f == "reference"), None)
    if reference_index is not None:
        result.numbers_are_areas = numbers_are_areas(
            [values[reference_index] for _, values in rows if reference_index < len(values)],
            has_area_column="finding" in mapping.values(),
        )
    if result.missing:
        names = ", ".join(result.missing_labels)
        result.errors.append(f"The sheet has no column for: {names}")
        return result

    matcher = _Matcher(plan, chosen_agencies=chosen_agencies)
    result.agencies = matcher.agencies
    for row_number, values in rows:
        result.rows.append(matcher.row(row_number, values, mapping, headers, result))
    result.agency_questions = list(matcher.questions.values())
    result.notes.extend(question.read_as for question in result.agency_questions if question.answer)
    if not result.rows and not result.errors:
        result.errors.append("The sheet has a header row but no actions under it")
    matcher.number_and_deduplicate(result)
    if not result.errors:
        # Rows for actions already in the plan update them, by the service's own rules.
        result.updates = row_updates(
            actions=matcher.in_plan,
            rows=[row for row in result.rows if row.already_in_plan],
            columns=set(mapping.values()),
            by=by,
        )
    return result


def _action_id(text: str) -> tuple[int | None, int | None]:
    """The export's "<id>-<version>" (or a bare id) as numbers; (None, None) if neither."""
    match = re.fullmatch(r"\s*(\d+)(?:\.0)?(?:\s*-\s*(\d+))?\s*", str(text))
    if not match or int(match[1]) < 1:
        return None, None
    return int(match[1]), int(match[2]) if match[2] else None


def _trimmed(words: list[str]) -> list[str]:
    while words and not words[-1]:
        words.pop()
    return words


def _whole_number(value) -> int | None:
    """1, 1.0 or "1" as 1; anything else (1.1, "1.2", "A") as None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = str(value or "").strip().rstrip(".")
    return int(text) if text.isdigit() else None


def numbers_are_areas(values: list, *, has_area_column: bool) -> bool:
    """Whether a "No." column holds each action's area rather than its reference: every
    value a whole number, repeated on the actions of an area (1, 1, 2, 2), or the sheet
    having no column of areas to read. "1.1" and the like are references."""
    filled = [value for value in values if str(value or "").strip()]
    numbers = [_whole_number(value) for value in filled]
    if not numbers or None in numbers:
        return False
    return len(set(numbers)) < len(numbers) or not has_area_column


class _Matcher:
    """Turns one row's cells into an action of this plan, noting each problem."""

    def __init__(self, plan: Plan, chosen_agencies: dict[str, int] | None = None):
        self.plan = plan
        self.findings = list(Finding.objects.filter(plan=plan).order_by("number"))
        self.agencies = list(Agency.objects.filter(partnership=plan.partnership_id))
        by_id = {agency.pk: agency for agency in self.agencies}
        # Only this partnership's agencies can be an answer.
        self.answers = {
            plain_words(value): by_id[pk]
            for value, pk in (chosen_agencies or {}).items()
            if pk in by_id
        }
        self.questions: dict[str, AgencyQuestion] = {}
        self.people = list(
            User.objects.filter(
                partnership=plan.partnership_id, is_active=True, role__in=LEAD_OFFICER_ROLES
            )
        )
        # The plan's actions as they are now, with what a row sent back is compared with.
        self.in_plan = list(
            Action.objects.filter(finding__plan=plan)
            .select_related("finding__plan", "lead_agency", "lead_officer")
            # action_edit is given each updated action's supporting agencies: read once here.
            .prefetch_related("supporting_agencies")
            .annotate(latest_narrative=latest_update("narrative"))
        )
        self.action_ids = {action.pk for action in self.in_plan}

    def row(self, row_number, values, mapping, headers, result) -> ImportRow:
        row = ImportRow(row_number)

        def cell(field_name):
            for index, mapped in mapping.items():
                if mapped == field_name:
                    return values[index] if index < len(values) else None
            return None

        def problem(field_name, message) -> str:
            index = next(i for i, f in mapping.items() if f == field_name)
            error = f"row {row_number}, {headers[index]}: {message}"
            result.errors.append(error)
            return error

        def agency(field_name, value) -> Agency | None:
            """The agency a value names, or the one the person said it is; else a problem,
            noted as the question to ask."""
            found, message = self.agency(value)
            if not message:
                return found
            question = self.question(value)
            if row_number not in question.rows:
                question.rows.append(row_number)
            if question.answer is None:
                question.errors.append(problem(field_name, message))
            return question.answer

        text = {name: _unguarded(_text(cell(name))) for name in field_labels()}
        area_number = ""
        if result.numbers_are_areas:
            area_number, text["reference"] = text["reference"].rstrip("."), ""
        row.reference = text["reference"]
        if len(row.reference) > REFERENCE_LENGTH:
            problem("reference", f"must be {REFERENCE_LENGTH} characters or fewer")
        row.description = text["description"]
        row.success_measure = text["success_measure"]
        row.latest_update = text["latest_update"]
        for name in ("description", "success_measure"):
            if not text[name]:
                problem(name, "is empty")

        row.finding = self.finding(text["finding"], row.reference)
        if row.finding is None and area_number:  # the area's words may differ from the letter's
            row.finding = self.finding(area_number, "")
        if row.finding is None:
            about = "finding" if "finding" in mapping.values() else "reference"
            problem(
                about,
                "matches none of this inspection's areas for improvement"
                if text["finding"] or area_number
                else "is empty",
            )

        if text["lead_agency"]:
            row.lead_agency = agency("lead_agency", text["lead_agency"])
        else:
            problem("lead_agency", "is empty")

        if text["lead_officer"]:
            row.lead_officer = self.officer(text["lead_officer"])
            if row.lead_officer is None:
                result.warnings.append(
                    f"row {row_number}: no one called {text['lead_officer']!r} uses the service "
                    "yet, so the action has no lead officer"
                )

        for name in _agency_list(text["supporting_agencies"]):
            supporting = agency("supporting_agencies", name)
            if supporting is not None and supporting not in row.supporting_agencies:
                row.supporting_agencies.append(supporting)

        if text["action_id"]:
            row.action_id, row.action_version = _action_id(text["action_id"])
            if row.action_id is None:
                problem(
                    "action_id",
                    f"{text['action_id']!r} is not an action's number: leave the column as the "
                    "export wrote it, or empty",
                )
            elif row.action_id not in self.action_ids:
                # Another plan's export (a plan copied to start this one): a new action.
                row.action_id = row.action_version = None
                if OTHER_PLANS_IDS not in result.notes:
                    result.notes.append(OTHER_PLANS_IDS)

        def read_date(name):
            raw = cell(name)
            value, month_only = _date_read(raw)
            index = next(i for i, f in mapping.items() if f == name)
            if value is None:
                problem(name, f"{str(raw).strip()!r} is not a date: write it as dd/mm/yyyy")
            elif month_only:
                result.notes.append(
                    f"row {row_number}, {headers[index]}: {str(raw).strip()!r} read as "
                    f"{value.day} {value:%B %Y}, the last day of the month"
                )
            return value

        for name in ("target_date", "start_date", "last_updated"):
            raw = cell(name)
            if raw in (None, ""):
                if name == "target_date":
                    problem(name, "is empty")
                continue
            setattr(row, name, read_date(name))

        if row.start_date and row.target_date and row.target_date < row.start_date:
            problem("target_date", "is before the start date")

        for column in plan_columns():
            if column.name in READ_BY_ITS_OWN_RULE or not column.imported:
                continue  # export-only columns (overdue, evidence, closure) are not read
            raw = cell(column.name)
            if column.date and raw not in (None, ""):
                row.values[column.name] = read_date(column.name)
            elif not column.date:
                row.values[column.name] = text[column.name]

        if text["rag"]:
            status = RAG_WORDS.get(plain_words(text["rag"]))
            if status is None:
                problem(
                    "rag",
                    f"{text['rag']!r} is not a RAG status: use Red, Amber, Green, Complete "
                    "(or Blue), Not started, or R, A, G",
                )
            else:
                row.rag = status
        return row

    def finding(self, value: str, reference: str):
        """By number ("3", "AFI 3", "Area for improvement 3: ..."), by the letter's words,
        or, with the area left blank, by the action's reference ("3.2" is in area 3)."""
        number = NUMBERED_AREA.match(value)
        if number:
            found = next((f for f in self.findings if f.number == int(number[1])), None)
            if found:
                return found
        wanted = plain_words(value)
        for candidate in self.findings:
            have = plain_words(candidate.text)
            if wanted and (wanted == have or (len(wanted) >= 20 and have.startswith(wanted))):
                return candidate
        by_reference = re.match(r"^(\d+)\.", reference)
        if not value and by_reference:
            return next((f for f in self.findings if f.number == int(by_reference[1])), None)
        return None

    def agency(self, value: str) -> tuple[Agency | None, str]:
        """The one agency a value names, else the problem with it."""
        fitting = self.agencies_fitting(value)
        if len(fitting) == 1:
            return fitting[0], ""
        if fitting:
            return None, f"{value!r} could be more than one agency: use the agency's full name"
        return None, f"no agency called {value!r} in this partnership"

    def agencies_fitting(self, value: str) -> list[Agency]:
        """By its name or short name; else by the kind of partner a word stands for
        ("Police", "ICB", "LA"); else the one agency the words fit, each word being a word
        of its kind or the start of a word of its name ("Met Police", "Lewisham Council").
        More than one when the first of these that fits any fits several."""
        wanted = plain_words(value)
        named = [
            a for a in self.agencies if wanted in (plain_words(a.name), plain_words(a.short_name))
        ]
        if len(named) == 1:
            return named
        kind = AGENCY_KIND_WORDS.get(wanted)
        of_kind = [a for a in self.agencies if a.kind == kind] if kind else []
        if len(of_kind) == 1:
            return of_kind
        if len(named) > 1:
            return named
        if of_kind:
            return of_kind
        return [a for a in self.agencies if _written_short(wanted, a)]

    def question(self, value: str) -> AgencyQuestion:
        """The question about a value the importer could not match, one for all its rows."""
        key = plain_words(value)
        if key not in self.questions:
            fitting = self.agencies_fitting(value)
            self.questions[key] = AgencyQuestion(
                value=value, could_be=fitting, answer=self.answers.get(key)
            )
        return self.questions[key]

    def officer(self, value: str) -> User | None:
        wanted = plain_words(value)
        for person in self.people:
            names = {
                plain_words(person.get_full_name()),
                plain_words(person.username),
                plain_words(person.email),
            }
            if wanted in names:
                return person
        return None

    def number_and_deduplicate(self, result: ImportResult):
        """Marks rows already in the plan, refuses a reference used twice, numbers rows
        with none after the references already taken in their area, and refuses more
        actions in an area than the plan can place."""
        in_plan = self.in_plan
        existing = {(action.finding_id, action.reference): action for action in in_plan}
        described = {(action.finding_id, plain_words(action.description)) for action in in_plan}
        taken = set(existing) | {
            (row.finding.pk, row.reference) for row in result.rows if row.finding and row.reference
        }
        seen = {}
        next_number = {}  # finding -> the lowest number that may still be free
        for row in result.rows:
            if row.finding is None:
                continue
            if row.action_id:  # the export's own row for an action in the plan
                row.already_in_plan = True
                continue
            key = (row.finding.pk, row.reference)
            if row.reference and key in seen:
                result.errors.append(
                    f"row {row.row_number}, No.: {row.reference} is also used on row {seen[key]}"
                )
            seen[key] = row.row_number
            if (row.reference and key in existing) or (
                not row.reference and (row.finding.pk, plain_words(row.description)) in described
            ):
                row.already_in_plan = True
                continue
            if not row.reference:
                number = next_number.get(row.finding.pk, 1)
                while (row.finding.pk, f"{row.finding.number}.{number}") in taken:
                    number += 1
                row.reference = f"{row.finding.number}.{number}"
                taken.add((row.finding.pk, row.reference))
                next_number[row.finding.pk] = number + 1

        last_position = {}
        for action in in_plan:
            last_position[action.finding_id] = max(
                action.position, last_position.get(action.finding_id, 0)
            )
        adding = Counter(row.finding.pk for row in result.to_add if row.finding)
        for finding in self.findings:
            if last_position.get(finding.pk, 0) + adding[finding.pk] > LAST_POSITION:
                result.errors.append(
                    f"Area for improvement {finding.number} cannot take "
                    f"{adding[finding.pk]:,} more actions: an area can hold at most "
                    f"{LAST_POSITION:,}"
                )


def _written_short(wanted: str, agency: Agency) -> bool:
    """Whether every word is a word of the agency's kind or starts a word of its name."""
    words = wanted.split()
    name_words = plain_words(f"{agency.name} {agency.short_name}").split()
    kind_words = {
        word
        for phrase, kind in AGENCY_KIND_WORDS.items()
        if kind == agency.kind
        for word in phrase.split()
    }
    return bool(words) and all(
        word in kind_words or any(name.startswith(word) for name in name_words) for word in words
    )


def _agency_list(text: str) -> list[str]:
    """Supporting agencies as written: one a line or separated by ";" (as the export writes
    them), or by "," or "/"."""
    return [name.strip() for name in re.split(r"[;\n,/]", text) if name.strip()]


def _text(value) -> str:
    """A cell as text: a whole number stored as 1.0 reads as "1"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value if value is not None else "").strip()


def _excel_serial(value) -> datetime.date | None:
    """A date Excel stored as a day number, in a cell not formatted as a date."""
    if isinstance(value, (int, float)) and 20_000 <= value <= 80_000:  # 1954 to 2119
        return from_excel(value).date()
    text = str(value).strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _excel_serial(float(text))
    return None


DAY_PATTERNS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B %y",
    "%d %b %y",
    "%d-%b-%Y",
    "%d-%b-%y",
)
MONTH_PATTERNS = ("%B %Y", "%b %Y", "%b-%y", "%B-%y", "%b-%Y", "%B-%Y")


def _date_read(value) -> tuple[datetime.date | None, bool]:
    """The date a cell holds, and whether it named only a month (read as its last day)."""
    if isinstance(value, datetime.datetime):
        return value.date(), False
    if isinstance(value, datetime.date):
        return value, False
    serial = _excel_serial(value)
    if serial:
        return serial, False
    text = " ".join(str(value).replace(",", " ").split())
    text = re.sub(r"^(\d{1,2})(?:st|nd|rd|th)\b", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\bsept\b", "Sep", text, flags=re.IGNORECASE)
    for pattern in DAY_PATTERNS:
        try:
            return datetime.datetime.strptime(text, pattern).date(), False
        except ValueError:
            continue
    for pattern in MONTH_PATTERNS:
        try:
            first = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return following - datetime.timedelta(days=1), True
    return None, False
