import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.inspections.letters import letter_pdf


@pytest.mark.django_db(transaction=True)
def test_the_manager_uploads_the_letter_checks_it_and_saves(
    page, demo, assert_accessible, tmp_path
):
    letter = tmp_path / "jtai-letter.pdf"
    letter.write_bytes(letter_pdf())
    sign_in(page, "manager")
    page.get_by_role("link", name="Start an inspection from its letter").click()
    assert_accessible(page)

    page.get_by_label("Upload the letter as a PDF").set_input_files(letter)
    page.get_by_role("button", name="Read the letter").click()
    expect(page.get_by_role("heading", name="Check what the letter says")).to_be_visible()
    expect(page.get_by_label("What needs to improve")).to_have_value(
        re.compile("^The length of time children spend in police stations out of hours.")
    )
    expect(page.get_by_label("Ofsted")).to_be_checked()
    expect(page.get_by_label("HMI Probation")).not_to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Save the inspection").click()
    expect(
        page.get_by_text("The inspection is set up with its 8 areas for improvement")
    ).to_be_visible()
    expect(page.locator(".app-finding h3")).to_have_count(8)
    expect(page.get_by_role("link", name="Download the original letter")).to_be_visible()
    assert_accessible(page)
