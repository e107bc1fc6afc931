"""The executive judges each area for improvement as a whole at a meeting, and the plan
closes only when every area is addressed, no action is open and no update round is open."""

import datetime
import html
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from actions.models import PlanStatus
from actions.rag import RAG
from meetings.models import AreaJudgement, Judgement
from meetings.services import meeting_record
from rounds.services import round_open
from tests.actions.test_rules_stated_once import errors_beside_fields
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, FindingFactory
from tests.inspections.test_edit_inspection_details import as_shown

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def meeting(plan):
    return meeting_record(plan=plan.finding.plan, user=plan.manager, date=days(-7), title="LSCP")


def judge(client, meeting, finding, judgement, evidence="Audit of 40 cases: all seen in time."):
    return client.post(
        reverse("meetings:area_judgement", args=[meeting.pk, finding.pk]),
        {f"area-{finding.pk}-judgement": judgement, f"area-{finding.pk}-evidence": evidence},
    )


def page_text(response) -> str:
    """The page's words as a person reads them, without its markup."""
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(words).split())


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "executive"])
def test_the_manager_or_executive_records_an_areas_judgement(client, plan, meeting, who):
    client.force_login(getattr(plan, who))
    response = judge(client, meeting, plan.finding, Judgement.IMPROVING)
    assert response.status_code == 302
    page = page_text(client.get(response["Location"]))
    assert f"Area 1 is judged improving at {meeting}" in page
    assert "Judged at this meeting Improving Audit of 40 cases: all seen in time." in page
    judged = AreaJudgement.objects.get()
    assert (judged.judgement, judged.recorded_by) == (Judgement.IMPROVING, getattr(plan, who))

    # Judged again at the same meeting: the meeting's judgement is replaced, not doubled.
    judge(client, meeting, plan.finding, Judgement.ADDRESSED)
    assert AreaJudgement.objects.get().judgement == Judgement.ADDRESSED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["police_owner", "scrutineer"])
def test_owners_and_the_scrutineer_read_the_judgements_and_cannot_record_them(
    client, plan, meeting, who
):
    client.force_login(plan.executive)
    judge(client, meeting, plan.finding, Judgement.IMPROVING)
    client.force_login(getattr(plan, who))
    assert judge(client, meeting, plan.finding, Judgement.ADDRESSED).status_code == 403
    page = client.get(meeting.get_absolute_url())
    text = page_text(page)
    assert "Current judgement Improving" in text
    assert "Record the judgement of area 1" not in text
    assert AreaJudgement.objects.get().judgement == Judgement.IMPROVING


@pytest.mark.django_db
@pytest.mark.parametrize("judgement", [Judgement.IMPROVING, Judgement.ADDRESSED])
def test_evidence_is_needed_for_an_area_improving_or_addressed(client, plan, meeting, judgement):
    client.force_login(plan.executive)
    response = judge(client, meeting, plan.finding, judgement, evidence="  ")
    assert response.status_code == 200
    page = response.content.decode()
    message = f"Enter the evidence that shows the area is {judgement.label.lower()}"
    assert error_summary_messages(page) == [message]
    assert_error_summary_links_reach_inputs(page)
    assert f'id="id_area-{plan.finding.pk}-evidence_1_error"' in page  # beside the field
    assert not AreaJudgement.objects.exists()

    # Not yet addressed needs no evidence; a judgement must be chosen.
    assert judge(client, meeting, plan.finding, Judgement.NOT_YET_ADDRESSED, "").status_code == 302
    response = judge(client, meeting, plan.finding, "", "")
    assert error_summary_messages(response.content.decode()) == [
        "Select how far the area is addressed"
    ]
    assert_error_summary_links_reach_inputs(response.content.decode())


@pytest.mark.django_db
def test_another_partnerships_meeting_or_area_is_not_found(client, plan, meeting):
    client.force_login(plan.stranger)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert judge(client, meeting, plan.finding, Judgement.IMPROVING).status_code == 404
    # An area of another plan, at this partnership's meeting.
    client.force_login(plan.executive)
    elsewhere = FindingFactory()
    assert judge(client, meeting, elsewhere, Judgement.IMPROVING).status_code == 404
    assert not AreaJudgement.objects.exists()


