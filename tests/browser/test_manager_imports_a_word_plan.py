"""The manager brings in the plan the partnership kept in Word, saying which agency the
one lead agency the service cannot match is; each page checked with axe."""

import pytest
from docx import Document
from playwright.sync_api import expect

from actions.models import Action
from tests.browser.conftest import sign_in
from tests.demo import DEMO_INSPECTION

PLAN = [
    ["No.", "Area for improvement", "Action", "Lead agency", "Target date", "Success measure"],
    [
        "1",
        "1",
        "Run a weekly huddle of the front door's managers on missing children.",
        "Police",
        "31/03/2027",
        "Every missing child discussed within a week.",
    ],
    [
        "1",
        "1",
        "Train every front door worker in the missing children protocol.",
        "Safeguarding team",
        "30/06/2027",
        "All front door staff trained, shown in the training record.",
    ],
    [
        "2",
        "2",
        "Audit ten strategy meetings for the presence of health partners.",
        "Safeguarding team",
        "30/09/2027",
        "Audit reported to the executive.",
    ],
]


def word_plan(path):
    document = Document()
    document.add_paragraph("Lewisham JTAI action plan")
    table = document.add_table(rows=len(PLAN), cols=len(PLAN[0]))
    for row, values in zip(table.rows, PLAN, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.save(path)
    return path


@pytest.mark.django_db(transaction=True)
def test_the_manager_imports_a_word_plan_naming_an_agency_the_service_cannot_match(
    page, demo, assert_accessible, tmp_path
):
    sign_in(page, "manager")
    page.get_by_role("link", name=DEMO_INSPECTION).click()
    page.get_by_role("link", name="Import actions from a spreadsheet").click()
    expect(page.get_by_role("heading", name="Import actions from a spreadsheet")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Upload the plan").set_input_files(word_plan(tmp_path / "plan.docx"))
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="Which agencies are these?")).to_be_visible()
    expect(page.get_by_text("It is written on rows 3 and 4.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Continue").click()  # nothing chosen: asked again
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select which agency 'Safeguarding team' is"
    )
    assert_accessible(page)

    page.get_by_label("Which agency is 'Safeguarding team'?").select_option(
        label="Lewisham Safeguarding Children Partnership"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Every row checks out")).to_be_visible()
    expect(page.get_by_text("3 actions will be added to the plan")).to_be_visible()
    expect(
        page.get_by_text(
            "'Safeguarding team' read as Lewisham Safeguarding Children Partnership, as you said"
        )
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Import 3 actions").click()
    expect(page.get_by_text("From plan.docx: 3 actions added")).to_be_visible()
    for _, _, description, *_ in PLAN[1:]:
        expect(page.get_by_text(description)).to_be_visible()
    assert_accessible(page)

    imported = Action.objects.filter(description__in=[values[2] for values in PLAN[1:]])
    assert sorted(imported.values_list("lead_agency__name", flat=True)) == [
        "Lewisham Safeguarding Children Partnership",
        "Lewisham Safeguarding Children Partnership",
        "Metropolitan Police Service",
    ]
