"""An action's fields are declared once (actions.fields). A field added there is on the
action form, in the change history, in the written statement, in the exported spreadsheet
and read back by the import, with nothing else edited.

The field added here is one the Action model already has but the declaration leaves out:
the original target date, as a plan might keep it in a "Baseline date" column."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions import fields as action_fields
from actions.models import Action
from govuk.forms import GovUkDateField
from inspections.models import Inspection
from spreadsheets.exports import plan_csv
from tests.actions.test_edit_conflict import edit_data

BASELINE = action_fields.ActionField(
    "original_target_date",
    "Baseline date",
    form_field=lambda: GovUkDateField(
        name="baseline date", label="Baseline date (optional)", required=False
    ),
    column=action_fields.PlanColumn(
        "original_target_date",
        "Baseline date",
        ("baseline date", "baseline"),
        width=13,
        date=True,
        export=lambda action: action.original_target_date,
    ),
    detail=True,
    in_statement=True,
)
BEFORE, AFTER = datetime.date(2027, 1, 31), datetime.date(2027, 2, 28)


@pytest.fixture
def baseline_declared(monkeypatch):
    monkeypatch.setattr(action_fields, "ACTION_FIELDS", [*action_fields.ACTION_FIELDS, BASELINE])


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


def _edit(client, action, **fields):
    return client.post(
        reverse("actions:action_edit", args=[action.pk]),
        edit_data(action, action.version, **fields),
    )


@pytest.mark.django_db
def test_the_form_leaves_out_what_the_declaration_leaves_out(client, demo, lewisham):
    action = Action.objects.filter(finding__plan=lewisham.plan_id).first()
    client.force_login(demo["manager"])
    page = client.get(reverse("actions:action_edit", args=[action.pk])).content.decode()
    assert "Baseline date" not in page
    assert "Baseline date" not in plan_csv(lewisham).decode("utf-8-sig").splitlines()[0]
    statement = client.get(reverse("statements:statement_preview", args=[lewisham.pk]))
    assert "Baseline date" not in statement.content.decode()


@pytest.mark.django_db
def test_a_declared_field_is_on_the_form_and_its_change_in_the_history(
    client, demo, lewisham, baseline_declared
):
    action = Action.objects.filter(finding__plan=lewisham.plan_id).first()
    client.force_login(demo["manager"])
    page = client.get(reverse("actions:action_edit", args=[action.pk])).content.decode()
    assert "Baseline date (optional)" in page
    assert 'name="original_target_date_0"' in page

    for date in (BEFORE, AFTER):
        response = _edit(
            client,
            action,
            original_target_date_0=date.day,
            original_target_date_1=date.month,
            original_target_date_2=date.year,
        )
        assert response.status_code == 302
        action.refresh_from_db()
        assert action.original_target_date == date

    page = client.get(action.get_absolute_url()).content.decode()
    assert "Baseline date" in page
    assert "31 January 2027" in page and "28 February 2027" in page


@pytest.mark.django_db
def test_a_declared_field_goes_out_in_the_export_and_comes_back_in_the_import(
    client, demo, lewisham, empty_copy, baseline_declared
):
    Action.objects.filter(finding__plan=lewisham.plan_id).update(original_target_date=BEFORE)
    exported = plan_csv(lewisham).decode("utf-8-sig").splitlines()
    assert exported[0].endswith(",Baseline date")
    assert exported[1].endswith(",31/01/2027")

    empty = empty_copy
    client.force_login(demo["manager"])
    check = client.post(
        reverse("spreadsheets:plan_import", args=[empty.pk]),
        {"plan": SimpleUploadedFile("plan.csv", plan_csv(lewisham))},
        follow=True,
    )
    assert "Every row checks out" in check.content.decode()
    client.post(check.redirect_chain[-1][0])
    imported = Action.objects.filter(finding__plan=empty.plan_id)
    assert (
        imported.count() == Action.objects.current().filter(finding__plan=lewisham.plan_id).count()
    )
    assert set(imported.values_list("original_target_date", flat=True)) == {BEFORE}


@pytest.mark.django_db
def test_a_declared_field_has_a_column_in_the_statement(client, demo, lewisham, baseline_declared):
    Action.objects.filter(finding__plan=lewisham.plan_id).update(original_target_date=BEFORE)
    client.force_login(demo["manager"])
    for query in ("", "?progress=1"):
        url = reverse("statements:statement_preview", args=[lewisham.pk]) + query
        page = client.get(url).content.decode()
        headers = page.split('class="col-measure">')[1].split("</tr>")[0]
        assert '<th scope="col">Baseline date</th>' in headers, query
        assert "<td>31 Jan 2027</td>" in page, query
