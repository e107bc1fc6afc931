import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_the_police_officer_records_a_red_update_on_an_amber_action(page, demo, assert_accessible):
    sign_in(page, "police.officer")
    page.get_by_role("link", name="My actions").click()
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    assert_accessible(page)

    amber_row = page.locator("tbody tr", has=page.locator(".govuk-tag", has_text="Amber")).first
    action_name = amber_row.get_by_role("link").inner_text()
    amber_row.get_by_role("link").click()
    expect(page.locator(".govuk-tag").first).to_have_text("Amber")
    assert_accessible(page)

    page.get_by_role("link", name="Record a progress update").click()
    assert_accessible(page)
    page.get_by_label("Red").check()
    page.get_by_label("What progress has been made?").fill(
        "Dip sample fell to 60%: night shifts are not recording strategy outcomes."
    )
    page.get_by_role("button", name="Save update").click()

    # Worse than Amber: the reason is required, and what was typed is kept.
    expect(page.locator(".govuk-error-summary")).to_contain_text("Explain why the status has")
    expect(page.get_by_label("What progress has been made?")).to_have_value(
        re.compile("Dip sample fell to 60%")
    )
    assert_accessible(page)
    page.locator(".govuk-error-summary a").first.click()
    expect(page.get_by_label("Why this status? (if asked)")).to_be_focused()
    page.get_by_label("Why this status? (if asked)").fill(
        "Training refresh delayed by abstractions; recovery plan to the executive."
    )
    page.get_by_role("button", name="Save update").click()

    expect(page.get_by_text("Your progress update has been recorded")).to_be_visible()
    expect(page.locator(".govuk-tag").first).to_have_text("Red")
    expect(page.get_by_text("Dip sample fell to 60%")).to_be_visible()
    expect(page.get_by_text("Training refresh delayed by abstractions")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="My actions").click()
    page.get_by_label("Red", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"rag=red"))
    expect(page.get_by_role("link", name=action_name)).to_be_visible()
    for tag in page.locator("tbody .govuk-tag:not(.govuk-tag--purple)").all_inner_texts():
        assert tag in ("Red", "Overdue")
    assert_accessible(page)
