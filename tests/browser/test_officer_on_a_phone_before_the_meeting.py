"""Issue 18's journey: the officer's visit before the executive meets, on a 375 px phone.
They see the round's banner, open the action returned for more detail, record the detail,
correct a slip in it, and ask for a new target date; the manager approves the date."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actions import services as action_services
from actions.models import Action
from actions.rag import RAG
from people.models import User
from rounds import selectors as round_selectors
from rounds import services as round_services
from rounds.models import ReviewDecision, UpdateRound
from tests.browser.conftest import sign_in

PHONE = {"width": 375, "height": 740}
ASKED = "Say which partners have signed the protocol, and when the rest will."


def _sent_back(action: Action) -> None:
    """The officer's return in the open round, sent back by the manager for more detail."""
    update_round = UpdateRound.objects.get(plan=action.finding.plan)
    update = action_services.progress_update_record(
        action=action,
        author=action.lead_officer,
        rag=RAG.AMBER,
        narrative="Protocol nearly agreed.",
        rag_change_reason="Past its date: one partner has still to sign.",
        expected_version=action.version,
    )
    round_services.return_check(
        update_round=update_round,
        action=round_selectors.action_return(update_round=update_round, action_pk=action.pk),
        user=User.objects.get(username="manager"),
        update_id=update.pk,
        decision=ReviewDecision.SENT_BACK,
        comment=ASKED,
    )


def _no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


@pytest.mark.django_db(transaction=True)
def test_the_officer_answers_the_round_and_asks_for_a_new_date_on_a_phone(
    browser, live_server, demo, assert_accessible
):
    action = Action.objects.get(lead_officer__username="police.officer", reference="2.2")
    assert action.is_overdue  # the demo's 2.2 is past its date: the officer must say so
    _sent_back(action)
    new_date = timezone.localdate() + datetime.timedelta(days=90)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)

    sign_in(page, "police.officer")
    # The home page says a round is open, and for what, without opening an e-mail.
    banner = page.locator(".govuk-notification-banner").first
    expect(banner).to_contain_text("The update round for the executive meeting")
    expect(banner).to_contain_text("(returned for more detail)")
    # On a phone the service's navigation folds behind its Menu button.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="My actions", exact=True).click()
    expect(page.get_by_role("heading", name="Actions you lead")).to_be_visible()
    _no_sideways_scroll(page)
    # The filters fold behind one control, the list comes first.
    expect(page.get_by_label("Search")).to_be_hidden()
    row = page.locator("tr", has=page.get_by_role("link", name=re.compile(action.description[:30])))
    expect(row.get_by_text("Returned for more detail")).to_be_visible()
    expect(row).to_contain_text("Say which partners have signed")
    # Its status shows on the phone, with no sideways scrolling.
    status = row.locator("td[data-label=Status]")
    status.scroll_into_view_if_needed()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert_accessible(page)

    row.get_by_role("link", name=re.compile(action.description[:30])).click()
    expect(page.get_by_role("heading", name="Returned for more detail")).to_be_visible()
    _no_sideways_scroll(page)
    page.get_by_role("link", name="Record a new update").first.click()
    page.get_by_label("What progress has been made?").fill(
        "Police and health signed on 2 December; the council signs on 9 Decmeber."
    )
    page.get_by_label("Amber").check()
    page.get_by_label("Why this status").fill("Past its date: the council has still to sign.")
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Your progress update has been recorded")).to_be_visible()

    # A slip in what was just sent: the officer corrects it, and the first words are kept.
    page.get_by_role("link", name=re.compile("Correct this update")).click()
    narrative = page.get_by_label("What progress has been made?")
    narrative.fill(narrative.input_value().replace("Decmeber", "December"))
    assert_accessible(page)
    page.get_by_role("button", name="Save correction").click()
    expect(page.get_by_text(re.compile("Corrected by"))).to_be_visible()
    expect(page.get_by_text("the council signs on 9 December.").first).to_be_visible()
    page.get_by_text("What it said before").first.click()
    expect(page.get_by_text("the council signs on 9 Decmeber.").first).to_be_visible()

    page.get_by_role("link", name=re.compile("Ask for a new target date")).click()
    expect(page.get_by_role("heading", name="Ask for a new target date")).to_be_visible()
    page.get_by_label("Day").fill(str(new_date.day))
    page.get_by_label("Month").fill(str(new_date.month))
    page.get_by_label("Year").fill(str(new_date.year))
    page.get_by_label("Why must the target date move?").fill(
        "The council's sign-off waits for its cabinet on 9 December."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text(re.compile("awaiting a decision", re.I)).first).to_be_visible()
    _no_sideways_scroll(page)
    context.close()

    # The manager, at a desk, is pointed at the request from the home page and approves it.
    desk = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    manager = desk.new_page()
    manager.set_default_timeout(10_000)
    sign_in(manager, "manager")
    manager.get_by_role("link", name="1 new target date to approve or refuse").click()
    assert_accessible(manager)
    manager.get_by_role("link", name=re.compile("Approve or refuse")).first.click()
    manager.get_by_label("Approve: the target date moves to the new date").check()
    manager.get_by_role("button", name=re.compile("Save|Record|Send")).click()
    expect(manager.get_by_text(f"{new_date:%-d %B %Y}").first).to_be_visible()
    assert_accessible(manager)
    desk.close()

    action.refresh_from_db()
    assert action.target_date == new_date
    assert action.original_target_date < timezone.localdate()  # the date first agreed stays
