"""The plan's columns, declared once: what each is called, what the spreadsheets partnerships
keep call it, how wide it is and what the export writes in it.

The export (spreadsheets.exports) writes these columns in this order and the import
(spreadsheets.importers.columns) recognises them by these words, so a column added here
goes out in the .xlsx and .csv and comes back in without either being edited.
"""

from collections.abc import Callable
from dataclasses import dataclass

from actions.models import Action


@dataclass(frozen=True)
class PlanColumn:
    name: str  # an Action attribute, or a value the plan derives (the area, the RAG's word)
    label: str  # the export's header, and the import's name for the column
    words: tuple[str, ...]  # the headers plans give it, as plain lower-case words
    width: int = 20  # in the exported workbook
    required: bool = False  # an import needs a column for it
    date: bool = False  # written as a date, shown day/month/year
    export: Callable[[Action], object] | None = None  # None: read on import, not written


def _officer(action: Action) -> str:
    return action.lead_officer.get_full_name() if action.lead_officer else ""


# Export values read what spreadsheets.exports.plan_rows loads: the finding, the agency and
# the officer with the action, its latest update as two annotations.
PLAN_COLUMNS = [
    PlanColumn(
        "reference",
        "No.",
        ("no", "ref", "reference", "action no", "action number", "number", "action ref"),
        width=8,
        export=lambda action: action.reference,
    ),
    PlanColumn(
        "finding",
        "Area for improvement",
        (
            "area for improvement",
            "areas for improvement",
            "finding",
            "what needs to improve",
            "recommendation",
            "area",
            "afi",
        ),
        width=40,
        required=True,
        export=lambda action: action.finding.text,
    ),
    PlanColumn(
        "description",
        "Action",
        ("action", "actions", "action required", "what we will do", "description"),
        width=50,
        required=True,
        export=lambda action: action.description,
    ),
    PlanColumn(
        "lead_agency",
        "Lead agency",
        (
            "lead agency",
            "lead",
            "agency",
            "lead partner",
            "lead organisation",
            "responsible agency",
        ),
        width=24,
        required=True,
        export=lambda action: action.lead_agency.name,
    ),
    PlanColumn(
        "lead_officer",
        "Lead officer",
        ("lead officer", "officer", "owner", "responsible officer", "action owner"),
        width=22,
        export=_officer,
    ),
    PlanColumn("start_date", "Start date", ("start date", "start"), date=True),
    PlanColumn(
        "target_date",
        "Target date",
        (
            "target date",
            "by when",
            "timescale",
            "deadline",
            "due date",
            "completion date",
            "target",
        ),
        width=13,
        required=True,
        date=True,
        export=lambda action: action.target_date,
    ),
    PlanColumn(
        "success_measure",
        "Success measure",
        (
            "success measure",
            "success measures",
            "success measure outcome",
            "how will we know",
            "measure of success",
            "outcome",
            "intended outcome",
            "evidence of impact",
        ),
        width=40,
        required=True,
        export=lambda action: action.success_measure,
    ),
    PlanColumn(
        "rag",
        "RAG",
        ("rag", "rag status", "status", "brag", "rag rating"),
        width=12,
        export=lambda action: action.rag_status.label,
    ),
    PlanColumn(
        "latest_update",
        "Latest update",
        ("latest update", "progress", "progress update", "update", "commentary"),
        width=50,
        export=lambda action: action.latest_update or "",
    ),
    PlanColumn(
        "last_updated",
        "Last updated",
        ("last updated", "update date", "date of update", "date updated"),
        width=13,
        date=True,
        export=lambda action: action.latest_update_on,
    ),
]
EXPORTED = [column for column in PLAN_COLUMNS if column.export is not None]
