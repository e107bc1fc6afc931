"""Plan files for the import tests, and what a person sees when one is refused."""

import io
import zipfile

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.models import Action
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
        f'xmlns:r="{RELATIONSHIPS}"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def workbook(sheet_xml: str, shared_strings: list[str] = ()) -> bytes:
    """An .xlsx file written by hand, around one sheet's XML and its shared strings."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in PACKAGE.items():
            if shared_strings and name == "[Content_Types].xml":
                xml = xml.replace(
                    "</Types>",
                    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if shared_strings and name == "xl/_rels/workbook.xml.rels":
                xml = xml.replace(
                    "</Relationships>",
                    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" '
                    'Target="sharedStrings.xml"/></Relationships>',
                )
            archive.writestr(name, xml)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared_strings:
            archive.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'
                + "".join(f"<si><t>{text}</t></si>" for text in shared_strings)
                + "</sst>",
            )
    return output.getvalue()


def sheet(rows: str, before: str = "", doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{MAIN}">{before}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def upload(client, plan, filename: str, content: bytes):
    client.force_login(plan.manager)
    return client.post(
        reverse("spreadsheets:plan_import", args=[plan.finding.plan.inspection.pk]),
        {"plan": SimpleUploadedFile(filename, content)},
    )


def kept_uploads() -> list[str]:
    try:
        return default_storage.listdir("imports")[1]
    except FileNotFoundError:
        return []


def assert_refused(response, message: str, plan, uploads_before: list[str]):
    """The upload form again, its error summary naming the one problem; the plan as it was
    (the conftest's one action) and no upload kept."""
    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == [message]
    assert_error_summary_links_reach_inputs(page)
    assert Action.objects.filter(finding__plan=plan.finding.plan).count() == 1
    assert kept_uploads() == uploads_before


# Plan files as other partnerships make them, for tests/actions/test_plan_files_made_elsewhere.
def xlsx_file(rows: list[list], merged: tuple[str, ...] = ()) -> bytes:
    """A workbook of these rows (title rows included), with these areas merged ("A3:A5"):
    as Excel keeps a merge, only the area's first cell holds the value."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for values in rows:
        sheet.append(values)
    for area in merged:
        sheet.merge_cells(area)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def csv_file(rows: list[list]) -> bytes:
    import csv

    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue().encode("utf-8-sig")


def docx_file(
    rows: list[list],
    *,
    before: tuple[str, ...] = ("Lewisham JTAI action plan", "OFFICIAL"),
    after: tuple[str, ...] = ("Signed off by the LSCP executive.",),
    merged_down: tuple[tuple[int, int, int], ...] = (),
    other_table_first: bool = False,
) -> bytes:
    """A Word document with text before and after one table of these rows; `merged_down`
    holds (column, first row, last row) of cells merged down, counting rows from 0."""
    from docx import Document

    document = Document()
    for text in before:
        document.add_paragraph(text)
    if other_table_first:
        versions = document.add_table(rows=2, cols=3)
        for cell, text in zip(versions.rows[0].cells, ["Version", "Date", "Author"], strict=True):
            cell.text = text
        for cell, text in zip(versions.rows[1].cells, ["2", "1 May 2023", "LSCP"], strict=True):
            cell.text = text
    width = max(len(values) for values in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = str(value)
    for column, first, last in merged_down:
        top = table.cell(first, column)
        text = top.text
        merged = top.merge(table.cell(last, column))
        merged.text = text  # python-docx joins the merged cells' paragraphs
    for text in after:
        document.add_paragraph(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
