"""The manager's planning and closure pages, each checked with axe as it is used."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from actions.models import Plan
from meetings.services import meeting_record
from people.models import User
from tests.browser.conftest import sign_in
from tests.demo import DEMO_INSPECTION


def _today():
    today = timezone.localdate()
    return str(today.day), str(today.month), str(today.year)


def fill_date(page, label_prefix, day, month, year):
    group = page.get_by_role("group", name=label_prefix)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


@pytest.mark.django_db(transaction=True)
def test_the_manager_adds_edits_closes_reopens_and_archives_an_action(
    page, demo, assert_accessible, tmp_path
):
    sign_in(page, "manager")
    page.get_by_role("link", name=DEMO_INSPECTION).click()
    page.get_by_role("link", name="Add an action to area for improvement 8").click()
    page.get_by_role("button", name="Add action").click()  # empty: every error named
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what the action is")
    assert_accessible(page)

    page.get_by_label("Action", exact=True).fill("Publish a training impact report each quarter.")
    page.get_by_label("Lead agency").select_option(label="LSCP")
    fill_date(page, "Target date", "31", "3", "2027")
    page.get_by_label("Success measure").fill("Four reports a year to the executive.")
    page.get_by_role("button", name="Add action").click()
    expect(page.get_by_text("has been added to the plan")).to_be_visible()

    page.get_by_role("link", name=re.compile("^Edit action")).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Back to action")).click()

    page.get_by_role("link", name="Propose complete").click()
    assert_accessible(page)
    page.get_by_label("What evidence shows the action has achieved its aim?").fill(
        "Reports issued."
    )
    page.get_by_label("How will the change be kept in place?").fill("Quarterly check.")
    page.get_by_role("button", name="Propose complete").click()
    # The manager proposed it, so someone else records the partnership's decision.
    page.get_by_role("link", name="Record the partnership's decision").click()
    expect(page.get_by_text("You proposed this action complete")).to_be_visible()
    action_url = page.url.replace("agree-complete/", "")
    # The executive meets today: the manager records the meeting it decides at.
    meeting_record(
        plan=Plan.objects.get(partnership__slug="lewisham"),
        user=User.objects.get(username="manager"),
        date=timezone.localdate(),
        title="LSCP executive",
    )

    page.context.clear_cookies()
    sign_in(page, "executive")
    page.goto(action_url)
    page.get_by_role("link", name="Record the partnership's decision").click()
    assert_accessible(page)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date of the decision")
    assert_accessible(page)
    page.get_by_role("radio", name=re.compile("^Not agreed")).check()
    fill_date(page, "Date of the decision", *_today())
    page.get_by_label("Meeting where the partnership decided").select_option(index=1)
    page.get_by_label(re.compile("Why has the partnership not agreed")).fill("No report seen yet.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("not agreed at LSCP executive").first).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "manager")
    page.goto(action_url)
    page.get_by_role("link", name=re.compile("^Archive action")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Archive action").click()
    expect(page.get_by_text("This action was archived")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Inspections", exact=True).first.click()
    page.get_by_role("link", name=re.compile("^Dashboard")).first.click()
    page.get_by_role("link", name="Meetings and recording one").click()
    assert_accessible(page)

    workbook = Workbook()
    workbook.active.append(
        [
            "Area for improvement",
            "Action",
            "Lead agency",
            "Target date",
            "Our own measure",
            "Colour",
        ]
    )
    workbook.active.append(["1", "Agree a protocol.", "Police", "31/03/2027", "Signed.", "Purple"])
    upload = tmp_path / "plan.xlsx"
    output = io.BytesIO()
    workbook.save(output)
    upload.write_bytes(output.getvalue())
    page.get_by_role("link", name="Inspections", exact=True).first.click()
    page.get_by_role("link", name=DEMO_INSPECTION).click()
    page.get_by_role("link", name="Import actions from a spreadsheet").click()
    page.get_by_label("Upload the plan").set_input_files(upload)
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="What do these columns hold?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Column “Our own measure”").select_option(label="Success measure")
    page.get_by_label("Column “Colour”").select_option(label="RAG")
    page.get_by_role("button", name="Check and import").click()
    expect(page.get_by_role("heading", name="Nothing was imported", level=1)).to_be_visible()
    expect(page.get_by_text("row 2, Colour: 'Purple' is not a RAG status")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Partnership", exact=True).click()
    page.get_by_role("link", name="Audit trail").click()
    expect(page.get_by_role("heading", name="Audit trail", level=1)).to_be_visible()
    # The trail opens on the plan's governance: the archiving just done, sign-ins one
    # choice away.
    expect(page.locator("tbody tr").first).to_contain_text("Action archived")
    page.get_by_label("Events").select_option(label="Sign-ins and account security")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("tbody tr").first).to_contain_text("Signed in")
    assert_accessible(page)
