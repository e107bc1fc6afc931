"""Issue 17's journey: an officer records a reading of their area's measure and an item of
evidence, and the executive's dashboard shows the area's impact move; every page axe-clean,
the chart readable from its data table."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions.models import Action
from inspections.models import Inspection
from tests.browser.conftest import sign_in


def _impact_of_area(page, number: int) -> str:
    """The Impact cell of an area's row in the dashboard's areas table."""
    row = page.locator("tr", has=page.locator("th", has_text=re.compile(rf"^{number}\. ")))
    return row.locator("td .govuk-tag").last.inner_text()


@pytest.mark.django_db(transaction=True)
def test_an_officer_records_a_reading_and_evidence_and_the_dashboard_shows_impact_move(
    page, demo, assert_accessible
):
    today = timezone.localdate()

    sign_in(page, "executive")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    before = _impact_of_area(page, 2)
    assert before == "No change"  # the demo's vacancies have not moved from their baseline
    page.context.clear_cookies()

    sign_in(page, "council.officer")
    page.goto(Inspection.objects.get(partnership__slug="lewisham").get_absolute_url())
    area = re.compile(r"area for improvement 2\s*, with its measures")
    page.get_by_role("link", name=area).click()
    expect(page.get_by_role("heading", name="Delivery and impact")).to_be_visible()
    # The chart's figures are in its table, for those who cannot read the chart.
    expect(
        page.get_by_role("table", name=re.compile("Readings of Emergency duty team posts"))
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"Record a reading\s*: Emergency duty team")).click()
    assert_accessible(page)
    page.get_by_label("Reading").fill("abc")
    page.get_by_role("button", name="Record the reading").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reading").fill("16")
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Note (optional)").fill("Four posts filled from the November campaign.")
    page.get_by_role("button", name="Record the reading").click()
    expect(page.get_by_text("16%").first).to_be_visible()

    # An item of evidence on one of the area's actions.
    action = Action.objects.get(finding__plan__partnership__slug="lewisham", reference="2.1")
    page.goto(action.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Add evidence")).click()
    assert_accessible(page)
    page.get_by_label("Title").fill("EDT workforce report, November")
    page.get_by_label("Data").check()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("Or give a link").fill("https://intranet.example.org/edt-workforce-november")
    page.get_by_role("button", name="Add evidence").click()
    expect(page.get_by_text("EDT workforce report, November").first).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    sign_in(page, "executive")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    after = _impact_of_area(page, 2)
    assert after != before and after in {"Improving", "On track to target"}
    assert_accessible(page)
