import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from actions import services
from actions.models import Action, Closure, ClosureStatus
from meetings.services import meeting_record
from tests.browser.conftest import sign_in

AUDIT_REPORT = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
REFUSAL = "The audit covered one month only: bring three months of dip samples."
CHALLENGE = "Why is the joint protocol still red after two executive meetings?"
ANSWER = "The police and the council sign the protocol on 10 December; the chair escalated it."


def propose_complete(reference: str, owner, **evidence) -> Action:
    action = Action.objects.get(finding__plan__partnership__slug="lewisham", reference=reference)
    services.closure_propose(
        action=action,
        user=owner,
        evidence_of_impact=f"Action {reference}: the audit shows the change in every case.",
        sustainability_plan="Quarterly audit by the lead, reported to the executive.",
        expected_version=action.version,
        **evidence,
    )
    return action


def fill_date(page, day):
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))


@pytest.mark.django_db(transaction=True)
def test_the_executive_decides_closures_from_the_pack_and_the_manager_answers_a_challenge(
    page, demo, assert_accessible, mailoutbox
):
    agreed = propose_complete(
        "2.2",
        demo["police.officer"],
        evidence_file=SimpleUploadedFile("audit report.pdf", AUDIT_REPORT, "application/pdf"),
    )
    refused = propose_complete(
        "3.2", demo["health.officer"], evidence_link="https://example.org/gp-briefing"
    )
    today = timezone.localdate()
    # The executive meets today: the decisions are recorded at this meeting.
    meeting = meeting_record(
        plan=agreed.finding.plan,
        user=demo["manager"],
        date=today,
        title="LSCP executive",
        attendees=[demo["executive"], demo["manager"]],
    )

    sign_in(page, "executive")  # lands on the dashboard
    page.get_by_role("link", name="Read the meeting pack").click()
    pack_url = page.url
    closures = page.locator("#closures .closure")
    expect(closures).to_have_count(2)
    first = closures.filter(has_text=f"{agreed.reference} ")
    expect(first).to_contain_text("Quarterly audit by the lead")
    expect(
        closures.filter(has_text=refused.reference).get_by_role(
            "link", name=re.compile("gp-briefing")
        )
    ).to_be_visible()
    assert_accessible(page)

    # The evidence file opens from the pack: the owner's own bytes.
    href = first.get_by_role("link", name="audit report.pdf").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.body() == AUDIT_REPORT

    first.get_by_role("link", name=re.compile("Record the decision")).click()
    expect(
        page.get_by_role("heading", name="Decide whether the action is complete")
    ).to_be_visible()
    expect(page.get_by_role("link", name="audit report.pdf")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Agreed: the action is complete").check()
    fill_date(page, today)
    page.get_by_label("Meeting where the partnership decided").select_option(label=str(meeting))
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(f"Action {agreed.reference} is complete")).to_be_visible()
    expect(page.locator(".govuk-tag").first).to_have_text("Complete")

    page.goto(pack_url)
    expect(page.locator("#closures .closure")).to_have_count(1)
    page.locator("#closures .closure").get_by_role(
        "link", name=re.compile("Record the decision")
    ).click()
    page.get_by_label("Not agreed: the action goes back to its owner").check()
    fill_date(page, today)
    page.get_by_label("Meeting where the partnership decided").select_option(label=str(meeting))
    page.get_by_role("button", name="Record the decision").click()

    # Not agreed needs a reason; what was chosen is kept.
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter why the partnership has not agreed")
    expect(page.get_by_label("Not agreed: the action goes back to its owner")).to_be_checked()
    expect(page.get_by_label("Meeting where the partnership decided")).to_have_value(
        str(meeting.pk)
    )
    for link in summary.locator("a").all():
        assert page.locator(link.get_attribute("href")).count() == 1
    assert_accessible(page)
    page.get_by_label("Why has the partnership not agreed").fill(REFUSAL)
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_text(f"Closure of action {refused.reference} not agreed")).to_be_visible()
    earlier = page.locator("h2:has-text('Earlier closures') + ul")
    expect(earlier).to_contain_text(REFUSAL)
    expect(earlier).to_contain_text(str(meeting))
    expect(page.locator(".govuk-tag").first).to_have_text("Green")  # open, as it was
    decision_update = page.locator(".govuk-summary-card", has_text="Closure not agreed by the")
    expect(decision_update).to_contain_text(REFUSAL)
    expect(decision_update).not_to_contain_text("Why the status changed")
    expect(page.get_by_role("link", name=re.compile("Record the decision"))).to_have_count(0)
    assert_accessible(page)

    # On the record: who decided, at which meeting; each owner told the outcome.
    decisions = {closure.action_id: closure for closure in Closure.objects.filter(meeting=meeting)}
    assert decisions[agreed.pk].status == ClosureStatus.AGREED
    assert decisions[refused.pk].status == ClosureStatus.NOT_AGREED
    assert {closure.agreed_by for closure in decisions.values()} == {demo["executive"]}
    told = {(tuple(email.to), email.subject) for email in mailoutbox}
    assert (
        (demo["police.officer"].email,),
        f"Action {agreed.reference} is complete: closure agreed",
    ) in told
    assert (
        (demo["health.officer"].email,),
        f"Action {refused.reference} closure not agreed",
    ) in told

    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, "scrutineer")
    red = Action.objects.get(finding__plan=agreed.finding.plan, reference="1.1")
    page.goto(red.get_absolute_url())
    page.get_by_role("link", name=re.compile("Raise a challenge")).click()
    expect(page.get_by_role("heading", name="Raise a challenge on action 1.1")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your challenge").fill(CHALLENGE)
    page.get_by_role("button", name="Send the challenge").click()
    expect(page.get_by_text("Your challenge on action 1.1 is sent")).to_be_visible()
    card = page.locator("#challenges ~ .govuk-summary-card", has_text=CHALLENGE)
    expect(card).to_contain_text("Open")
    expect(card).to_contain_text("Awaiting the manager's answer")
    assert_accessible(page)

    page.goto(pack_url)
    expect(page.locator("section#challenges", has_text=CHALLENGE)).to_have_count(1)

    page.get_by_role("button", name=re.compile("Sign out")).click()
    sign_in(page, "manager")
    page.goto(agreed.finding.plan.inspection.get_absolute_url())
    page.get_by_role("link", name="Challenges", exact=True).click()
    expect(page.get_by_role("heading", name="Challenges", level=1)).to_be_visible()
    assert_accessible(page)
    page.locator(".govuk-summary-card", has_text=CHALLENGE).get_by_role(
        "link", name=re.compile("Answer")
    ).click()
    expect(page.get_by_role("heading", name="Answer the challenge on action 1.1")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_role("button", name="Send the answer").click()
    expect(
        page.get_by_text("Your answer to the challenge on action 1.1 is recorded")
    ).to_be_visible()
    answered = page.locator(".govuk-summary-card", has_text=CHALLENGE)
    expect(answered).to_contain_text("Answered")
    expect(answered).to_contain_text(ANSWER)

    page.goto(pack_url)
    expect(page.locator("section#challenges").last).to_contain_text("No challenge awaits")
    expect(page.locator("section#challenges", has_text=CHALLENGE)).to_have_count(0)
