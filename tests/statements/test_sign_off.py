"""The statement signed off by each safeguarding partner: the manager names each statutory
partner's lead, each lead approves the statement as it stands, a change withdraws their
approval, and the statement is recorded as sent only when it is ready."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from audit.models import AuditEvent, EventKind
from inspections.models import Inspection
from partnerships.models import Agency, AgencyKind
from statements.models import StatementApproval, StatementSignatory, StatementSubmission
from tests.factories import FindingFactory
from tests.statements.signing import leads_nominated, statement_made_ready

TODAY = timezone.localdate


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


def _sign_off_url(inspection):
    return reverse("statements:statement_sign_off", args=[inspection.pk])


def _send(client, inspection):
    today = TODAY()
    return client.post(
        reverse("statements:statement_submit", args=[inspection.pk]),
        {"submitted_on_0": today.day, "submitted_on_1": today.month, "submitted_on_2": today.year},
        follow=True,
    )


def _edit_introduction(client, inspection, introduction):
    plan = Inspection.objects.get(pk=inspection.pk).plan
    return client.post(
        reverse("statements:statement_edit", args=[inspection.pk]),
        {
            "version": plan.version,
            "statement_introduction": introduction,
            "statement_governance": plan.statement_governance,
            "statement_version": plan.statement_version,
            "protective_marking": plan.protective_marking,
        },
    )


@pytest.mark.django_db
def test_the_manager_nominates_a_lead_for_each_statutory_partner(client, demo, lewisham):
    StatementSignatory.objects.all().delete()  # the demo nominates its officers: start from none
    client.force_login(demo["manager"])
    page = client.get(_sign_off_url(lewisham))
    assert page.status_code == 200
    statutory = Agency.objects.filter(
        partnership=lewisham.partnership,
        kind__in=[AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE],
    )
    assert {agency.kind for agency in statutory} == {
        AgencyKind.LOCAL_AUTHORITY,
        AgencyKind.HEALTH,
        AgencyKind.POLICE,
    }
    for agency in statutory:
        assert f"Lead who approves the statement for {agency.name}" in page.content.decode()

    police = statutory.get(kind=AgencyKind.POLICE)
    response = client.post(
        _sign_off_url(lewisham),
        {
            "version": lewisham.plan.version,
            f"agency_{police.pk}": demo["police.officer"].pk,
        },
        follow=True,
    )
    assert "The leads who approve the statement have been saved" in response.content.decode()
    assert StatementSignatory.objects.get().person == demo["police.officer"]
    assert "Awaiting approval" in response.content.decode()

    client.force_login(demo["executive"])
    assert client.post(_sign_off_url(lewisham), {"version": 1}).status_code == 403


@pytest.mark.django_db
def test_a_lead_approves_and_only_the_nominated_lead_can_approve_for_their_partner(
    client, demo, lewisham
):
    leads = leads_nominated(lewisham)
    agency, lead = next(iter(leads.items()))
    approve = reverse("statements:statement_approve", args=[lewisham.pk, agency.pk])

    client.force_login(demo["police.officer"])
    refused = client.post(approve, follow=True)
    assert (
        f"Only the lead nominated for {agency.name} can approve the statement for it"
        in refused.content.decode()
    )
    assert not StatementApproval.objects.exists()

    client.force_login(lead)
    page = client.get(_sign_off_url(lewisham)).content.decode()
    assert f"Approve the statement for {agency.name}" in page
    response = client.post(approve, follow=True).content.decode()
    assert f"You have approved version 1.0 of the statement for {agency.name}" in response
    approval = StatementApproval.objects.get()
    assert (approval.person, approval.agency, approval.statement_version) == (lead, agency, "1.0")
    assert len(approval.sha256) == 64
    assert AuditEvent.objects.filter(kind=EventKind.STATEMENT_APPROVED, user=lead).exists()


@pytest.mark.django_db
def test_a_text_edit_withdraws_the_approvals(client, demo, lewisham):
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    assert _edit_introduction(client, lewisham, "A new introduction.").status_code == 302

    page = client.get(_sign_off_url(lewisham)).content.decode()
    assert "withdrawn: the statement changed after this approval" in page
    assert "Approved</strong>" not in page
    assert AuditEvent.objects.filter(kind=EventKind.STATEMENT_APPROVAL_WITHDRAWN).count() == 3
    assert AuditEvent.objects.filter(kind=EventKind.STATEMENT_EDITED).exists()
    preview = client.get(reverse("statements:statement_preview", args=[lewisham.pk]))
    assert "it needs their approval again" in preview.content.decode()


@pytest.mark.django_db
def test_sending_without_every_partners_approval_is_refused_with_the_reason(client, demo, lewisham):
    leads_nominated(lewisham)
    client.force_login(demo["manager"])
    page = _send(client, lewisham).content.decode()
    assert "The statement cannot be recorded as sent yet." in page
    assert "awaiting approval from Lead of" in page
    assert not StatementSubmission.objects.exists()


@pytest.mark.django_db
def test_sending_with_an_empty_introduction_is_refused(client, demo, lewisham):
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    _edit_introduction(client, lewisham, "")
    page = _send(client, lewisham).content.decode()
    assert "The introduction is empty" in page
    assert not StatementSubmission.objects.exists()


@pytest.mark.django_db
def test_sending_with_an_area_answered_by_no_action_is_refused(client, demo, lewisham):
    FindingFactory(plan=lewisham.plan, number=9, text="A ninth area.")
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    page = _send(client, lewisham).content.decode()
    assert (
        "Area for improvement 9 has no action with a lead agency, a target date and a "
        "success measure" in page
    )
    assert not StatementSubmission.objects.exists()


@pytest.mark.django_db
def test_a_ready_statement_is_sent_with_a_warning_that_it_is_late(client, demo, lewisham):
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    form = client.get(reverse("statements:statement_submit", args=[lewisham.pk]))
    due = f"{lewisham.statement_due:%-d %B %Y}"  # the demo's dates move with today
    assert f"The statement was due on {due}: it is late" in form.content.decode()
    page = _send(client, lewisham).content.decode()
    assert "is recorded as sent on" in page
    assert f"The statement was due on {due}: it is late." in page
    submission = StatementSubmission.objects.get()
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(submission.pdf.open("rb")).pages
    )
    assert "Sign-off by the safeguarding partners" in text
    assert "Awaiting approval" not in text


@pytest.mark.django_db
def test_the_readiness_list_says_what_is_done_and_what_is_not(client, demo, lewisham):
    leads = leads_nominated(lewisham)
    agency, lead = next(iter(leads.items()))
    client.force_login(lead)
    client.post(reverse("statements:statement_approve", args=[lewisham.pk, agency.pk]))
    client.force_login(demo["manager"])
    page = client.get(reverse("statements:statement_preview", args=[lewisham.pk]))
    content = page.content.decode()
    assert "Before it goes to Ofsted" in content
    assert f"Done:</strong> {agency.name}: approved by {lead.get_full_name()} on" in content
    assert "Not done:</strong>" in content
    assert "awaiting approval from" in content
    assert "Done:</strong> Every area for improvement has an action" in content
    assert _sign_off_url(lewisham) in content


@pytest.mark.django_db
def test_the_pdf_and_word_statement_end_with_the_sign_off_block(client, demo, lewisham):
    leads = leads_nominated(lewisham)
    agency, lead = next(iter(leads.items()))
    client.force_login(lead)
    client.post(reverse("statements:statement_approve", args=[lewisham.pk, agency.pk]))
    approved_on = f"{TODAY():%-d %B %Y}"

    response = client.get(reverse("statements:statement_download", args=[lewisham.pk]))
    pdf = b"".join(response.streaming_content)
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    block = text[text.index("Sign-off by the safeguarding partners") :]
    assert f"{agency.name} {lead.get_full_name()}, {lead.job_title} {approved_on}" in block
    assert "Awaiting approval" in block

    response = client.get(reverse("statements:statement_docx", args=[lewisham.pk]))
    word = Document(io.BytesIO(b"".join(response.streaming_content)))
    table = word.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Partner", "Lead", "Date approved"]
    assert [agency.name, f"{lead.get_full_name()}, {lead.job_title}", approved_on] in rows
    assert any(row[2] == "Awaiting approval" for row in rows)


@pytest.mark.django_db
def test_another_partnerships_statement_and_partners_are_not_there(client, demo, lewisham):
    northbrook = Inspection.objects.get(partnership__slug="northbrook")
    police = Agency.objects.filter(partnership=lewisham.partnership).first()
    client.force_login(demo["other.manager"])
    assert client.get(_sign_off_url(lewisham)).status_code == 404
    approve = reverse("statements:statement_approve", args=[northbrook.pk, police.pk])
    assert client.post(approve).status_code == 404


@pytest.mark.django_db
def test_the_pages_take_a_fixed_number_of_queries(
    client, demo, lewisham, django_assert_num_queries
):
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    with django_assert_num_queries(13):
        assert client.get(_sign_off_url(lewisham)).status_code == 200
    # 13: the version sent last, which the statement's "what changed" compares it with.
    with django_assert_num_queries(13):
        client.get(reverse("statements:statement_preview", args=[lewisham.pk]))
