"""An action's fields, declared once: what the change history calls each, the form field the
manager fills in, the column the spreadsheets carry it in and the headers plans give that
column.

The action form (actions.forms.ActionForm) shows the fields with a form field, in this
order; action_create and action_edit take the `detail` ones by name; the change history
(actions.selectors.action_history) lists the `history` ones under their labels; the export
(spreadsheets.exports) writes the columns in this order and the import
(spreadsheets.importers) recognises them by their words, reading a column it has no rule of
its own for as plain text or a date, and skipping the ones marked `imported=False` (what the
service works out or keeps elsewhere: overdue, evidence, the closure). So a field added here
reaches all of them.
Everything reads the declaration when it runs, not when it is imported.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.urls import reverse

from actions.models import Action
from govuk.forms import GovUkDateField
from partnerships.models import Agency
from people.models import User


@dataclass(frozen=True)
class PlanColumn:
    name: str  # an Action attribute, or a value the plan derives (the area, the RAG's word)
    label: str  # the export's header, and the import's name for the column
    words: tuple[str, ...]  # the headers plans give it, as plain lower-case words
    width: int = 20  # in the exported workbook
    required: bool = False  # an import needs a column for it
    date: bool = False  # written as a date, shown day/month/year
    export: Callable[[Action], object] | None = None  # None: read on import, not written
    imported: bool = True  # False: written by the export, skipped by the import
    hidden: bool = False  # a hidden column of the exported workbook


@dataclass(frozen=True)
class ActionField:
    name: str  # the Action attribute, or what the plan derives from it
    label: str  # the change history's name for it
    form_field: Callable[[], forms.Field] | None = None  # on the action form when given
    column: PlanColumn | None = None  # in the spreadsheets when given
    detail: bool = False  # set by the manager: action_create and action_edit take it
    history: bool = True  # its changes are in the change history
    # A column of its own in the written statement and the progress report. The statement
    # lays out the fields it has always shown (reference, action, leads, timescale, success
    # measure) in columns that combine them; a field added here and marked gets one more.
    in_statement: bool = False

    def shown(self, action: Action) -> str:
        """Its value for a document: a date as 31 Jan 2027, nothing as an empty cell."""
        value = getattr(action, self.name)
        if value is None:
            return ""
        if hasattr(value, "strftime"):
            return f"{value.day} {value:%b %Y}"
        return str(value)


def _officer(action: Action) -> str:
    return action.lead_officer.get_full_name() if action.lead_officer else ""


def _supporting(action: Action) -> str:
    return "; ".join(agency.name for agency in action.supporting_agencies.all())


def _evidence(action: Action) -> str:
    """Each piece of evidence on a line of its own: its title and where to find it."""
    lines = []
    for evidence in action.evidence.all():
        address = evidence.link or settings.SITE_URL.rstrip("/") + reverse(
            "actions:evidence_download", args=[evidence.uuid]
        )
        lines.append(f"{evidence} ({address})" if str(evidence) != address else address)
    return "\n".join(lines)


def _closure(action: Action) -> str:
    """The action's latest closure step, in the words of its status."""
    latest = next(iter(action.closures.all()), None)  # closures come newest first
    if latest is None:
        return ""
    if latest.agreed_on:
        return f"{latest.get_status_display()} on {latest.agreed_on:%d/%m/%Y}"
    return latest.get_status_display()


