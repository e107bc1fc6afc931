import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.demo import DEMO_INSPECTION
from tests.inspections.test_load_demo import what_needs_to_improve_in_the_letter


@pytest.mark.django_db(transaction=True)
def test_the_executive_signs_in_and_reads_the_lewisham_plan(page, demo, assert_accessible):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/account/sign-in/"))
    assert_accessible(page)

    sign_in(page, "executive")
    # An executive member lands on the dashboard of the plan under monitoring.
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    page.get_by_role("link", name="Inspections", exact=True).first.click()
    expect(page.get_by_role("heading", name="Inspections", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=DEMO_INSPECTION).click()
    findings = page.locator(".app-finding h3")
    expect(findings).to_have_count(8)
    for number, text in enumerate(what_needs_to_improve_in_the_letter(), start=1):
        expect(findings.nth(number - 1)).to_contain_text(text)
    expect(page.locator("table .govuk-tag", has_text="Overdue").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Agree a joint protocol")).click()
    expect(page.get_by_role("heading", name="Action 1.1")).to_be_visible()
    expect(page.get_by_role("heading", name="Progress updates")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Accessibility statement", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_a_wrong_password_shows_the_error_summary(page, demo, assert_accessible):
    sign_in(page, "executive", password="not-the-password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter a correct username or e-mail address, and password")
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_locked_out_page_says_when_to_try_again(page, demo, assert_accessible):
    for _ in range(5):
        sign_in(page, "scrutineer", password="not-the-password")
    expect(page.get_by_role("heading", name="Sign-in locked for now")).to_be_visible()
    expect(page.get_by_text("Wait 15 minutes")).to_be_visible()
    assert_accessible(page)
