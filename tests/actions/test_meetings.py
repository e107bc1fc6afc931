"""Executive meetings: snapshots, what changed between two meetings, the trend, the pack."""

import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actions import services
from actions.models import Action
from actions.rag import RAG
from inspections.models import Inspection
from meetings.models import ActionSnapshot, Meeting
from meetings.services import meeting_record, plan_changes, snapshot_states, take_snapshot
from rounds.services import round_open
from tests.actions.conftest import propose
from tests.actions.test_close_action import agree
from tests.factories import ActionFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def update(action, user, rag, reason="Slipped."):
    services.progress_update_record(
        action=action,
        author=user,
        rag=rag,
        narrative=f"Now {rag}.",
        rag_change_reason=reason,
        expected_version=action.version,
    )
    action.refresh_from_db()


@pytest.fixture
def two_meetings(client, plan):
    """A plan recorded at one meeting, changed in every way, and recorded at a second."""
    inspection = plan.finding.plan.inspection
    actions = {
        ref: ActionFactory(
            finding=plan.finding,
            reference=ref,
            lead_agency=plan.police,
            rag=rag,
            target_date=target,
        )
        for ref, rag, target in [
            ("W", RAG.GREEN, days(100)),  # will get worse
            ("B", RAG.RED, days(100)),  # will get better
            ("O", RAG.GREEN, days(3)),  # will become overdue by the second meeting
            ("C", RAG.GREEN, days(100)),  # will be completed
            ("R", RAG.AMBER, days(20)),  # will be re-baselined
            ("S", RAG.GREEN, days(100)),  # stays as it is
        ]
    }
    # Today, so C, proposed after it, is agreed at it.
    first = meeting_record(
        plan=inspection.plan, user=plan.manager, date=days(0), title="LSCP executive"
    )
    update(actions["W"], plan.police_owner, RAG.RED)
    update(actions["B"], plan.police_owner, RAG.GREEN)
    propose(actions["C"], plan.police_owner)
    actions["C"].refresh_from_db()
    client.force_login(plan.executive)
    agree(client, actions["C"])
    services.action_edit(
        action=actions["R"],
        user=plan.manager,
        expected_version=actions["R"].version,
        details={"target_date": days(80)},
        supporting_agencies=[],
        target_date_change_reason="Approved.",
    )
    new = ActionFactory(finding=plan.finding, reference="N", lead_agency=plan.police)
    second = Meeting.objects.create(
        plan=inspection.plan, date=days(5), title="LSCP executive", recorded_by=plan.manager
    )
    take_snapshot(second)  # the meeting is in the future here, which recording refuses
    return plan, actions, new, first, second


