import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.demo import DEMO_INSPECTION


@pytest.mark.django_db(transaction=True)
def test_the_manager_previews_and_downloads_the_statement_and_finds_the_import(
    page, demo, assert_accessible
):
    sign_in(page, "manager")
    page.get_by_role("link", name=DEMO_INSPECTION).click()
    page.get_by_role("link", name="Written statement of action").click()
    expect(
        page.get_by_role("heading", name="Written statement of proposed action", level=1)
    ).to_be_visible()
    expect(page.locator(".document .finding")).to_have_count(8)
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.startswith("written-statement-lewisham-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("link", name="Show the progress report").click()
    expect(page.locator(".document .rag").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record that the statement has been sent to Ofsted").click()
    assert_accessible(page)
    page.get_by_role("button", name="Record as sent").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the date the statement was sent"
    )
    assert_accessible(page)

    page.go_back()
    page.go_back()
    page.goto(page.url.split("/statement/")[0] + "/import/")
    expect(page.get_by_role("heading", name="Import actions from a spreadsheet")).to_be_visible()
    assert_accessible(page)
