import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import sign_in


def code_from_app(secret_key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app given this key shows (steps_ahead: 30 seconds each)."""
    key = b32decode(secret_key.replace(" ", ""))
    return f"{totp(key, drift=steps_ahead):06d}"


@pytest.mark.django_db(transaction=True)
def test_the_executive_turns_on_two_factor_and_signs_in_with_a_code(page, demo, assert_accessible):
    sign_in(page, "executive")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()

    page.goto("/account/two-factor/")
    expect(page.get_by_role("heading", name="Two-factor authentication", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Turn on two-factor authentication").click()

    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    secret_key = page.locator("#secret-key").inner_text()
    assert re.fullmatch(r"([A-Z2-7]{4} ){7}[A-Z2-7]{4}", secret_key)
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not correct")
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    # django-otp slows down the next try after a wrong code: a second is enough.
    page.wait_for_timeout(1100)
    page.get_by_label("Code from your authenticator app").fill(code_from_app(secret_key))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page.get_by_role("heading", name="Your backup codes", level=1)).to_be_visible()
    expect(page.locator(".app-backup-code")).to_have_count(10)
    expect(page.get_by_text("Two-factor authentication is on")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, "executive")
    expect(page.get_by_role("heading", name="Enter your two-factor code", level=1)).to_be_visible()
    assert_accessible(page)
    # The code the app shows next: the one used at set-up cannot be used again.
    page.get_by_label("Code from your authenticator app").fill(
        code_from_app(secret_key, steps_ahead=1)
    )
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    page.goto("/account/two-factor/")
    expect(page.get_by_text("You sign in with your password and a code")).to_be_visible()
    assert_accessible(page)
