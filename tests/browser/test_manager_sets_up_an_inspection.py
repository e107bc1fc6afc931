"""The manager sets up the partnership in the browser: an agency, then an inspection with
no letter to import, and its areas for improvement. Every page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from inspections.models import Inspection
from tests.browser.conftest import sign_in
from tests.browser.test_manager_keeps_the_plan import fill_date


def assert_reflows_on_a_phone(page):
    """WCAG 1.4.10: 320 CSS pixels wide, nothing but a table's own scrolling box may make
    the reader scroll sideways."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url
    page.set_viewport_size(size)


@pytest.mark.django_db(transaction=True)
def test_the_manager_adds_an_agency_and_sets_up_an_inspection_by_hand(
    page, demo, assert_accessible
):
    sign_in(page, "manager")
    page.goto(
        Inspection.objects.filter(partnership=demo["manager"].partnership)[0].get_absolute_url()
    )
    expect(page.locator(".app-finding table").first).to_be_visible()
    assert_reflows_on_a_phone(page)
    page.goto("/partnership/agencies/")
    assert_accessible(page)
    assert_reflows_on_a_phone(page)
    page.get_by_role("link", name="Add an agency").click()
    page.get_by_role("button", name="Add agency").click()  # empty: every error named
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the agency's name")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Youth Offending Service")
    page.get_by_label("Short name (optional)").fill("YOS")
    page.get_by_label("Youth justice").check()
    page.get_by_role("button", name="Add agency").click()
    expect(page.get_by_text("Youth Offending Service has been added")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Youth Offending Service")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Remove Youth Offending Service").click()
    assert_accessible(page)

    page.goto("/")
    page.get_by_role("link", name="Set up an inspection without a letter").click()
    assert_accessible(page)
    page.get_by_label("What was inspected").fill(
        "the multi-agency response to serious youth violence"
    )
    page.get_by_label("Ofsted").check()
    page.get_by_label("HMICFRS").check()
    fill_date(page, "Date of the letter", "14", "3", "2025")
    fill_date(page, "Written statement due", "23", "6", "2025")
    page.get_by_label("What needs to improve").fill(
        "Children at risk of exploitation are not always identified early.\n\n"
        "Return home interviews are not always offered."
    )
    page.get_by_role("button", name="Save the inspection").click()
    expect(
        page.get_by_text("The inspection is set up with its 2 areas for improvement")
    ).to_be_visible()
    expect(page.locator(".app-finding h3")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("link", name="Edit details").click()
    expect(page.get_by_label("Drafting the statement")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()

    page.get_by_role("link", name="Edit areas for improvement").click()
    assert_accessible(page)
    page.get_by_role("link", name="Add an area for improvement").click()
    assert_accessible(page)
    page.get_by_label("Area for improvement").fill(
        "Partners do not share intelligence about places where children are at risk."
    )
    page.get_by_role("button", name="Add area for improvement").click()
    expect(page.get_by_text("Area for improvement 3 has been added")).to_be_visible()

    page.get_by_role("button", name="Move up area for improvement 3").click()
    expect(page.get_by_text("Area for improvement 3 moved up: it is now 2")).to_be_visible()
    expect(page.locator(".govuk-summary-card__title").nth(1)).to_have_text("Area for improvement 2")
    expect(page.locator(".govuk-summary-card").nth(1)).to_contain_text("share intelligence")

    page.get_by_role("link", name="Edit area for improvement 2").click()
    page.get_by_label("This is an area for priority action").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Area for improvement 2 has been saved")).to_be_visible()
    expect(page.locator(".govuk-summary-card").nth(1)).to_contain_text("Priority action")
    assert_accessible(page)

    page.get_by_role("link", name="Remove area for improvement 3").click()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("link", name="Back to the inspection").click()
    expect(page.locator(".app-finding h3").nth(1)).to_contain_text(
        re.compile("area for priority action.*share intelligence", re.S)
    )
