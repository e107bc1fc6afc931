"""Evidence as items: an owner adds evidence with a title, a kind, a date and a description,
and a file or a link; each action lists its evidence, each area all of its actions'; the
progress report and the pack have an evidence index."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from docx import Document

from actions import selectors
from actions.evidence_word import evidence_index_docx
from actions.models import Evidence, EvidenceKind
from actions.rag import RAG
from audit.models import AuditEvent, EventKind
from govuk.word import WordWriter
from tests.actions.test_action_page import ACTION_PAGE_QUERIES
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import ActionFactory, FindingFactory, ProgressUpdateFactory, UserFactory

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
DAY = datetime.date(2026, 3, 27)


def add(client, action, *, day=DAY, **fields):
    data = {
        "title": "MASH audit of contacts, March",
        "kind": EvidenceKind.CASE_AUDIT,
        "date_0": day.day,
        "date_1": day.month,
        "date_2": day.year,
        "description": "47 contacts audited: 88% decided within 24 hours.",
        **fields,
    }
    return client.post(reverse("actions:evidence_new", args=[action.pk]), data)


def item(action, **fields) -> Evidence:
    values = {
        "action": action,
        "title": "Item",
        "date": DAY,
        "link": "https://example.org/item",
        "added_by": UserFactory(partnership=action.finding.plan.partnership),
        **fields,
    }
    return Evidence.objects.create(**values)


@pytest.mark.django_db
def test_an_owner_adds_evidence_with_a_file_and_every_field(client, plan):
    client.force_login(plan.police_owner)

    response = add(client, plan.action, file=SimpleUploadedFile("audit.pdf", PDF))

    assert response.status_code == 302
    assert response["Location"] == plan.action.get_absolute_url()
    evidence = Evidence.objects.get(action=plan.action)
    assert (evidence.title, evidence.kind, evidence.date) == (
        "MASH audit of contacts, March",
        EvidenceKind.CASE_AUDIT,
        DAY,
    )
    assert evidence.description == "47 contacts audited: 88% decided within 24 hours."
    assert (evidence.original_name, evidence.content_type, evidence.size) == (
        "audit.pdf",
        "application/pdf",
        len(PDF),
    )
    assert (evidence.update, evidence.closure, evidence.added_by) == (None, None, plan.police_owner)
    page = client.get(plan.action.get_absolute_url()).content.decode()
    assert "“MASH audit of contacts, March” has been added to the evidence" in page
    for shown in (
        "MASH audit of contacts, March",
        "Case audit",
        "27 March 2026",
        "47 contacts audited",
        reverse("actions:evidence_download", args=[evidence.uuid]),
        f"audit.pdf</a> ({len(PDF)}\xa0bytes)",
        "added as evidence on its own",
        plan.police_owner.get_full_name(),
    ):
        assert shown in page


@pytest.mark.django_db
def test_evidence_can_be_a_link_and_its_addition_is_in_the_audit_trail(client, plan):
    client.force_login(plan.manager)

    add(client, plan.action, link="https://sharepoint.example.org/audit", kind="data")

    evidence = Evidence.objects.get(action=plan.action)
    assert (evidence.link, evidence.kind, evidence.file.name) == (
        "https://sharepoint.example.org/audit",
        "data",
        "",
    )
    entry = AuditEvent.objects.get(kind=EventKind.ACTION_CHANGED)
    assert entry.user == plan.manager
    assert entry.detail.startswith("Added evidence to action 1.1 of ")
    assert entry.detail.endswith(": MASH audit of contacts, March")


@pytest.mark.django_db
def test_a_file_or_a_link_is_needed(client, plan):
    client.force_login(plan.police_owner)

    response = add(client, plan.action)

    assert response.status_code == 200
    assert error_summary_messages(response.content.decode()) == [
        "Upload a file or give a link to the evidence"
    ]
    assert not Evidence.objects.exists()
    page = response.content.decode()
    assert 'value="MASH audit of contacts, March"' in page  # what was typed stays
    assert "47 contacts audited" in page
    assert_error_summary_links_reach_inputs(page)


@pytest.mark.django_db
def test_title_kind_and_date_are_asked_for_in_govuk_words(client, plan):
    client.force_login(plan.police_owner)

    response = client.post(
        reverse("actions:evidence_new", args=[plan.action.pk]), {"link": "https://example.org"}
    )

    assert error_summary_messages(response.content.decode()) == [
        "Enter a title for the evidence",
        "Select the kind of evidence",
        "Enter the date of the evidence",
    ]
    assert_error_summary_links_reach_inputs(response.content.decode())
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_the_evidence_cannot_be_dated_in_the_future(client, plan):
    client.force_login(plan.police_owner)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = add(client, plan.action, day=tomorrow, link="https://example.org")

    assert error_summary_messages(response.content.decode()) == [
        "The date of the evidence must be today or in the past"
    ]
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_the_page_says_evidence_never_holds_case_level_data(client, plan):
    client.force_login(plan.police_owner)

    page = client.get(reverse("actions:evidence_new", args=[plan.action.pk])).content.decode()

    assert "Evidence never holds case-level data: no names, dates of birth, NHS numbers" in page
    assert "A file that looks like a case record is refused" in page
    for kind in EvidenceKind:
        assert kind.label in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["scrutineer", "executive", "council_owner"])
def test_only_those_who_may_update_the_action_add_evidence(client, plan, role):
    client.force_login(getattr(plan, role))
    url = reverse("actions:evidence_new", args=[plan.action.pk])

    assert client.get(url).status_code == 403
    assert add(client, plan.action, link="https://example.org").status_code == 403
    assert not Evidence.objects.exists()
    assert "Add evidence" not in client.get(plan.action.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_another_partnership_finds_no_such_action(client, plan):
    client.force_login(plan.stranger)

    assert client.get(reverse("actions:evidence_new", args=[plan.action.pk])).status_code == 404
    assert add(client, plan.action, link="https://example.org").status_code == 404


@pytest.mark.django_db
def test_a_complete_action_takes_no_more_evidence(client, plan):
    plan.action.rag = RAG.COMPLETE
    plan.action.save()
    client.force_login(plan.manager)

    assert add(client, plan.action, link="https://example.org").status_code == 403


@pytest.mark.django_db
def test_the_action_page_says_which_update_or_closure_cites_each_item(client, plan):
    update = ProgressUpdateFactory(action=plan.action, date=datetime.date(2026, 2, 10))
    item(plan.action, title="Cited by an update", update=update)
    item(plan.action, title="On its own", link="https://example.org/own")
    client.force_login(plan.police_owner)

    page = client.get(plan.action.get_absolute_url()).content.decode()

    assert "The progress update of 10 February 2026" in page
    assert "https://example.org/own" in page
    assert page.index("Cited by an update") < page.index("Progress updates")
    assert reverse("actions:evidence_new", args=[plan.action.pk]) in page


@pytest.mark.django_db
def test_an_untitled_item_shows_its_file_name_or_link(client, plan):
    item(plan.action, title="", link="https://example.org/untitled-link")
    client.force_login(plan.police_owner)

    page = client.get(plan.action.get_absolute_url()).content.decode()

    assert '<h3 class="govuk-summary-card__title">https://example.org/untitled-link</h3>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 25])
def test_the_action_page_costs_the_same_however_much_evidence(
    client, django_assert_num_queries, plan, count
):
    update = ProgressUpdateFactory(action=plan.action)
    for n in range(count):
        item(plan.action, title=f"Evidence {n}", update=update if n % 2 else None)
    client.force_login(plan.police_owner)

    with django_assert_num_queries(ACTION_PAGE_QUERIES):
        response = client.get(plan.action.get_absolute_url())

    assert response.content.decode().count('<div class="govuk-summary-card" id="evidence-') == count


@pytest.mark.django_db
def test_the_area_lists_its_current_actions_evidence_newest_first(django_assert_num_queries, plan):
    second = ActionFactory(finding=plan.finding, reference="1.2", lead_agency=plan.council)
    archived = ActionFactory(
        finding=plan.finding, reference="1.3", archived_at=timezone.now(), lead_agency=plan.police
    )
    elsewhere = ActionFactory(finding=FindingFactory(plan=plan.finding.plan))
    item(plan.action, title="Older audit", date=datetime.date(2026, 1, 5))
    item(second, title="Newer data", date=datetime.date(2026, 3, 1), kind="data")
    item(archived, title="Of an archived action")
    item(elsewhere, title="Of another area")

    with django_assert_num_queries(1):
        html = render_to_string("actions/_area_evidence.html", {"finding": plan.finding})

    assert "Of an archived action" not in html
    assert "Of another area" not in html
    assert html.index("Newer data") < html.index("Older audit")
    assert "2 items of evidence" in html
    assert f"{second.get_absolute_url()}#evidence-" in html


def test_the_area_partial_says_when_there_is_none(db):
    html = render_to_string("actions/_area_evidence.html", {"finding": FindingFactory()})

    assert "No evidence has been added to this area's actions yet." in html


@pytest.fixture
def indexed(plan):
    """A plan of two areas: the first with evidence on two actions, the second with none."""
    second = ActionFactory(finding=plan.finding, reference="1.2", lead_agency=plan.council)
    FindingFactory(plan=plan.finding.plan, number=2, text="Health at strategy discussions.")
    item(plan.action, title="Police audit", date=datetime.date(2026, 2, 1), kind="case_audit")
    item(plan.action, title="Police data", date=datetime.date(2026, 1, 1), kind="data")
    item(second, title="Council policy", kind="policy", description="The new protocol.")
    item(
        second,
        title="Council file",
        link="",
        file=ContentFile(PDF, name="x"),
        original_name="council.pdf",
        size=len(PDF),
    )
    return plan


@pytest.mark.django_db
def test_the_evidence_index_lists_items_by_area_then_action_in_two_queries(
    django_assert_num_queries, indexed
):
    with django_assert_num_queries(2):
        index = selectors.evidence_index(plan=indexed.finding.plan)

    assert index.count == 4
    first, second = index.areas
    assert [
        (listed.action.reference, [i.title for i in listed.items]) for listed in first.actions
    ] == [
        ("1.1", ["Police data", "Police audit"]),
        ("1.2", ["Council policy", "Council file"]),
    ]
    assert (second.finding.number, second.actions) == (2, [])


@pytest.mark.django_db
def test_an_agencys_index_has_only_the_actions_it_leads(indexed):
    index = selectors.evidence_index(plan=indexed.finding.plan, agency=indexed.council)

    assert index.count == 2
    assert [listed.action.reference for listed in index.areas[0].actions] == ["1.2"]


@pytest.mark.django_db
def test_the_index_for_the_pdf_documents_links_each_file_and_link(indexed):
    index = selectors.evidence_index(plan=indexed.finding.plan)

    html = render_to_string(
        "includes/evidence_index.html", {"index": index, "site_url": "https://plans.example.org"}
    )

    assert '<table class="plan">' in html
    assert "4 items of evidence" in html
    assert "Policy or procedure" in html
    assert "The new protocol." in html
    download = reverse(
        "actions:evidence_download", args=[Evidence.objects.get(title="Council file").uuid]
    )
    assert f'href="https://plans.example.org{download}">council.pdf</a>' in html
    assert "No evidence for this area's actions yet." in html


@pytest.mark.django_db
def test_the_index_in_word_has_a_table_per_area_with_its_links(indexed):
    writer = WordWriter(title="Pack", author="LSCP", subject="Pack", marking="OFFICIAL", running="")

    evidence_index_docx(
        writer, selectors.evidence_index(plan=indexed.finding.plan), site_url="https://p.example"
    )

    document = Document(io.BytesIO(writer.to_bytes()))
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["Ref.", "Evidence", "Kind", "Date", "Added by"]
    assert [row[0] for row in rows[1:]] == ["1.1", "1.1", "1.2", "1.2"]
    assert rows[1][1].startswith("Police data")
    assert rows[1][2:4] == ["Data", "1\xa0Jan\xa02026"]
    links = {r.target_ref for r in document.part.rels.values() if "hyperlink" in r.reltype}
    download = reverse(
        "actions:evidence_download", args=[Evidence.objects.get(title="Council file").uuid]
    )
    assert {"https://example.org/item", f"https://p.example{download}"} <= links
    assert "No evidence for this area's actions yet." in [p.text for p in document.paragraphs]


@pytest.mark.django_db
def test_an_empty_index_says_so_in_word(db):
    writer = WordWriter(title="Pack", author="LSCP", subject="Pack", marking="OFFICIAL", running="")

    evidence_index_docx(writer, selectors.evidence_index(plan=FindingFactory().plan), site_url="")

    document = Document(io.BytesIO(writer.to_bytes()))
    assert "No evidence has been added to the plan's actions yet." in [
        p.text for p in document.paragraphs
    ]
