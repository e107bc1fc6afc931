"""What changed in the statement between the versions sent to Ofsted.

Each version recorded as sent keeps its content in a structured form
(StatementSubmission.content, made by `statement_content` from the same StatementDocument
its PDF is made from): the introduction and governance, each area for improvement and each
action with every field the statement shows of it. `statement_changes` compares two of
them, and says, in the order the statement reads, which areas were added, removed or
reworded, which actions were added or removed, each field of a kept action that changed
(a target date moved said as dates), and whether the introduction or governance changed.
The new version carries that list: the preview, the submit page, the PDF and the Word
document say what changed since the version sent before, and the sent versions each say
what changed from the one before them.

Versions sent before the content was kept have none: the list says there is no record to
compare with rather than guessing from the PDF.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from actions.fields import ActionField, action_field, statement_fields
from actions.models import Action, Plan
from statements.models import StatementSubmission

if TYPE_CHECKING:
    from statements.statement import StatementDocument

# What `content` holds; a change to its shape bumps this, so an older record can be read.
CONTENT_SCHEMA = 1

# The fields the statement lays out by hand (templates/statement/document.html: the
# reference, the action, its leads, the timescale, the success measure), by their names in
# the one declaration of an action's fields; every field the declaration marks
# `in_statement` follows, so a field added there is kept and compared without a change here.
LAID_OUT = (
    "reference",
    "description",
    "lead_agency",
    "lead_officer",
    "start_date",
    "target_date",
    "original_target_date",
    "success_measure",
)


class FieldContent(TypedDict):
    name: str
    label: str
    date: bool


class AreaContent(TypedDict):
    id: int
    number: int
    text: str
    priority: bool


class ActionContent(TypedDict):
    id: int
    area: int  # the area's number
    values: dict[str, str]  # by field name; a date as YYYY-MM-DD, nothing as ""


class StatementContent(TypedDict):
    schema: int
    version: str
    introduction: str
    governance: str
    fields: list[FieldContent]
    areas: list[AreaContent]
    actions: list[ActionContent]


def statement_action_fields() -> list[ActionField]:
    """The fields of an action the statement shows, from the declaration, in its order."""
    fields = [action_field(name) for name in LAID_OUT]
    return fields + [declared for declared in statement_fields() if declared.name not in LAID_OUT]


def _is_date(declared: ActionField) -> bool:
    return declared.column is not None and declared.column.date


def _stored(action: Action, declared: ActionField) -> str:
    """An action's field as the statement says it: the agency's full name, the officer
    with their job title, a date as YYYY-MM-DD."""
    if declared.name == "lead_agency":
        return action.lead_agency.name
    if declared.name == "lead_officer":
        officer = action.lead_officer
        if officer is None:
            return ""
        job = f", {officer.job_title}" if officer.job_title else ""
        return officer.get_full_name() + job
    value = getattr(action, declared.name)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def statement_content(document: "StatementDocument") -> StatementContent:
    """The statement's content as the version sent keeps it, read from the same document
    the PDF is made from."""
    plan = document.plan
    declared = statement_action_fields()
    return {
        "schema": CONTENT_SCHEMA,
        "version": plan.statement_version,
        "introduction": plan.statement_introduction,
        "governance": plan.statement_governance,
        "fields": [
            {"name": each.name, "label": each.label, "date": _is_date(each)} for each in declared
        ],
        "areas": [
            {
                "id": section.finding.pk,
                "number": section.finding.number,
                "text": section.finding.text,
                "priority": section.finding.is_priority,
            }
            for section in document.sections
        ],
        "actions": [
            {
                "id": row.action.pk,
                "area": section.finding.number,
                "values": {each.name: _stored(row.action, each) for each in declared},
            }
            for section in document.sections
            for row in section.rows
        ],
    }


# What changed -------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaReworded:
    number: int
    before: str
    after: str


@dataclass(frozen=True)
class FieldChanged:
    label: str
    before: str  # in words: a date as 31 March 2027, nothing as "none"
    after: str
    date: bool = False

    @property
    def words(self) -> str:
        if self.date:
            return f"{self.label} moved from {self.before} to {self.after}"
        return f"{self.label} changed from “{self.before}” to “{self.after}”"


@dataclass(frozen=True)
class ActionNamed:
    """An action added or removed: its reference, area and words."""

    reference: str
    area: int
    description: str


@dataclass(frozen=True)
class ActionChanged:
    reference: str
    area: int
    changes: list[FieldChanged]

    @property
    def target_date_moved(self) -> FieldChanged | None:
        return next((change for change in self.changes if change.label == "Target date"), None)


@dataclass(frozen=True)
class StatementChanges:
    areas_added: list[AreaContent] = field(default_factory=list)
    areas_removed: list[AreaContent] = field(default_factory=list)
    areas_reworded: list[AreaReworded] = field(default_factory=list)
    actions_added: list[ActionNamed] = field(default_factory=list)
    actions_removed: list[ActionNamed] = field(default_factory=list)
    actions_changed: list[ActionChanged] = field(default_factory=list)
    introduction_changed: bool = False
    governance_changed: bool = False

    @property
    def nothing(self) -> bool:
        return not self.lines

    @property
    def lines(self) -> list[str]:
        """Each change in a sentence, in the order the statement reads: its own words, the
        areas, then the actions. The preview, the PDF and the Word document list these."""
        lines = []
        if self.introduction_changed:
            lines.append("The introduction changed")
        if self.governance_changed:
            lines.append("The governance and monitoring arrangements changed")
        for area in self.areas_added:
            lines.append(f"Area for improvement {area['number']} added: {_short(area['text'])}")
        for area in self.areas_removed:
            lines.append(f"Area for improvement {area['number']} removed: {_short(area['text'])}")
        for reworded in self.areas_reworded:
            lines.append(
                f"Area for improvement {reworded.number} reworded: now “{_short(reworded.after)}”"
            )
        for action in self.actions_added:
            lines.append(
                f"Action {action.reference} added to area {action.area}: "
                f"{_short(action.description)}"
            )
        for action in self.actions_removed:
            lines.append(
                f"Action {action.reference} removed from area {action.area}: "
                f"{_short(action.description)}"
            )
        for changed in self.actions_changed:
            words = "; ".join(change.words for change in changed.changes)
            lines.append(f"Action {changed.reference}: {words}")
        return lines


def _short(text: str, words: int = 20) -> str:
    """A long area or action in its first words: the list points at it, the plan says it."""
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def _in_words(value: str, *, date: bool) -> str:
    if not value:
        return "none"
    if date:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return value
        return f"{day.day} {day:%B %Y}"
    return _short(value)


def _matched(
    before: list[ActionContent], after: list[ActionContent]
) -> tuple[list[tuple[ActionContent, ActionContent]], list[ActionContent], list[ActionContent]]:
    """Kept actions as pairs, matched by reference, then what is left by the action's id
    (an action whose reference was changed); then those removed and those added."""
    pairs: list[tuple[ActionContent, ActionContent]] = []
    left = list(before)
    added = []
    unmatched = []
    by_reference: dict[str, ActionContent] = {}
    for old in left:
        by_reference.setdefault(old["values"].get("reference", ""), old)
    for new in after:
        old_match = by_reference.pop(new["values"].get("reference", ""), None)
        if old_match is None:
            unmatched.append(new)
        else:
            pairs.append((old_match, new))
    paired = {id(old) for old, _ in pairs}
    left = [old for old in left if id(old) not in paired]
    by_id = {old["id"]: old for old in left}
    for new in unmatched:
        old_match = by_id.pop(new["id"], None)
        if old_match is None:
            added.append(new)
        else:
            pairs.append((old_match, new))
    removed = [old for old in left if old["id"] in by_id]
    order = {id(new): index for index, new in enumerate(after)}
    pairs.sort(key=lambda pair: order[id(pair[1])])
    return pairs, removed, added


def _named(action: ActionContent) -> ActionNamed:
    values = action["values"]
    return ActionNamed(values.get("reference", ""), action["area"], values.get("description", ""))


def _areas(
    before: list[AreaContent], after: list[AreaContent]
) -> tuple[list[AreaContent], list[AreaContent], list[AreaReworded]]:
    """Areas matched by their id, then by their number (an area made again)."""
    by_id = {area["id"]: area for area in before}
    unmatched = []
    pairs = []
    for new in after:
        old = by_id.pop(new["id"], None)
        if old is None:
            unmatched.append(new)
        else:
            pairs.append((old, new))
    by_number = {area["number"]: area for area in by_id.values()}
    added = []
    for new in unmatched:
        old = by_number.pop(new["number"], None)
        if old is None:
            added.append(new)
        else:
            pairs.append((old, new))
    reworded = [
        AreaReworded(new["number"], old["text"], new["text"])
        for old, new in sorted(pairs, key=lambda pair: pair[1]["number"])
        if _same_text(old["text"]) != _same_text(new["text"])
    ]
    removed = sorted(by_number.values(), key=lambda area: area["number"])
    return added, removed, reworded


def _same_text(text: str) -> str:
    """Text as a reader sees it: line endings and spaces at the ends do not count."""
    return text.replace("\r\n", "\n").strip()


def _fields(contents: Iterable[StatementContent]) -> dict[str, FieldContent]:
    """The fields either version kept, by name; the newer's label wins."""
    known: dict[str, FieldContent] = {}
    for content in contents:
        for each in content["fields"]:
            known[each["name"]] = each
    return known


