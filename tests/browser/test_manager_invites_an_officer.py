import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_the_manager_invites_a_police_officer_who_sets_a_password_and_sees_my_actions(
    page, demo, assert_accessible, live_server, settings
):
    settings.SITE_URL = live_server.url
    sign_in(page, "manager")
    page.get_by_role("link", name="Partnership", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="People", exact=True).click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Invite a person").click()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the person's first name")
    assert_accessible(page)
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Newcomer")
    page.get_by_label("E-mail address").fill("nia.newcomer@met.example.org")
    page.get_by_label("Username").fill("new.officer")
    page.get_by_label("Agency").select_option(label="Police")
    page.get_by_label("Action owner").check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "We have sent an invitation to nia.newcomer@met.example.org"
    )
    expect(page.get_by_text("Invited", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()

    link = re.search(r"http://\S+/account/invitation/\S+/", mail.outbox[-1].body)[0]
    page.goto(link)
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at least 12 characters")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("blue lantern river stone")
    page.get_by_label("Confirm new password").fill("blue lantern river stone")
    page.get_by_role("button", name="Set password and sign in").click()

    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    expect(page.locator(".govuk-footer")).to_contain_text("Signed in as Nia Newcomer")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "nia.newcomer@met.example.org", "blue lantern river stone")
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
