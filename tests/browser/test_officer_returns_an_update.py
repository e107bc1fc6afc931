import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from inspections.models import Inspection
from rounds import services
from tests.browser.conftest import sign_in


@pytest.mark.django_db(transaction=True)
def test_the_police_officer_follows_the_round_email_and_the_manager_sees_the_return(
    page, demo, assert_accessible, live_server, settings
):
    settings.SITE_URL = live_server.url
    inspection = Inspection.objects.get(partnership__slug="lewisham")
    meeting = timezone.localdate() + datetime.timedelta(days=40)
    update_round, _ = services.round_open(
        inspection=inspection,
        user=demo["manager"],
        meeting_date=meeting,
        deadline=services.suggest_deadline(meeting),
    )
    (email,) = [m for m in mail.outbox if m.to == [demo["police.officer"].email]]
    link = re.search(r"Update it: (\S+)", email.body)[1]
    assert link.startswith(live_server.url)

    sign_in(page, "police.officer")
    page.goto(link)
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
    assert_accessible(page)
    page.screenshot(path="/tmp/returns-page.png", full_page=True)
