"""Brings an existing plan in from the spreadsheet a partnership kept it in.

Reads .xlsx, .csv or the plan's table in a Word document (.docx); finds the header row even
below title rows; maps columns by the names plans use (a person maps the rest in the
browser); matches each row to one of the inspection's findings and one of the partnership's
agencies. Every row is checked before anything is written: one bad row and nothing is
written, and each problem is reported as "row N, column: problem" with the sheet's own row
number. Rows already in the plan are skipped, so importing the same file twice adds
nothing.

The steps, one module each: `reading` (the file as rows of cell values, within limits),
`columns` (which column holds what), `matching` (each row checked against the inspection's
findings and the partnership's agencies), `writing` (the checked rows saved), and `uploads`
(the rows kept between the upload and the manager's confirmation).
"""

from spreadsheets.importers.columns import (
    field_labels,
    find_header,
    header_words,
    importable_labels,
    map_columns,
    plan_sheet,
    required,
)
from spreadsheets.importers.matching import ImportResult, ImportRow, parse_plan, parse_sheet
from spreadsheets.importers.reading import (
    EMPTY_ROWS_ENDING_THE_SHEET,
    MAX_ACTIONS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    TOO_LARGE,
    PlanFileError,
    Sheet,
    read_sheet,
)
from spreadsheets.importers.uploads import (
    PlanUploadGone,
    plan_upload_delete,
    plan_upload_original,
    plan_upload_save,
    plan_upload_sheet,
    plan_uploads_delete_unconfirmed,
)
from spreadsheets.importers.writing import (
    SourceFile,
    import_button_words,
    import_plan,
    import_summary,
)

__all__ = [
    "EMPTY_ROWS_ENDING_THE_SHEET",
    "field_labels",
    "header_words",
    "importable_labels",
    "plan_sheet",
    "MAX_COLUMNS",
    "MAX_FILE_BYTES",
    "MAX_ACTIONS",
    "required",
    "TOO_LARGE",
    "ImportResult",
    "ImportRow",
    "PlanFileError",
    "PlanUploadGone",
    "Sheet",
    "find_header",
    "import_plan",
    "import_button_words",
    "import_summary",
    "SourceFile",
    "map_columns",
    "parse_plan",
    "parse_sheet",
    "plan_upload_delete",
    "plan_upload_original",
    "plan_upload_save",
    "plan_upload_sheet",
    "plan_uploads_delete_unconfirmed",
    "read_sheet",
]
