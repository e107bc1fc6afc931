"""The plan as a spreadsheet: one row per action, in the columns partnerships use, carrying
every field the plan holds (actions.fields declares them), the action's own id in a last,
hidden column, and the RAG statuses' definitions on a second sheet of the workbook."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from actions.fields import exported_columns
from actions.models import Action
from actions.rag import EMBEDDED_DEFINITION, RAG
from actions.selectors import latest_update
from audit.csv_export import csv_file, spreadsheet_cell
from inspections.models import Inspection

# Fill and text colours with enough contrast to read the word in each cell.
RAG_FILLS = {
    RAG.NOT_STARTED: ("E5E6E7", "0B0C0C"),
    RAG.RED: ("F4CDC6", "2A0B06"),
    RAG.AMBER: ("FCD6C3", "6E3619"),
    RAG.GREEN: ("CCE2D8", "005A30"),
    RAG.COMPLETE: ("BBD4EA", "0C2D4A"),
}
FILLS_BY_LABEL = {status.label: colours for status, colours in RAG_FILLS.items()}


def plan_rows(inspection: Inspection) -> list[list]:
    """Each action in the plan as the spreadsheet's values, in four queries whatever the
    plan's size: the actions (the latest update from the same subquery the action lists use,
    not from loading every update), then their supporting agencies, evidence and closures."""
    actions = (
        Action.objects.current()
        .filter(finding__plan=inspection.plan_id)
        .select_related("finding", "lead_agency", "lead_officer")
        .prefetch_related("supporting_agencies", "evidence", "closures")
        .annotate(latest_update=latest_update("narrative"), latest_update_on=latest_update("date"))
        .order_by("finding__number", "position", "pk")
    )
    columns = exported_columns()
    return [[spreadsheet_cell(column.export(action)) for column in columns] for action in actions]


def plan_xlsx(inspection: Inspection) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    columns = exported_columns()
    sheet.append([column.label for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3F2F1")
    for row in plan_rows(inspection):
        sheet.append(row)
    rag_column = [column.name for column in columns].index("rag") + 1
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for index, column in enumerate(columns):
            if column.date:
                row_cells[index].number_format = "DD/MM/YYYY"
        rag_cell = row_cells[rag_column - 1]
        fill, text = FILLS_BY_LABEL[rag_cell.value]
        rag_cell.fill = PatternFill("solid", fgColor=fill)
        rag_cell.font = Font(bold=True, color=text)
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.hidden = column.hidden
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _rag_definitions(workbook)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _rag_definitions(workbook: Workbook) -> None:
    """Every exported document says what each status means (domain.md, RAG defined once)."""
    sheet = workbook.create_sheet("RAG definitions")
    sheet.append(["Status", "Definition"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for status in RAG:
        sheet.append([status.label, status.definition])
        fill, text = RAG_FILLS[status]
        status_cell = sheet.cell(row=sheet.max_row, column=1)
        status_cell.fill = PatternFill("solid", fgColor=fill)
        status_cell.font = Font(bold=True, color=text)
        if status == RAG.COMPLETE:  # Embedded qualifies Complete: the review found it held
            sheet.append(["Embedded", EMBEDDED_DEFINITION])
            embedded = sheet.cell(row=sheet.max_row, column=1)
            embedded.fill = PatternFill("solid", fgColor=fill)
            embedded.font = Font(bold=True, color=text)
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80


def plan_csv(inspection: Inspection) -> bytes:
    return csv_file([column.label for column in exported_columns()], plan_rows(inspection))
