"""Text that a spreadsheet would run as a formula stays text in every CSV the service hands
out: the audit trail's and the plan's."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from audit.csv_export import csv_file
from inspections.models import Inspection

FORMULA = '=HYPERLINK("http://x","y")'


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _downloaded_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    return _rows(b"".join(response.streaming_content))


@pytest.mark.django_db
def test_a_persons_name_written_as_a_formula_is_text_in_the_audit_csv(client, demo):
    officer = demo["council.officer"]
    officer.first_name, officer.last_name = FORMULA, ""
    officer.save()
    client.post("/account/sign-in/", {"username": "council.officer", "password": "demo-password"})
    client.force_login(demo["manager"])

    rows = _downloaded_rows(client.get(reverse("audit:audit_trail_csv"), {"kind": "sign_in"}))

    assert [row[1] for row in rows[1:] if row[2] == "council.officer"] == ["'" + FORMULA]


@pytest.mark.django_db
def test_an_action_written_as_a_formula_is_still_text_in_the_plan_csv(client, demo):
    lewisham = Inspection.objects.get(partnership__slug="lewisham")
    action = lewisham.plan.findings.get(number=1).actions.first()
    action.description = FORMULA
    action.save()
    client.force_login(demo["manager"])

    rows = _downloaded_rows(client.get(reverse("spreadsheets:plan_csv", args=[lewisham.pk])))

    description = rows[0].index("Action")
    assert [row[description] for row in rows[1:] if row[0] == action.reference] == ["'" + FORMULA]


@pytest.mark.parametrize("text", ["+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_every_start_a_spreadsheet_runs_is_kept_as_text(text):
    assert _rows(csv_file(["Detail"], [[text]]))[1] == ["'" + text]


def test_numbers_dates_and_plain_text_are_written_as_they_are():
    rows = _rows(csv_file(["Number", "Date", "Text"], [[-5, datetime.date(2023, 1, 31), "a-b"]]))
    assert rows[1] == ["-5", "31/01/2023", "a-b"]
