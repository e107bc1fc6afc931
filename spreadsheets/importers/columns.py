"""Which column holds what: the header row, found even below title rows, and the names
plans give their columns."""

import re

from actions.fields import plan_columns
from spreadsheets.importers.reading import (
    MAX_ACTIONS,
    ROWS_ABOVE_THE_ACTIONS,
    TOO_MANY_ROWS,
    PlanFileError,
    Sheet,
)


# All from the one declaration of the plan's columns (actions.fields), read when asked.
def header_words() -> dict[str, list[str]]:
    """Field -> the header names plans give it (compared lower-case, punctuation dropped)."""
    return {column.name: list(column.words) for column in plan_columns()}


def field_labels() -> dict[str, str]:
    """Field -> the name the check page gives its column."""
    return {column.name: column.label for column in plan_columns()}


def required() -> list[str]:
    """The columns an import cannot do without."""
    return [column.name for column in plan_columns() if column.required]


HEADER_SEARCH_ROWS = ROWS_ABOVE_THE_ACTIONS


def plain_words(value) -> str:
    text = re.sub(r"[^\w\s]", " ", str(value or "").lower().replace("'", "").replace("’", ""))
    return " ".join(text.split())


def find_header(sheet: Sheet) -> tuple[int, list[str]]:
    """The row naming the columns: the first with an Action column and two others we know."""
    known = {name: field for field, names in header_words().items() for name in names}
    for index, (_, values) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields = [known.get(plain_words(value)) for value in values]
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
    known = {name: field for field, names in header_words().items() for name in names}
    mapping, unmapped = {}, []
    for index, header in enumerate(headers):
        if not header:
            continue
        field_name = known.get(plain_words(header))
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