def statement_changes(*, before: StatementContent, after: StatementContent) -> StatementChanges:
    """What changed from one version of the statement's content to the next."""
    areas_added, areas_removed, areas_reworded = _areas(before["areas"], after["areas"])
    pairs, removed, added = _matched(before["actions"], after["actions"])
    fields = _fields([before, after])
    order = [each["name"] for each in after["fields"]]
    order += [name for name in fields if name not in order]
    changed = []
    for old, new in pairs:
        changes = []
        if old["area"] != new["area"]:
            changes.append(FieldChanged("Area for improvement", str(old["area"]), str(new["area"])))
        for name in order:
            declared = fields[name]
            was, now = old["values"].get(name), new["values"].get(name)
            if was is None or now is None or _same_text(was) == _same_text(now):
                continue  # a field one version did not keep is not a change
            changes.append(
                FieldChanged(
                    declared["label"],
                    _in_words(was, date=declared["date"]),
                    _in_words(now, date=declared["date"]),
                    date=declared["date"],
                )
            )
        if changes:
            changed.append(ActionChanged(new["values"].get("reference", ""), new["area"], changes))
    return StatementChanges(
        areas_added=areas_added,
        areas_removed=areas_removed,
        areas_reworded=areas_reworded,
        actions_added=[_named(action) for action in added],
        actions_removed=[_named(action) for action in removed],
        actions_changed=changed,
        introduction_changed=_same_text(before["introduction"])
        != _same_text(after["introduction"]),
        governance_changed=_same_text(before["governance"]) != _same_text(after["governance"]),
    )