# Export values read what spreadsheets.exports.plan_rows loads: the finding, the agency and
# the officer with the action, its latest update as two annotations, its supporting agencies,
# evidence and closures prefetched.
ACTION_FIELDS = [
    ActionField(
        "reference",
        "Reference",
        form_field=lambda: forms.CharField(
            label="Reference",
            max_length=20,
            help_text="Used in papers and the statement, for example 3.2",
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            error_messages={"required": "Enter a reference for the action"},
        ),
        column=PlanColumn(
            "reference",
            "No.",
            ("no", "ref", "reference", "action no", "action number", "number", "action ref"),
            width=8,
            export=lambda action: action.reference,
        ),
        detail=True,
    ),
    ActionField(
        "finding",
        "Finding",
        column=PlanColumn(
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
    ),
    ActionField(
        "description",
        "Action",
        form_field=lambda: forms.CharField(
            label="Action",
            help_text="What the partnership will do",
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"required": "Enter what the action is"},
        ),
        column=PlanColumn(
            "description",
            "Action",
            ("action", "actions", "action required", "what we will do", "description"),
            width=50,
            required=True,
            export=lambda action: action.description,
        ),
        detail=True,
    ),
    ActionField(
        "lead_agency",
        "Lead agency",
        form_field=lambda: forms.ModelChoiceField(
            label="Lead agency",
            queryset=Agency.objects.none(),
            error_messages={"required": "Select the lead agency"},
        ),
        column=PlanColumn(
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
        detail=True,
    ),
    ActionField(
        "lead_officer",
        "Lead officer",
        form_field=lambda: forms.ModelChoiceField(
            label="Lead officer (optional)", queryset=User.objects.none(), required=False
        ),
        column=PlanColumn(
            "lead_officer",
            "Lead officer",
            ("lead officer", "officer", "owner", "responsible officer", "action owner"),
            width=22,
            export=_officer,
        ),
        detail=True,
    ),
    ActionField(
        "supporting_agencies",
        "Supporting agencies",
        form_field=lambda: forms.ModelMultipleChoiceField(
            label="Supporting agencies (optional)",
            queryset=Agency.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
        ),
        column=PlanColumn(
            "supporting_agencies",
            "Supporting agencies",
            (
                "supporting agencies",
                "supporting agency",
                "supported by",
                "other agencies",
                "partners involved",
                "contributing agencies",
            ),
            width=30,
            export=_supporting,
        ),
        history=False,
    ),
    ActionField(
        "start_date",
        "Start date",
        form_field=lambda: GovUkDateField(
            name="start date", label="Start date (optional)", required=False
        ),
        column=PlanColumn(
            "start_date",
            "Start date",
            ("start date", "start", "date started"),
            width=13,
            date=True,
            export=lambda action: action.start_date,
        ),
        detail=True,
    ),
    ActionField(
        "target_date",
        "Target date",
        form_field=lambda: GovUkDateField(
            name="target date", label="Target date", help_text="For example, 31 3 2027"
        ),
        column=PlanColumn(
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
        detail=True,
    ),
    ActionField(
        "original_target_date",
        "Original target date",
        column=PlanColumn(
            "original_target_date",
            "Original target date",
            ("original target date", "original date", "baseline date", "baseline"),
            width=13,
            date=True,
            export=lambda action: action.original_target_date,
        ),
        history=False,  # set once, when the action is made; the target date moves instead
    ),
    ActionField(
        "target_date_change_reason",
        "Target date change reason",
        form_field=lambda: forms.CharField(
            label="Why has the target date changed?",
            help_text="Needed when the target date changes, for example 'Reprogrammed with the "
            "approval of the LSCP executive on 14 November'. The original date is kept.",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        ),
        column=PlanColumn(
            "target_date_change_reason",
            "Why the target date moved",
            (
                "why the target date moved",
                "target date change reason",
                "reason for change",
                "reason for new date",
                "reason date changed",
            ),
            width=30,
            export=lambda action: action.target_date_change_reason,
        ),
    ),
    ActionField(
        "success_measure",
        "Success measure",
        form_field=lambda: forms.CharField(
            label="Success measure",
            help_text="How the partnership will know this has worked for children",
            widget=forms.Textarea(attrs={"rows": 4}),
            error_messages={"required": "Enter how success will be measured"},
        ),
        column=PlanColumn(
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
                "how we will measure success",
                "how will we measure success",
            ),
            width=40,
            required=True,
            export=lambda action: action.success_measure,
        ),
        detail=True,
    ),
    ActionField(
        "rag",
        "RAG status",
        column=PlanColumn(
            "rag",
            "RAG",
            ("rag", "rag status", "status", "brag", "rag rating"),
            width=12,
            export=lambda action: action.rag_status.label,
        ),
    ),
    ActionField(
        "overdue",
        "Overdue",
        column=PlanColumn(
            "overdue",
            "Overdue",
            ("overdue",),
            width=10,
            export=lambda action: "Yes" if action.is_overdue else "No",
            imported=False,  # worked out from the target date and the RAG status
        ),
        history=False,
    ),
    ActionField(
        "archived_at",
        "Archived",
    ),
    ActionField(
        "latest_update",
        "Latest update",
        column=PlanColumn(
            "latest_update",
            "Latest update",
            (
                "latest update",
                "progress",
                "progress update",
                "update",
                "commentary",
                "progress to date",
                "progress so far",
            ),
            width=50,
            export=lambda action: action.latest_update or "",
        ),
        history=False,
    ),
    ActionField(
        "last_updated",
        "Last updated",
        column=PlanColumn(
            "last_updated",
            "Last updated",
            ("last updated", "update date", "date of update", "date updated"),
            width=13,
            date=True,
            export=lambda action: action.latest_update_on,
        ),
        history=False,
    ),
    ActionField(
        "evidence",
        "Evidence",
        column=PlanColumn(
            "evidence",
            "Evidence",
            ("evidence", "evidence links"),
            width=40,
            export=_evidence,
            imported=False,  # files and links are added on the action's page
        ),
        history=False,
    ),
    ActionField(
        "closure",
        "Closure",
        column=PlanColumn(
            "closure",
            "Closure",
            ("closure", "closure state", "closure status"),
            width=20,
            export=_closure,
            imported=False,  # closing is proposed and agreed in the service, never imported
        ),
        history=False,
    ),
    ActionField(
        "action_id",
        "Action ID",
        column=PlanColumn(
            "action_id",
            "Action ID",
            ("action id",),
            width=10,
            # Its id and version: a row sent back for an action changed since is refused.
            export=lambda action: f"{action.pk}-{action.version}",
            hidden=True,  # the service's own number for the row, not one people use
        ),
        history=False,
    ),
]


def action_field(name: str) -> ActionField:
    return next(field for field in ACTION_FIELDS if field.name == name)


def form_fields() -> list[ActionField]:
    return [field for field in ACTION_FIELDS if field.form_field is not None]


def detail_names() -> list[str]:
    return [field.name for field in ACTION_FIELDS if field.detail]


def history_fields() -> list[ActionField]:
    return [field for field in ACTION_FIELDS if field.history]


def statement_fields() -> list[ActionField]:
    return [field for field in ACTION_FIELDS if field.in_statement]


def plan_columns() -> list[PlanColumn]:
    """The spreadsheets' columns in order. An attribute declared again later (a field a
    partnership adds at the end of the declaration) keeps only its last column, in that
    place, so the export never carries it twice and the import never asks which to read."""
    columns = [field.column for field in ACTION_FIELDS if field.column is not None]
    last = {column.name: index for index, column in enumerate(columns)}
    return [column for index, column in enumerate(columns) if last[column.name] == index]


def exported_columns() -> list[PlanColumn]:
    return [column for column in plan_columns() if column.export is not None]


def imported_columns() -> list[PlanColumn]:
    return [column for column in plan_columns() if column.imported]


def details_checked(details: Mapping[str, Any]) -> None:
    """Refuses a name that is no detail of an action: a typo must not pass silently."""
    unknown = set(details) - set(detail_names())
    if unknown:
        raise TypeError(f"Not details of an action: {', '.join(sorted(unknown))}")
