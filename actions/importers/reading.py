"""A spreadsheet file as rows of cell values."""

import csv
import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException


class PlanFileError(Exception):
    """The file as a whole cannot be read as a plan: not a spreadsheet, empty, no header."""


@dataclass
class Sheet:
    name: str
    rows: list[tuple[int, list]]  # (sheet row number, cell values)


def read_sheet(content: bytes, filename: str) -> Sheet:
    """The first sheet of an .xlsx file, or a CSV file, as rows of cell values."""
    if not content:
        raise PlanFileError("The file is empty")
    if filename.lower().endswith(".csv"):
        return _read_csv(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise PlanFileError("The file must be an Excel workbook (.xlsx) or a CSV file") from error
    sheet = workbook.worksheets[0]
    rows = [
        (number, list(values))
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
    workbook.close()
    return Sheet(sheet.title, rows)


def _read_csv(content: bytes) -> Sheet:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if "\x00" in text:
        raise PlanFileError("The file must be an Excel workbook (.xlsx) or a CSV file")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(enumerate(csv.reader(io.StringIO(text), dialect), start=1))
    return Sheet("CSV", rows)
