import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_the_executive_reads_the_dashboard_follows_overdue_and_downloads_the_pack(
    page, demo, assert_accessible
):
    sign_in(page, "executive")  # lands on the dashboard
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    assert_accessible(page)

    overdue = page.locator(".app-figure", has_text="overdue").first
    count = int(overdue.locator(".app-figure__number").inner_text())
    assert count > 0
    overdue.click()
    expect(page).to_have_url(re.compile(r"overdue=on"))
    expect(page.get_by_text(f"{count} action")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(count)
    assert_accessible(page)

    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the meeting pack (PDF)").click()
    assert download.value.suggested_filename.startswith("meeting-pack-lewisham-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("link", name="Read the meeting pack").click()
    expect(page.locator(".document .app-trend svg")).to_be_visible()
    assert_accessible(page)

    page.go_back()
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name=re.compile("LSCP executive")).first.click()
    expect(page.get_by_role("heading", name="Changes since the meeting before")).to_be_visible()
    assert_accessible(page)
