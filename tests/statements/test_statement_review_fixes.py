"""What a reviewer of the statement pages found: links an officer cannot follow, approvals
withdrawn without a word, a refusal whose every reason pointed at the date, and wording."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection
from partnerships.models import AgencyKind
from people.models import Role
from statements.models import StatementApproval, StatementSubmission
from tests.factories import FindingFactory, UserFactory
from tests.statements.signing import leads_nominated, statement_made_ready


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


def _preview_url(inspection):
    return reverse("statements:statement_preview", args=[inspection.pk])


def _submit_url(inspection):
    return reverse("statements:statement_submit", args=[inspection.pk])


def _edit_url(inspection):
    return reverse("statements:statement_edit", args=[inspection.pk])


def _without_its_own_words(inspection):
    plan = inspection.plan
    plan.refresh_from_db()
    plan.statement_introduction = ""
    plan.statement_governance = ""
    plan.save()


def _edit_introduction(client, inspection, introduction):
    plan = Inspection.objects.get(pk=inspection.pk).plan
    return client.post(
        _edit_url(inspection),
        {
            "version": plan.version,
            "statement_introduction": introduction,
            "statement_governance": plan.statement_governance,
            "statement_version": plan.statement_version,
            "protective_marking": plan.protective_marking,
        },
        follow=True,
    )


def _send(client, inspection, on=None):
    on = on or timezone.localdate()
    return client.post(
        _submit_url(inspection),
        {"submitted_on_0": on.day, "submitted_on_1": on.month, "submitted_on_2": on.year},
    )


def _error_summary_links(content: str) -> list[str]:
    summaries = re.findall(r'<div class="govuk-error-summary".*?</ul>', content, re.S)
    return [href for summary in summaries for href in re.findall(r'href="([^"]*)"', summary)]


def _error_summary_items(content: str) -> list[str]:
    summaries = re.findall(r'<div class="govuk-error-summary".*?</ul>', content, re.S)
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for summary in summaries
        for item in re.findall(r"<li>(.*?)</li>", summary, re.S)
    ]


@pytest.mark.django_db
def test_an_officer_reads_what_the_statement_lacks_without_links_to_edit_it(client, demo, lewisham):
    _without_its_own_words(lewisham)
    officer = demo["council.officer"]
    assert officer.role == Role.OWNER
    client.force_login(officer)
    content = client.get(_preview_url(lewisham)).content.decode()
    assert "Not done:</strong> The introduction is empty" in content
    assert "Not done:</strong> The governance and monitoring arrangements are empty" in content
    assert "Write the introduction" not in content
    assert "Write the governance and monitoring arrangements" not in content
    assert _edit_url(lewisham) not in content
    assert client.get(_edit_url(lewisham)).status_code == 403


@pytest.mark.django_db
def test_the_manager_is_offered_the_links_to_write_the_statements_own_words(client, demo, lewisham):
    _without_its_own_words(lewisham)
    client.force_login(demo["manager"])
    content = client.get(_preview_url(lewisham)).content.decode()
    assert f'<a class="govuk-link" href="{_edit_url(lewisham)}">Write the introduction</a>' in (
        content
    )
    assert "Write the governance and monitoring arrangements</a>" in content
    assert client.get(_edit_url(lewisham)).status_code == 200


@pytest.mark.django_db
def test_the_readiness_list_says_the_arrangements_are_written(client, demo, lewisham):
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    content = client.get(_preview_url(lewisham)).content.decode()
    assert "Done:</strong> The introduction is written" in content
    assert "Done:</strong> The governance and monitoring arrangements are written" in content
    assert "arrangements is" not in content


@pytest.mark.django_db
def test_editing_the_text_says_whose_approval_it_withdrew(client, demo, lewisham):
    leads = statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    page = _edit_introduction(client, lewisham, "The partnership accepts every finding.")
    content = page.content.decode()
    assert "The statement&#x27;s text has been saved. " in content
    for agency, lead in leads.items():
        assert f"{lead.get_full_name()}&#x27;s approval ({agency.name})" in content
    assert "were withdrawn: each lead must approve the new text." in content
    assert not StatementApproval.objects.filter(withdrawn_at__isnull=True).exists()


@pytest.mark.django_db
def test_editing_the_text_names_the_one_approval_it_withdrew(client, demo, lewisham):
    leads = leads_nominated(lewisham)
    agency, lead = next(iter(leads.items()))
    client.force_login(lead)
    client.post(reverse("statements:statement_approve", args=[lewisham.pk, agency.pk]))
    client.force_login(demo["manager"])
    content = _edit_introduction(client, lewisham, "New words.").content.decode()
    assert (
        f"The statement&#x27;s text has been saved. {lead.get_full_name()}&#x27;s approval "
        f"({agency.name}) was withdrawn: the lead must approve the new text." in content
    )


@pytest.mark.django_db
def test_editing_the_text_with_no_approval_to_withdraw_says_only_it_was_saved(
    client, demo, lewisham
):
    StatementApproval.objects.all().delete()
    client.force_login(demo["manager"])
    content = _edit_introduction(client, lewisham, "New words.").content.decode()
    assert "The statement&#x27;s text has been saved<" in content
    assert "withdrawn" not in content


@pytest.mark.django_db
def test_a_refusal_links_each_reason_to_where_it_is_fixed(client, demo, lewisham):
    _without_its_own_words(lewisham)
    finding = FindingFactory(plan=lewisham.plan, number=9, text="A ninth area.")
    StatementApproval.objects.all().delete()
    client.force_login(demo["manager"])
    page = _send(client, lewisham)
    assert page.status_code == 200
    content = page.content.decode()
    assert not StatementSubmission.objects.exists()
    links = _error_summary_links(content)
    assert "#id_submitted_on_0" not in links
    sign_off = reverse("statements:statement_sign_off", args=[lewisham.pk])
    area = (
        reverse("inspections:inspection_detail", args=[lewisham.pk]) + f"#finding-{finding.number}"
    )
    assert sign_off in links
    assert links.count(_edit_url(lewisham)) == 2
    assert area in links
    # What is not about a page to fix is a plain item.
    assert "The statement cannot be recorded as sent yet." in _error_summary_items(content)
    assert "<li>The statement cannot be recorded as sent yet.</li>" in content
    for href in links:
        if href.startswith("#"):
            assert f'id="{href[1:]}"' in content
        else:
            assert client.get(href.split("#")[0]).status_code == 200


@pytest.mark.django_db
def test_a_date_error_links_to_the_date_field(client, demo, lewisham):
    client.force_login(demo["manager"])
    page = client.post(_submit_url(lewisham), {})
    content = page.content.decode()
    links = _error_summary_links(content)
    assert links == ["#id_submitted_on_0"]
    assert 'id="id_submitted_on_0"' in content


@pytest.mark.django_db
def test_a_version_already_sent_is_refused_as_a_plain_item(client, demo, lewisham):
    statement_made_ready(lewisham)
    client.force_login(demo["manager"])
    _send(client, lewisham)
    assert StatementSubmission.objects.count() == 1
    content = _send(client, lewisham).content.decode()
    items = _error_summary_items(content)
    assert any(item.startswith("Version ") and "already recorded as sent" in item for item in items)
    assert _error_summary_links(content) == []


@pytest.mark.django_db
def test_the_submit_page_lists_what_is_missing_before_the_button(client, demo, lewisham):
    _without_its_own_words(lewisham)
    client.force_login(demo["manager"])
    content = client.get(_submit_url(lewisham)).content.decode()
    assert "Not done:</strong> The introduction is empty" in content
    assert content.index("Before it goes to Ofsted") < content.index("Record as sent</button>")
    assert f'href="{_edit_url(lewisham)}">Write the introduction</a>' in content
    assert "The PDF kept as sent" not in content
    assert "The PDF sent to Ofsted ends with this sentence." in content


@pytest.mark.django_db
def test_a_readiness_link_to_the_agencies_shows_only_to_the_manager(client, demo, lewisham):
    # A partnership with no police agency: its manager may add one; its officer may not.
    lewisham.partnership.agencies.filter(kind=AgencyKind.POLICE).update(kind=AgencyKind.PROBATION)
    client.force_login(demo["manager"])
    assert "Add the agency</a>" in client.get(_preview_url(lewisham)).content.decode()
    officer = UserFactory(partnership=lewisham.partnership, role=Role.OWNER)
    client.force_login(officer)
    content = client.get(_preview_url(lewisham)).content.decode()
    assert "the partnership has no agency of this kind" in content
    assert "Add the agency" not in content
