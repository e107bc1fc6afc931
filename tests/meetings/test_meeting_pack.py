"""The meeting pack a chair runs the meeting from: the cover names who is expected and who
came last time; the decisions due and matters arising; the highlight report with the
owners' asks; the closures to agree on their full evidence, files and links openable; the
trend with today's bar; the open challenges; the whole plan in an appendix (the HTML
preview counts it by area: tests/meetings/test_pack_preview.py); and the same pack for one
agency's actions, for its own board."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from actions import services
from actions.rag import RAG
from meetings.challenges import challenge_answer, challenge_raise
from meetings.dashboard import plan_dashboard
from meetings.decisions import ask_record, decision_record
from meetings.models import AskKind
from meetings.services import meeting_record
from tests.actions.conftest import Plan
from tests.factories import ActionFactory, AgencyFactory

TODAY = timezone.localdate()
LONG_EVIDENCE = " ".join(["Audit of 120 episodes: every child seen within 72 hours."] * 8)


def _pack(client, plan, **params) -> str:
    url = reverse("meetings:meeting_pack", args=[plan.finding.plan.inspection.pk])
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _pdf_text(client, plan, **params) -> str:
    url = reverse("meetings:meeting_pack_download", args=[plan.finding.plan.inspection.pk])
    response = client.get(url, params)
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _word(client, plan, **params):
    url = reverse("meetings:meeting_pack_docx", args=[plan.finding.plan.inspection.pk])
    response = client.get(url, params)
    return response, Document(io.BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def meeting_plan(db):
    """A plan met once, with a red action whose owner asks for help, a decision still
    outstanding, a closure with a file and a link, and a challenge open and one answered."""
    plan = Plan()
    ours = plan.finding.plan
    plan.red = ActionFactory(
        finding=plan.finding,
        reference="1.2",
        lead_agency=plan.council,
        lead_officer=plan.council_owner,
        rag=RAG.RED,
        description="Recruit four emergency duty social workers.",
    )
    plan.meeting = meeting_record(
        plan=ours,
        user=plan.manager,
        date=TODAY - datetime.timedelta(days=14),
        title="LSCP executive",
        attendees=[plan.executive, plan.manager],
        apologies=[plan.scrutineer],
        guests="Dr Asha Patel, designated doctor",
    )
    plan.ask = ask_record(
        action=plan.red,
        user=plan.council_owner,
        kind=AskKind.FUNDING,
        text="Fund two agency social workers until the posts are filled.",
    )
    plan.decision = decision_record(
        meeting=plan.meeting,
        user=plan.manager,
        text="The police to name a custody lead within two weeks.",
        owner=plan.executive,
        due_date=TODAY + datetime.timedelta(days=7),
        actions=[plan.action],
    )
    services.closure_propose(
        action=plan.action,
        user=plan.police_owner,
        evidence_of_impact=LONG_EVIDENCE,
        sustainability_plan="The missing persons lead audits it every quarter.",
        evidence_link="https://intranet.example.org/audit-report",
        evidence_file=SimpleUploadedFile("audit.pdf", b"%PDF-1.4 audit", "application/pdf"),
        expected_version=plan.action.version,
    )
    plan.open_challenge = challenge_raise(
        plan=ours,
        user=plan.scrutineer,
        text="What do children say about their time in custody?",
        action=plan.red,
    )
    answered = challenge_raise(
        plan=ours, user=plan.scrutineer, text="Who chaired?", meeting=plan.meeting
    )
    challenge_answer(challenge=answered, user=plan.manager, answer="The LSCP chair.")
    return plan


@pytest.mark.django_db
def test_the_cover_names_the_executive_and_who_came_to_the_last_meeting(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    text = _pdf_text(client, meeting_plan)
    assert "Executive members executive" in text
    assert "Attended executive" in text and "Dr Asha Patel, designated doctor" in text
    assert "Apologies scrutineer" in text


@pytest.mark.django_db
def test_the_pack_lists_matters_arising_asks_and_open_challenges_only(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    page = _pack(client, meeting_plan)
    text = _pdf_text(client, meeting_plan)
    for shown in (page, text):
        assert "The police to name a custody lead within two weeks." in shown
        assert "Fund two agency social workers until the posts are filled." in shown
        assert "Unblock funding or resources" in shown
        assert "What do children say about their time in custody?" in shown
        assert "Who chaired?" not in shown  # answered, so no longer open
    assert "Due by" not in text or "Due by this meeting" not in text  # no round: no meeting


@pytest.mark.django_db
def test_a_decision_done_leaves_the_matters_arising(client, meeting_plan):
    from meetings.decisions import decision_mark_done

    decision_mark_done(
        decision=meeting_plan.decision, user=meeting_plan.manager, note="Named on 3 December."
    )
    client.force_login(meeting_plan.executive)
    page = _pack(client, meeting_plan)
    assert "The police to name a custody lead within two weeks." not in page
    assert "No decision of an earlier meeting is outstanding." in page


@pytest.mark.django_db
def test_a_closure_to_agree_shows_its_full_evidence_files_and_links(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    page = _pack(client, meeting_plan)
    evidence = meeting_plan.action.evidence.get(file__gt="")
    assert LONG_EVIDENCE in page  # in full, not cut to 40 words
    assert "The missing persons lead audits it every quarter." in page
    assert meeting_plan.action.success_measure in page
    download = reverse("actions:evidence_download", args=[evidence.uuid])
    assert f'href="http://testserver{download}">audit.pdf</a>' in page
    assert 'href="https://intranet.example.org/audit-report"' in page
    assert reverse("actions:closure_agree", args=[meeting_plan.action.pk]) in page
    # Each section once, after the closures, however many closures there are.
    assert page.count('id="challenges"') == page.count('id="whole-plan"') == 1
    assert page.index('id="closures"') < page.index('id="challenges"')
    # The file opens from the pack for those who may read the plan.
    assert client.get(download).status_code == 200

    _, word = _word(client, meeting_plan)
    links = [rel.target_ref for rel in word.part.rels.values() if rel.is_external]
    assert f"http://testserver{download}" in links
    assert "https://intranet.example.org/audit-report" in links
    assert LONG_EVIDENCE in "\n".join(p.text for p in word.paragraphs)


@pytest.mark.django_db
def test_the_trend_ends_with_a_bar_for_today(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    page = _pack(client, meeting_plan)
    assert ">Today</text>" in page  # the chart's last bar is labelled
    assert f"Today ({TODAY:%-d %b %Y})" in page  # and its figures are in the table


@pytest.mark.django_db
def test_the_appendix_holds_every_current_action_by_area(client, meeting_plan):
    archived = ActionFactory(finding=meeting_plan.finding, reference="1.9", description="Gone.")
    services.action_archive(
        action=archived,
        user=meeting_plan.manager,
        expected_version=archived.version,
    )
    client.force_login(meeting_plan.executive)
    text = _pdf_text(client, meeting_plan)
    appendix = text.split("Appendix: the whole plan")[1]
    assert "Every current action, by area for improvement: 2 in all." in appendix
    assert "Review demand in the missing persons unit." in appendix
    assert "Recruit four emergency duty social workers." in appendix
    assert "Gone." not in appendix


@pytest.mark.django_db
def test_one_agencys_pack_counts_only_the_actions_it_leads(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    police = meeting_plan.police
    page = _pack(client, meeting_plan, agency=police.pk)
    assert "Meeting pack: the JTAI action plan, Metropolitan Police" in page
    assert "1 current action Metropolitan Police leads, by area for improvement." in page
    assert "Recruit four emergency duty social workers." not in page  # the council's
    assert "Fund two agency social workers" not in page  # the council's action's ask
    assert "What do children say" not in page  # a challenge on the council's action
    assert "The police to name a custody lead" in page  # about the police's action
    # Its figures count the police's actions, and lead to them in the action list.
    board = plan_dashboard(
        inspection=meeting_plan.finding.plan.inspection, today=TODAY, agency=police
    )
    assert board.total.count == 1
    assert f"lead_agency={police.pk}" in board.total.url
    assert all(f"lead_agency={police.pk}" in cell.url for cell in board.by_finding[0].cells)
    download = reverse(
        "meetings:meeting_pack_download", args=[meeting_plan.finding.plan.inspection.pk]
    )
    assert f'href="{download}?agency={police.pk}"' in page

    response, word = _word(client, meeting_plan, agency=police.pk)
    assert "meeting-pack-" in response["Content-Disposition"]
    assert "-metropolitan-police-" in response["Content-Disposition"]
    assert word.paragraphs[1].text.endswith("Metropolitan Police")
    text = _pdf_text(client, meeting_plan, agency=police.pk)
    assert "Actions Those Metropolitan Police leads" in text
    assert "Every current action Metropolitan Police leads, by area for improvement: 1 in" in text


@pytest.mark.django_db
def test_another_partnerships_agency_is_not_found(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    elsewhere = AgencyFactory()
    url = reverse("meetings:meeting_pack", args=[meeting_plan.finding.plan.inspection.pk])
    assert client.get(url, {"agency": elsewhere.pk}).status_code == 404
    assert client.get(url, {"agency": "police"}).status_code == 404


@pytest.mark.django_db
def test_the_preview_offers_each_leading_agencys_pack(client, meeting_plan):
    client.force_login(meeting_plan.executive)
    idle = AgencyFactory(partnership=meeting_plan.partnership, name="Idle Trust")
    page = _pack(client, meeting_plan)
    assert '<option value="">The whole plan</option>' in page
    assert f'<option value="{meeting_plan.police.pk}">Metropolitan Police</option>' in page
    assert f'<option value="{meeting_plan.council.pk}">Lewisham Council</option>' in page
    assert f'value="{idle.pk}"' not in page  # leads no action of the plan


@pytest.mark.django_db
def test_the_changes_since_the_last_meeting_link_to_the_service_from_the_pdf(client, meeting_plan):
    meeting_plan.red.rag = RAG.AMBER  # a change since the meeting
    meeting_plan.red.save()
    client.force_login(meeting_plan.executive)
    url = reverse("meetings:meeting_pack_download", args=[meeting_plan.finding.plan.inspection.pk])
    response = client.get(url)
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    ]
    assert f"http://testserver{meeting_plan.red.get_absolute_url()}" in links
    assert not [link for link in links if "invalid" in link]


@pytest.mark.django_db
def test_the_pack_lists_reviews_due_the_evidence_index_and_suggested_statuses(client, meeting_plan):
    import time_machine

    from tests.factories import MeetingFactory

    closed = ActionFactory(
        finding=meeting_plan.finding,
        reference="1.3",
        lead_agency=meeting_plan.police,
        description="Publish the custody transfer protocol.",
    )
    seven_months_ago = timezone.now() - datetime.timedelta(days=213)
    with time_machine.travel(seven_months_ago, tick=False):
        services.closure_propose(
            action=closed,
            user=meeting_plan.police_owner,
            evidence_of_impact="Protocol in use.",
            sustainability_plan="Yearly check.",
            expected_version=closed.version,
        )
        closed.refresh_from_db()
        services.closure_agree(
            action=closed,
            user=meeting_plan.executive,
            agreed_on=timezone.localdate(),
            meeting=MeetingFactory(
                plan=meeting_plan.finding.plan,
                date=timezone.localdate(),
                recorded_by=meeting_plan.manager,
            ),
            expected_version=closed.version,
        )
    late = ActionFactory(
        finding=meeting_plan.finding,
        reference="1.4",
        lead_agency=meeting_plan.council,
        rag=RAG.GREEN,
        target_date=TODAY - datetime.timedelta(days=3),
        description="Agree the out-of-hours rota.",
    )
    client.force_login(meeting_plan.executive)
    page = _pack(client, meeting_plan)
    reviews = page.split('id="reviews-due"')[1].split("</section>")[0]
    assert "Publish the custody transfer protocol." in reviews
    index = page.split('id="evidence-index"')[1].split("</section>")[0]
    assert "audit.pdf" in index and "https://intranet.example.org/audit-report" in index
    # The PDF's appendix lists the action with the status the product suggests.
    appendix = _pdf_text(client, meeting_plan).split("Appendix: the whole plan")[1]
    row = appendix.split(late.description)[1].split("1.")[0]
    assert "Owner: Green · Suggested: Red" in row

    _, word = _word(client, meeting_plan)
    text = "\n".join(p.text for p in word.paragraphs)
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Sustainability reviews due" in text and "Publish the custody transfer" in cells
    assert "Owner: Green · Suggested: Red" in cells


@pytest.mark.django_db
def test_a_plan_too_long_for_the_pdf_appendix_points_to_the_word_pack(
    client, meeting_plan, monkeypatch
):
    from meetings.pack import MeetingPack

    monkeypatch.setattr(MeetingPack, "appendix_limit", 1)
    client.force_login(meeting_plan.executive)
    text = _pdf_text(client, meeting_plan)
    appendix = text.split("Appendix: the whole plan")[1]
    assert "The plan has 2 current actions: more than the 1 a PDF pack lists." in appendix
    assert "Recruit four emergency duty social workers." not in appendix.split("evidence")[0]
    _, word = _word(client, meeting_plan)  # the Word pack still lists every action
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Recruit four emergency duty social workers." in cells
