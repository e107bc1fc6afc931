"""Which column holds what: the header row, found even below title rows, and the names
plans give their columns.

A header names a column when its words are one of the names plans give it, or when one of
its parts is: a header split at "/", "(", ")", "[", "]", ":", ";", "," or " - " into parts,
each compared whole ("Success measure / evidence of impact", "Action(s)", "Lead agency
(name)"). Parts naming two different columns name none ("Lead agency / officer"): the
person says which it holds."""

import re

from actions.fields import imported_columns, plan_columns
from spreadsheets.importers.reading import (
    MAX_ACTIONS,
    ROWS_ABOVE_THE_ACTIONS,
    TOO_MANY_ROWS,
    PlanFileError,
    Sheet,
    is_document,
    read_sheet,
    read_tables,
)


# All from the one declaration of the plan's columns (actions.fields), read when asked.
def header_words() -> dict[str, list[str]]:
    """Field -> the header names plans give it (compared lower-case, punctuation dropped)."""
    return {column.name: list(column.words) for column in plan_columns()}


def field_labels() -> dict[str, str]:
    """Field -> the name the check page gives its column."""
    return {column.name: column.label for column in plan_columns()}


def importable_labels() -> dict[str, str]:
    """Field -> its name, for the columns an import reads (not the export-only ones)."""
    return {column.name: column.label for column in imported_columns()}


def required() -> list[str]:
    """The columns an import cannot do without."""
    return [column.name for column in plan_columns() if column.required]


HEADER_SEARCH_ROWS = ROWS_ABOVE_THE_ACTIONS


def plain_words(value) -> str:
    text = re.sub(r"[^\w\s]", " ", str(value or "").lower().replace("'", "").replace("’", ""))
    return " ".join(text.split())


HEADER_PARTS = re.compile(r"[/()\[\]:;,]|\s-\s")


def _known() -> dict[str, str]:
    return {name: field for field, names in header_words().items() for name in names}


def column_named(header, known: dict[str, str] | None = None) -> str | None:
    """The field a header names: by its words, else by the one field its parts name."""
    known = _known() if known is None else known
    whole = known.get(plain_words(header))
    if whole or header is None:
        return whole
    named = {known.get(plain_words(part)) for part in HEADER_PARTS.split(str(header))}
    named.discard(None)
    return named.pop() if len(named) == 1 else None


def find_header(sheet: Sheet) -> tuple[int, list[str]]:
    """The row naming the columns: the first with an Action column and two others we know."""
    known = _known()
    for index, (_, values) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields = [column_named(value, known) for value in values]
        if "description" in fields and len({f for f in fields if f}) >= 3:
            if len(sheet.rows) - index - 1 > MAX_ACTIONS:
                raise PlanFileError(TOO_MANY_ROWS)
            return index, [str(value or "").strip() for value in values]
    if not any(any(str(v or "").strip() for v in values) for _, values in sheet.rows):
        raise PlanFileError("The file has no rows")
    raise PlanFileError(
        "No header row found: the sheet needs a row naming its columns, such as "
        "'Area for improvement', 'Action', 'Lead agency', 'Target date' and 'Success measure'"
    )


def map_columns(headers: list[str], chosen: dict[int, str] | None = None):
    """Column index -> field, by header name, overridden by what the person chose."""
    known = _known()
    mapping, unmapped = {}, []
    for index, header in enumerate(headers):
        if not header:
            continue
        field_name = column_named(header, known)
        if field_name and field_name not in mapping.values():
            mapping[index] = field_name
        else:
            unmapped.append(index)
    for index, field_name in (chosen or {}).items():
        mapping = {i: f for i, f in mapping.items() if f != field_name and i != index}
        if field_name:
            mapping[index] = field_name
        if index in unmapped:
            unmapped.remove(index)
    return mapping, unmapped


NO_PLAN_TABLE = (
    "No table of actions found: the document needs a table whose first row names its "
    "columns, such as 'Area for improvement', 'Action', 'Lead agency', 'Target date' and "
    "'Success measure'"
)


def plan_sheet(content: bytes, filename: str) -> Sheet:
    """The rows of a plan file: the first sheet of a workbook or a CSV file, or the first
    table of a Word document whose header names an action and an area for improvement."""
    if not is_document(filename):
        return read_sheet(content, filename)
    for table in read_tables(content):
        try:
            index, headers = find_header(table)
        except PlanFileError as error:
            if str(error) == TOO_MANY_ROWS:
                raise
            continue
        # A "No." column may hold the area's number (matching.numbers_are_areas)
        if {"finding", "reference"} & {column_named(header) for header in headers}:
            return table
    raise PlanFileError(NO_PLAN_TABLE)