# Between versions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """A version of the statement beside the one sent before it: the words every place
    that shows it uses (the preview, the submit page, the PDF, the Word document)."""

    previous: StatementSubmission | None
    changes: StatementChanges | None  # None: the first, or nothing kept to compare with

    @property
    def first(self) -> bool:
        return self.previous is None

    @property
    def recorded(self) -> bool:
        return self.changes is not None

    @property
    def heading(self) -> str:
        if self.previous is None:
            return "What changed"
        return (
            f"What changed since version {self.previous.version}, sent on "
            f"{self.previous.submitted_on.day} {self.previous.submitted_on:%B %Y}"
        )

    @property
    def summary(self) -> str:
        """The sentence under the heading; the list of changes follows when there are any."""
        if self.previous is None:
            return "This is the first version of the statement sent to Ofsted."
        if self.changes is None:
            return (
                f"There is no record of what version {self.previous.version} said to compare "
                "with: it was sent before the service kept each version's content."
            )
        if self.changes.nothing:
            return f"Nothing has changed since version {self.previous.version}."
        return f"The changes since version {self.previous.version}:"

    @property
    def lines(self) -> list[str]:
        return self.changes.lines if self.changes is not None else []


def compared(*, content: StatementContent, previous: StatementSubmission | None) -> Comparison:
    """The content of a version beside the version sent before it (None: it is the first)."""
    if previous is None:
        return Comparison(None, None)
    if not previous.content:
        return Comparison(previous, None)
    return Comparison(previous, statement_changes(before=previous.content, after=content))


def last_sent(plan: Plan) -> StatementSubmission | None:
    """The version sent most recently (by the day it was sent, then when it was recorded)."""
    return StatementSubmission.objects.filter(plan=plan).first()


def changes_since_last_sent(*, plan: Plan) -> Comparison:
    """The statement as it stands now beside the version sent last."""
    from statements.statement import statement_document  # it shows this comparison itself

    comparison = statement_document(inspection=plan.inspection).what_changed
    assert comparison is not None  # the statement's always has one; a progress report's not
    return comparison


@dataclass(frozen=True)
class SentVersion:
    submission: StatementSubmission
    comparison: Comparison


def sent_versions(*, plan: Plan) -> list[SentVersion]:
    """Every version sent, newest first, each beside the one sent before it, in one query."""
    submissions = list(StatementSubmission.objects.filter(plan=plan).select_related("submitted_by"))
    versions = []
    for index, submission in enumerate(submissions):
        previous = submissions[index + 1] if index + 1 < len(submissions) else None
        versions.append(SentVersion(submission, changes_from_previous(submission, previous)))
    return versions


def changes_from_previous(
    submission: StatementSubmission, previous: StatementSubmission | None
) -> Comparison:
    """A sent version beside the one sent before it; nothing to compare when it kept none."""
    if not submission.content:
        return Comparison(previous, None) if previous else Comparison(None, None)
    return compared(content=submission.content, previous=previous)
