"""A manager uploads a spreadsheet that is broken, or made to break the server: the upload
form says what is wrong with the file, nothing is written, and the server stays up."""

import tracemalloc

import pytest

from tests.actions.plan_files import (
    assert_refused,
    kept_uploads,
    sheet,
    text_cell,
    upload,
    workbook,
)

UNREADABLE = (
    "The selected file could not be read as an Excel workbook: open it in Excel, save it as "
    "an Excel workbook (.xlsx) and upload it again"
)
TOO_MUCH_DATA = (
    "The selected file holds too much data for a plan: copy the plan's rows into a new "
    "workbook, save it and upload that"
)
NOT_UTF8 = (
    "The selected file must be saved as CSV UTF-8: in Excel, choose Save As, then "
    "'CSV UTF-8 (Comma delimited)'"
)


@pytest.mark.django_db
def test_a_sheet_declaring_a_huge_size_is_read_in_little_memory(client, plan):
    # 1.5 KB that once took a worker to 2 GB: openpyxl padded each of the 16,000 rows to
    # the 16,384 columns the sheet declares, and every row was kept.
    bomb = workbook(
        sheet(
            f"<row r='16000'>{text_cell('A16000', 'x')}</row>",
            before='<dimension ref="A1:XFD16000"/>',
        )
    )
    before = kept_uploads()
    upload(client, plan, "plan.xlsx", workbook(sheet("")))  # the first request's imports
    tracemalloc.start()
    try:
        response = upload(client, plan, "plan.xlsx", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 10 * 1024 * 1024, peak
    # Reading stops at the first 50 empty rows, long before row 16,000.
    assert_refused(response, "The file has no rows", plan, before)


@pytest.mark.django_db
def test_a_sheet_declaring_a_huge_size_is_read_for_the_rows_it_has(client, plan):
    header = ["Area for improvement", "Action", "Lead agency", "Target date", "Success measure"]
    action = ["1", "Agree a protocol.", "Metropolitan Police", "31/03/2027", "Signed."]
    rows = "".join(
        f"<row r='{number}'>"
        + "".join(text_cell(f"{'ABCDE'[i]}{number}", text) for i, text in enumerate(values))
        + "</row>"
        for number, values in [(1, header), (2, action)]
    )
    content = workbook(sheet(rows, before='<dimension ref="A1:XFD1048576"/>'))

    response = upload(client, plan, "plan.xlsx", content)
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert "1 action will be added to the plan" in check.content.decode()


@pytest.mark.django_db
def test_an_xml_entity_bomb_is_refused(client, plan):
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    bomb = workbook(
        sheet(
            f"<row r='1'>{text_cell('A1', '&lol9;')}</row>",
            doctype=f"<!DOCTYPE worksheet [{entities}]>",
        )
    )
    before = kept_uploads()
    assert_refused(upload(client, plan, "plan.xlsx", bomb), UNREADABLE, plan, before)


@pytest.mark.django_db
def test_an_external_entity_is_refused_and_never_read(client, plan, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the-server-secret")
    probe = workbook(
        sheet(
            f"<row r='1'>{text_cell('A1', '&secret;')}{text_cell('B1', 'Action')}</row>",
            doctype=f'<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file://{secret}">]>',
        )
    )
    before = kept_uploads()
    response = upload(client, plan, "plan.xlsx", probe)
    assert_refused(response, UNREADABLE, plan, before)
    assert "the-server-secret" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sheet_xml",
    [
        pytest.param(sheet("<row r='1'><c r='A1' t='inlineStr'><is><t>x"), id="cut short"),
        pytest.param(sheet("<row r='1'><c r='A1'><v>1</v></row>"), id="unclosed cell"),
        pytest.param(sheet("<row r='1'><c r='A1' t='s'><v>7</v></c></row>"), id="no string 7"),
        pytest.param(sheet("<row r='1'><c r='1A'><v>1</v></c></row>"), id="bad reference"),
    ],
)
def test_a_malformed_sheet_is_refused(client, plan, sheet_xml):
    before = kept_uploads()
    response = upload(client, plan, "plan.xlsx", workbook(sheet_xml))
    assert_refused(response, UNREADABLE, plan, before)


@pytest.mark.django_db
def test_a_workbook_that_inflates_past_50_mb_is_refused_before_it_is_opened(client, plan):
    padding = " " * (51 * 1024 * 1024)  # compresses to about 50 KB
    bomb = workbook(sheet(f"<row r='1'>{text_cell('A1', 'Action')}</row>{padding}"))
    assert len(bomb) < 100 * 1024
    before = kept_uploads()
    assert_refused(upload(client, plan, "plan.xlsx", bomb), TOO_MUCH_DATA, plan, before)


@pytest.mark.django_db
def test_a_row_of_more_cells_than_excel_allows_is_refused(client, plan):
    # openpyxl builds each row whole before reading it: this one would be 60,000 objects.
    bomb = workbook(sheet("<row r='1'>" + "<c/>" * 60_000 + "</row>"))
    before = kept_uploads()
    assert_refused(upload(client, plan, "plan.xlsx", bomb), TOO_MUCH_DATA, plan, before)


@pytest.mark.django_db
def test_one_long_text_in_every_cell_is_refused_before_it_is_kept(client, plan):
    # Cells share their text in a workbook: 20 KB of it, once, fills 1,000 cells with 20 MB.
    cells = '<c t="s"><v>0</v></c>' * 10
    rows = "".join(f"<row r='{n}'>{cells}</row>" for n in range(1, 101))
    bomb = workbook(sheet(rows), shared_strings=["x" * 20_000])
    assert len(bomb) < 10_000
    before = kept_uploads()
    assert_refused(
        upload(client, plan, "plan.xlsx", bomb),
        "The selected file must hold fewer than 10 million characters of text",
        plan,
        before,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content",
    [
        pytest.param("Action,Lead agency\nAgree,Police\n".encode("utf-16"), id="UTF-16"),
        pytest.param(b"Action,Lead agency\n\x81\x8d\x8f\x90\x9d,Police\n", id="not cp1252"),
    ],
)
def test_a_csv_file_in_another_encoding_is_refused_with_how_to_save_it(client, plan, content):
    before = kept_uploads()
    assert_refused(upload(client, plan, "plan.csv", content), NOT_UTF8, plan, before)


@pytest.mark.django_db
def test_a_csv_field_longer_than_csv_allows_is_refused(client, plan):
    content = b"Area for improvement,Action\n1," + b"x" * 200_000 + b"\n"
    before = kept_uploads()
    response = upload(client, plan, "plan.csv", content)
    assert_refused(
        response,
        "The selected file could not be read as a CSV file: open it in Excel, save it as "
        "'CSV UTF-8 (Comma delimited)' and upload it again",
        plan,
        before,
    )
