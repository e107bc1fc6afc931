"""A manager uploads a plan larger than the service takes: the upload form says which limit
and what to do, before the file is read, and nothing is written or kept."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from actions.models import Action
from tests.actions.plan_files import assert_refused, kept_uploads, upload
from tests.actions.test_spreadsheets import xlsx
from tests.factories import ActionFactory

HEADER = "Area for improvement,Action,Lead agency,Target date,Success measure\n"


def csv_plan(rows: int) -> bytes:
    return (
        HEADER
        + "".join(f"1,Action {n}.,Metropolitan Police,31/03/2027,Done.\n" for n in range(rows))
    ).encode()


@pytest.mark.django_db
def test_a_file_over_5_mb_is_refused_unread(client, plan):
    content = csv_plan(10) + b"," * (5 * 1024 * 1024)
    before = kept_uploads()
    assert_refused(
        upload(client, plan, "plan.csv", content),
        "The selected file must be smaller than 5 MB",
        plan,
        before,
    )


@pytest.mark.django_db
def test_a_file_of_more_than_5000_actions_is_refused_before_any_row_is_checked(client, plan):
    before = kept_uploads()
    assert_refused(
        upload(client, plan, "plan.csv", csv_plan(5_001)),
        "The selected file must have 5,000 actions or fewer: split the plan into files of up "
        "to 5,000 actions and import each",
        plan,
        before,
    )


@pytest.mark.django_db
def test_a_file_of_5000_actions_under_a_title_and_header_is_taken(client, plan):
    response = upload(client, plan, "plan.csv", b"Our JTAI plan\n\n" + csv_plan(5_000))
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert "5000 actions will be added to the plan" in check.content.decode()


@pytest.mark.django_db
def test_a_long_title_block_cannot_smuggle_more_than_5000_actions(client, plan):
    before = kept_uploads()
    assert_refused(
        upload(client, plan, "plan.csv", csv_plan(5_020)),
        "The selected file must have 5,000 actions or fewer: split the plan into files of up "
        "to 5,000 actions and import each",
        plan,
        before,
    )


@pytest.mark.django_db
def test_a_file_of_more_than_60_columns_is_refused(client, plan):
    wide = HEADER.strip() + "," * 56 + ",Notes\n1,Agree.,Police,31/03/2027,Done.\n"
    before = kept_uploads()
    assert_refused(
        upload(client, plan, "plan.csv", wide.encode()),
        "The selected file must have 60 columns or fewer: delete the columns the plan does "
        "not need",
        plan,
        before,
    )


@pytest.mark.django_db
def test_empty_columns_and_rows_far_beyond_the_plan_are_ignored(client, plan):
    content = csv_plan(2).replace(b"\n", b"," * 500 + b"\n") + b"\n" * 10_000 + b",,,,\n" * 60
    response = upload(client, plan, "plan.csv", content)
    assert response.status_code == 302
    check = client.get(response["Location"])
    assert "2 actions will be added to the plan" in check.content.decode()


@pytest.mark.django_db
def test_an_area_that_would_have_more_actions_than_positions_is_refused(client, plan):
    ActionFactory(finding=plan.finding, reference="1.9", position=32_760)
    response = upload(client, plan, "plan.csv", csv_plan(10))
    page = client.get(response["Location"]).content.decode()

    assert "Nothing was imported" in page
    assert (
        "Area for improvement 1 cannot take 10 more actions: an area can hold at most 32,767"
        in page
    )
    assert Action.objects.filter(finding=plan.finding).count() == 2


@pytest.mark.django_db
def test_the_check_page_reads_the_rows_kept_at_upload_not_the_workbook(client, plan, monkeypatch):
    content = xlsx(
        [
            ["Area for improvement", "Action", "Lead agency", "Target date", "Success measure"],
            ["1", "Agree.", "Metropolitan Police", datetime.datetime(2027, 3, 31), "Done."],
        ]
    )
    response = upload(client, plan, "plan.xlsx", content)

    def no_second_reading(*args, **kwargs):
        raise AssertionError("the workbook was opened again")

    monkeypatch.setattr("openpyxl.reader.excel.ExcelReader.read", no_second_reading)
    check = client.get(response["Location"])
    assert "1 action will be added to the plan" in check.content.decode()
    confirmed = client.post(response["Location"], follow=True)
    assert "From plan.xlsx: 1 action added" in confirmed.content.decode()
    action = Action.objects.get(finding=plan.finding, description="Agree.")
    assert action.target_date == datetime.date(2027, 3, 31)


@pytest.mark.django_db
def test_confirming_deletes_the_kept_upload(client, plan):
    response = upload(client, plan, "plan.csv", csv_plan(1))
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert default_storage.exists(f"imports/{token}.json")
    client.post(response["Location"])
    assert not default_storage.exists(f"imports/{token}.json")
    assert client.get(response["Location"]).status_code == 404


def test_the_upload_form_says_how_large_a_file_may_be(client, plan):
    client.force_login(plan.manager)
    page = client.get(
        reverse("spreadsheets:plan_import", args=[plan.finding.plan.inspection.pk])
    ).content.decode()
    assert "smaller than 5 MB" in page
    assert "up to 5,000 actions and 60 columns, stopping at 50 empty rows in a row" in page
