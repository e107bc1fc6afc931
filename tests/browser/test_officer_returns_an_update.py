import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from notifications.models import SentEmail
from rounds.models import EmailKind, UpdateRound
from tests.browser.conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_the_police_officer_follows_the_round_email_and_the_manager_sees_the_return(
    page, demo, assert_accessible, live_server, settings
):
    settings.SITE_URL = live_server.url
    # The demo's round under way, as if just opened: its opening e-mails not gone yet.
    update_round = UpdateRound.objects.get(plan__partnership__slug="lewisham")
    SentEmail.objects.filter(kind=EmailKind.ROUND_OPEN).delete()
    call_command("send_reminders", stdout=io.StringIO())
    (email,) = [
        m
        for m in mail.outbox
        if m.to == [demo["police.officer"].email] and "for the LSCP executive" in m.subject
    ]
    link = re.search(r"Update it: (\S+)", email.body)[1]
    assert link.startswith(live_server.url)

    # Signed out, as someone opening the e-mail is: the link asks them to sign in first,
    # then opens the update form.
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/account/sign-in/\?next="))
    assert_accessible(page)
    page.get_by_label("Username").fill("police.officer")
    page.get_by_label("Password").fill("demo-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(link)
    expect(page.get_by_role("heading", name="Record a progress update")).to_be_visible()
    assert_accessible(page)
    reference = re.search(r"/actions/(\d+)/update/", link)[1]
    page.get_by_label("What progress has been made?").fill(
        "Custody lead named; protocol signed by all partners on Monday."
    )
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Your progress update has been recorded")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page, "manager")
    page.goto(update_round.get_absolute_url())
    expect(page.get_by_role("heading", name=re.compile("Returns for the meeting"))).to_be_visible()
    row = page.locator(f"#action-{reference}")
    expect(row.locator(".govuk-tag")).to_have_text("Returned: to check")
    # Each tag on one line: the Return column is as wide as its longest tag.
    not_returned = page.locator(".govuk-tag", has_text="Not returned").first
    expect(not_returned).to_be_visible()
    one_line = row.locator(".govuk-tag").evaluate(
        "tag => parseFloat(getComputedStyle(tag).lineHeight)"
    )
    for tag in (row.locator(".govuk-tag"), not_returned):
        box = tag.bounding_box()
        assert box["height"] < 2 * one_line, box
    assert_accessible(page)
