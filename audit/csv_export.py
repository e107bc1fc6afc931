"""Every CSV file the service hands out is written by `csv_file`, and every spreadsheet cell
it writes, in a CSV file or an Excel workbook, passes `spreadsheet_cell`.

A spreadsheet runs a cell that starts with "=", "+", "-" or "@" as a formula, and some run
one that starts with a tab or a carriage return too: a name typed as
'=HYPERLINK("http://…", "Click")' would be a live link in the copy a manager opens (CSV
injection). Such text is written after an apostrophe, which spreadsheets take to mean
"this is text" and do not run.

It lives beside `downloads.py`, through which these files leave, so that the plan exports
(actions) and the audit trail's own export use it without an import upwards.
"""

import csv
import datetime
import io
import itertools
from collections.abc import Iterable

from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value):
    """`value` as a spreadsheet should keep it: text that would run as a formula gets a
    leading apostrophe; numbers, dates and other text are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_file(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """The header and rows as a CSV file Excel opens as it should: UTF-8 with the byte-order
    mark, dates as 31/01/2023, times in UK time, every cell through `spreadsheet_cell`."""
    output = io.StringIO()
    writer = csv.writer(output)
    for row in itertools.chain([header], rows):
        writer.writerow([spreadsheet_cell(_written(value)) for value in row])
    # Excel opens UTF-8 CSV files correctly only with the byte-order mark.
    return output.getvalue().encode("utf-8-sig")


def _written(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value