@pytest.mark.django_db
def test_recording_a_meeting_keeps_every_actions_state_as_it_was(client, plan):
    client.force_login(plan.manager)
    response = client.post(
        reverse("meetings:meeting_list", args=[plan.finding.plan.inspection.pk]),
        {
            "date_0": TODAY.day,
            "date_1": TODAY.month,
            "date_2": TODAY.year,
            "title": "LSCP executive",
            "notes": "Police to report on PACE beds.",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    snapshot = ActionSnapshot.objects.get(meeting=meeting)
    assert (snapshot.action, snapshot.rag, snapshot.target_date) == (
        plan.action,
        plan.action.rag,
        plan.action.target_date,
    )

    update(plan.action, plan.police_owner, RAG.RED)
    snapshot.refresh_from_db()
    assert snapshot.rag == RAG.GREEN  # the snapshot does not move with the plan


@pytest.mark.django_db
def test_only_managers_record_meetings_and_not_in_the_future(client, plan):
    url = reverse("meetings:meeting_list", args=[plan.finding.plan.inspection.pk])
    tomorrow = days(1)
    data = {
        "date_0": tomorrow.day,
        "date_1": tomorrow.month,
        "date_2": tomorrow.year,
        "title": "LSCP executive",
    }
    client.force_login(plan.executive)
    assert client.post(url, data).status_code == 403
    assert client.get(url).status_code == 200
    client.force_login(plan.manager)
    assert (
        "The meeting date must be today or in the past" in client.post(url, data).content.decode()
    )
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_the_changes_between_two_meetings_name_every_kind(two_meetings):
    plan, actions, new, first, second = two_meetings
    changes = plan_changes(snapshot_states(first), snapshot_states(second), Action.objects.all())
    found = {
        kind: sorted(c.action.reference for c in group.changes) for kind, group in changes.items()
    }
    assert found == {
        "worse": ["W"],
        "better": ["B"],
        "overdue": ["O"],
        "completed": ["C"],
        "rebaselined": ["R"],
        "new": ["N"],
    }


@pytest.mark.django_db
def test_the_meeting_page_lists_the_changes_since_the_meeting_before(client, two_meetings):
    plan, actions, new, first, second = two_meetings
    client.force_login(plan.scrutineer)
    html = client.get(second.get_absolute_url()).content.decode()
    assert "Moved to a worse status (1)" in html
    assert "Green → Red" in html
    assert f"target date {days(20):%-d %b %Y} → {days(80):%-d %b %Y}" in html
    assert "New to the plan (1)" in html


@pytest.mark.django_db
def test_the_trend_table_gives_the_rag_counts_at_each_meeting(client, two_meetings):
    plan, actions, new, first, second = two_meetings
    client.force_login(plan.executive)
    html = client.get(
        reverse("meetings:dashboard", args=[plan.finding.plan.inspection.pk])
    ).content.decode()
    table = html.split("RAG status at each meeting (the chart")[1].split("</table>")[0]

    rows = table.split("<tr")[2:]
    counts = [re.findall(r'numeric">(\d+)</td>', row) for row in rows]
    # not started, red, amber, green, complete: the plan's 7, then 8 actions, and today
    # the same 8 as at the last meeting
    today = ["0", "1", "1", "5", "1"]
    assert counts == [["0", "1", "1", "5", "0"], ["0", "1", "1", "5", "1"], today]
    assert "Today (" in rows[2]
    assert '<svg role="img"' in html
    assert "RAG status of the plan&#x27;s actions at 2 meetings and today" in html


@pytest.mark.django_db
def test_the_meeting_pack_pdf_holds_exceptions_changes_and_closures(client, two_meetings):
    plan, actions, new, first, second = two_meetings
    waiting = ActionFactory(
        finding=plan.finding,
        reference="P",
        lead_agency=plan.police,
        description="Publish the training impact framework.",
    )
    propose(waiting, plan.police_owner)
    client.force_login(plan.executive)

    response = client.get(
        reverse("meetings:meeting_pack_download", args=[plan.finding.plan.inspection.pk])
    )

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Meeting pack: the JTAI action plan" in text
    assert "Highlight report" in text
    assert "Red and overdue" in text
    assert "Trend across meetings" in text
    assert "Changes since the last meeting" in text
    assert "Closures to agree" in text
    assert "Publish the training impact framework." in text
    assert "Audit shows 95% of episodes followed up in 72 hours." in text
    assert reader.metadata.author == plan.partnership.name


@pytest.mark.django_db
def test_a_meeting_cannot_be_recorded_before_the_last_one(client, plan):
    meeting_record(
        plan=plan.finding.plan.inspection.plan,
        user=plan.manager,
        date=days(-3),
        title="LSCP executive",
    )
    client.force_login(plan.manager)
    earlier = days(-10)
    response = client.post(
        reverse("meetings:meeting_list", args=[plan.finding.plan.inspection.pk]),
        {
            "date_0": earlier.day,
            "date_1": earlier.month,
            "date_2": earlier.year,
            "title": "LSCP executive",
        },
    )
    assert "must be on or after the last meeting recorded" in response.content.decode()
    assert Meeting.objects.count() == 1


def pack_pages(client, inspection) -> list[str]:
    response = client.get(reverse("meetings:meeting_pack_download", args=[inspection.pk]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@pytest.mark.django_db
def test_the_pack_cover_names_the_meeting_and_carries_the_summary_and_key(client, two_meetings):
    plan, actions, new, first, second = two_meetings
    inspection = plan.finding.plan.inspection
    client.force_login(plan.executive)
    short_name = inspection.partnership.short_name

    cover = pack_pages(client, inspection)[0]
    # No update round open: the pack follows on from the last meeting it knows.
    assert f"Since LSCP executive, {second.date:%-d %B %Y}" in cover
    assert f"Last meeting LSCP executive, {second.date:%-d %B %Y}" in cover
    assert "RAG summary" in cover
    assert "All areas" in cover
    assert "Planned; the start date has not been reached." in cover  # the RAG key

    round_open(plan=inspection.plan, user=plan.manager, meeting_date=days(40))
    cover = pack_pages(client, inspection)[0]
    assert f"For the {short_name} executive meeting on {days(40):%-d %B %Y}" in cover
    assert "Update round" in cover


@pytest.mark.django_db
def test_the_demo_pack_reads_on_in_a_few_landscape_pages(client, demo):
    lewisham = Inspection.objects.get(partnership__slug="lewisham")
    client.force_login(demo["executive"])
    response = client.get(reverse("meetings:meeting_pack_download", args=[lewisham.pk]))
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    # The pack reads on in a few pages; the whole plan follows as an appendix of its own.
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    appendix = next(n for n, text in enumerate(texts) if "Appendix: the whole plan" in text)
    assert appendix <= 6
    assert "Appendix: the whole plan" in texts[appendix][:200]  # it starts a page
    # The whole plan and the evidence index after it.
    assert len(reader.pages) - appendix <= 6
    for number, page in enumerate(reader.pages, start=1):
        assert page.mediabox.width > page.mediabox.height
        text = " ".join(page.extract_text().split())
        assert "OFFICIAL" in text
        assert f"Page {number} of {len(reader.pages)}" in text
