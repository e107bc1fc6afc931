"""Which column holds what: the header row, found even below title rows, and the names
plans give their columns."""

import re

from spreadsheets.importers.reading import (
    MAX_ACTIONS,
    ROWS_ABOVE_THE_ACTIONS,
    TOO_MANY_ROWS,
    PlanFileError,
    Sheet,
)

# Field -> the header names plans give it (compared lower-case, punctuation dropped).
HEADERS = {
    "reference": ["no", "ref", "reference", "action no", "action number", "number", "action ref"],
    "finding": [
        "area for improvement",
        "areas for improvement",
        "finding",
        "what needs to improve",
        "recommendation",
        "area",
        "afi",
    ],
    "description": ["action", "actions", "action required", "what we will do", "description"],
    "lead_agency": [
        "lead agency",
        "lead",
        "agency",
        "lead partner",
        "lead organisation",
        "responsible agency",
    ],
    "lead_officer": ["lead officer", "officer", "owner", "responsible officer", "action owner"],
    "start_date": ["start date", "start"],
    "target_date": [
        "target date",
        "by when",
        "timescale",
        "deadline",
        "due date",
        "completion date",
        "target",
    ],
    "success_measure": [
        "success measure",
        "success measures",
        "success measure outcome",
        "how will we know",
        "measure of success",
        "outcome",
        "intended outcome",
        "evidence of impact",
    ],
    "rag": ["rag", "rag status", "status", "brag", "rag rating"],
    "latest_update": ["latest update", "progress", "progress update", "update", "commentary"],
    "last_updated": ["last updated", "update date", "date of update", "date updated"],
}
FIELD_LABELS = {
    "reference": "No.",
    "finding": "Area for improvement",
    "description": "Action",
    "lead_agency": "Lead agency",
    "lead_officer": "Lead officer",
    "start_date": "Start date",
    "target_date": "Target date",
    "success_measure": "Success measure",
    "rag": "RAG",
    "latest_update": "Latest update",
    "last_updated": "Last updated",
}
REQUIRED = ["finding", "description", "lead_agency", "target_date", "success_measure"]
HEADER_SEARCH_ROWS = ROWS_ABOVE_THE_ACTIONS


def plain_words(value) -> str:
    text = re.sub(r"[^\w\s]", " ", str(value or "").lower().replace("'", "").replace("’", ""))
    return " ".join(text.split())


def find_header(sheet: Sheet) -> tuple[int, list[str]]:
    """The row naming the columns: the first with an Action column and two others we know."""
    known = {name: field for field, names in HEADERS.items() for name in names}
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
    known = {name: field for field, names in HEADERS.items() for name in names}
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