@pytest.mark.django_db
def test_the_latest_meetings_judgement_is_the_current_one(client, plan, meeting):
    client.force_login(plan.executive)
    later = meeting_record(plan=plan.finding.plan, user=plan.manager, date=TODAY, title="LSCP")
    judge(client, later, plan.finding, Judgement.ADDRESSED)
    # Judged afterwards at the earlier meeting: it is still not the current judgement.
    judge(client, meeting, plan.finding, Judgement.IMPROVING)

    earlier_page = page_text(client.get(meeting.get_absolute_url()))
    assert "Judged at this meeting Improving" in earlier_page
    assert f"Current judgement Addressed (at {later})" in earlier_page
    pack = page_text(
        client.get(reverse("meetings:meeting_pack", args=[plan.finding.plan.inspection.pk]))
    )
    # The area's row: its words, its delivery and impact, then the executive's judgement.
    judged = pack.split("Areas for improvement: the executive's judgement")[1]
    row = judged.split("1. Staffing capacity in the EDT.")[1].split("2. ")[0]
    assert f"Addressed {TODAY:%-d %b %Y}" in row


@pytest.mark.django_db
def test_the_meeting_page_shows_each_areas_rag_counts_in_a_fixed_number_of_queries(
    client, plan, django_assert_num_queries
):
    # Each page compares its meeting with the one before, which lacked the new actions.
    meeting_record(plan=plan.finding.plan, user=plan.manager, date=days(-60), title="First")
    second = FindingFactory(plan=plan.finding.plan, number=2, text="Return home interviews.")
    for n, rag in enumerate([RAG.RED, RAG.RED, RAG.GREEN]):
        ActionFactory(finding=second, lead_agency=plan.council, rag=rag, reference=f"2.{n}")
    meeting = meeting_record(plan=plan.finding.plan, user=plan.manager, date=TODAY, title="LSCP")
    client.force_login(plan.executive)
    judge(client, meeting, second, Judgement.IMPROVING)

    # 15, 1 for the scrutineer's challenges on the meeting (meetings.challenges),
    # and 3 for its decisions, the matters arising and the asks awaiting a decision
    # (meetings.decisions; their actions are read only when there are decisions)
    with django_assert_num_queries(19):
        response = client.get(meeting.get_absolute_url())
    text = page_text(response)
    assert (
        "Area 2 Return home interviews. Its actions at this meeting Not started: 0; Red: 2; "
        in text
    )
    assert "Green: 1; Complete: 0" in text
    assert "Record the judgement of area 2" in text

    for n in range(5):
        more = FindingFactory(plan=plan.finding.plan, number=3 + n)
        ActionFactory(finding=more, lead_agency=plan.council, reference=f"{3 + n}.1")
    later = meeting_record(plan=plan.finding.plan, user=plan.manager, date=TODAY, title="Next")
    for finding in plan.finding.plan.findings.all():
        judge(client, later, finding, Judgement.NOT_YET_ADDRESSED, "")
    with django_assert_num_queries(19):
        assert client.get(later.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_the_pack_pdf_gives_each_areas_judgement_in_words(client, plan, meeting):
    second = FindingFactory(plan=plan.finding.plan, number=2, text="Return home interviews.")
    client.force_login(plan.executive)
    judge(client, meeting, plan.finding, Judgement.ADDRESSED)
    response = client.get(
        reverse("meetings:meeting_pack_download", args=[plan.finding.plan.inspection.pk])
    )
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Areas for improvement: the executive's judgement" in text
    judged = text.split("Areas for improvement: the executive's judgement")[1]
    first_row = judged.split("1. Staffing capacity in the EDT.")[1].split("2. ")[0]
    assert "Addressed" in first_row
    assert "Not yet judged" in judged.split(f"2. {second.text}")[1][:300]


# --- Closing the plan ------------------------------------------------------------------


def close(client, inspection):
    data = as_shown(client, inspection)
    data["status"] = PlanStatus.CLOSED
    return client.post(reverse("inspections:inspection_edit", args=[inspection.pk]), data)


def status_error(response) -> str:
    """The refusal as the edit page shows it beside the status."""
    beside = errors_beside_fields(response.content.decode())
    assert list(beside) == ["status"], "the refusal is not beside the status"
    return " ".join(beside["status"])


@pytest.fixture
def closing(plan):
    """A plan of two areas, its only action complete and both areas judged addressed."""
    inspection = plan.finding.plan.inspection
    plan.second = FindingFactory(plan=plan.finding.plan, number=2, text="Return home interviews.")
    plan.action.rag = RAG.COMPLETE
    plan.action.save()
    plan.meeting = meeting_record(
        plan=plan.finding.plan, user=plan.manager, date=days(-1), title="LSCP"
    )
    for finding in (plan.finding, plan.second):
        AreaJudgement.objects.create(
            meeting=plan.meeting,
            finding=finding,
            judgement=Judgement.ADDRESSED,
            evidence="Audited.",
            recorded_by=plan.executive,
            recorded_at=timezone.now(),
        )
    plan.inspection = inspection
    return plan


@pytest.mark.django_db
def test_the_plan_closes_when_every_area_is_addressed_and_nothing_is_open(client, closing):
    client.force_login(closing.manager)
    response = close(client, closing.inspection)
    assert response.status_code == 302
    closing.inspection.plan.refresh_from_db()
    assert closing.inspection.plan.status == PlanStatus.CLOSED


@pytest.mark.django_db
def test_the_plan_cannot_close_with_an_area_not_yet_addressed(client, closing):
    AreaJudgement.objects.filter(finding=closing.second).update(judgement=Judgement.IMPROVING)
    FindingFactory(plan=closing.finding.plan, number=3)  # never judged
    client.force_login(closing.manager)
    response = close(client, closing.inspection)
    assert response.status_code == 200
    assert status_error(response) == (
        "The plan cannot be closed: areas 2 and 3 are not yet judged addressed"
    )
    closing.inspection.plan.refresh_from_db()
    assert closing.inspection.plan.status != PlanStatus.CLOSED

    # A later meeting's judgement is the current one.
    later = meeting_record(plan=closing.finding.plan, user=closing.manager, date=TODAY, title="L")
    AreaJudgement.objects.create(
        meeting=later,
        finding=closing.finding,
        judgement=Judgement.IMPROVING,
        evidence="Slipped.",
        recorded_by=closing.executive,
        recorded_at=timezone.now(),
    )
    assert status_error(close(client, closing.inspection)) == (
        "The plan cannot be closed: areas 1, 2 and 3 are not yet judged addressed"
    )


@pytest.mark.django_db
def test_the_plan_cannot_close_with_actions_open(client, closing):
    for n, rag in enumerate([RAG.NOT_STARTED, RAG.GREEN]):
        ActionFactory(
            finding=closing.second, lead_agency=closing.council, rag=rag, reference=f"2.{n}"
        )
    ActionFactory(  # archived: no longer in the plan
        finding=closing.second, lead_agency=closing.council, reference="2.9",
        archived_at=timezone.now(),
    )  # fmt: skip
    client.force_login(closing.manager)
    response = close(client, closing.inspection)
    assert status_error(response) == "The plan cannot be closed: 2 actions are still open"
    page = response.content.decode()
    assert_error_summary_links_reach_inputs(page)
    closing.inspection.plan.refresh_from_db()
    assert closing.inspection.plan.status != PlanStatus.CLOSED


@pytest.mark.django_db
def test_the_plan_cannot_close_with_an_update_round_open(client, closing):
    round_open(plan=closing.finding.plan, user=closing.manager, meeting_date=days(30))
    client.force_login(closing.manager)
    response = close(client, closing.inspection)
    assert status_error(response) == (
        "The plan cannot be closed: the update round for the meeting on "
        f"{days(30):%-d %B %Y} is still open"
    )


@pytest.mark.django_db
def test_every_reason_is_given_at_once(client, closing):
    AreaJudgement.objects.filter(finding=closing.second).delete()
    ActionFactory(finding=closing.second, lead_agency=closing.council, reference="2.1")
    round_open(plan=closing.finding.plan, user=closing.manager, meeting_date=days(30))
    client.force_login(closing.manager)
    assert status_error(close(client, closing.inspection)) == (
        "The plan cannot be closed: area 2 is not yet judged addressed; 1 action is "
        f"still open; the update round for the meeting on {days(30):%-d %B %Y} is still open"
    )
