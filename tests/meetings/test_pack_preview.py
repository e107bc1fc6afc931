"""The meeting pack's HTML preview, which the manager checks before sending the pack: every
part as the PDF and the Word pack have it, except the appendix of the whole plan, which it
counts by area (each count opening those actions in the action list) where they list every
action; so the preview opens in the same number of queries whatever the size of the plan."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from actions import services
from actions.rag import RAG
from tests.actions.conftest import Plan, propose
from tests.factories import ActionFactory, FindingFactory, ProgressUpdateFactory

TODAY = timezone.localdate()


@pytest.fixture
def two_areas(db):
    """A plan of two areas: the first with the police's action (awaiting agreement to close),
    the council's overdue action and its green one; the second with one council action."""
    plan = Plan()
    inspection = plan.finding.plan.inspection
    plan.second = FindingFactory(inspection=inspection, number=2, text="Return home interviews.")
    plan.overdue = ActionFactory(
        finding=plan.finding,
        reference="1.2",
        lead_agency=plan.council,
        rag=RAG.AMBER,
        target_date=TODAY - datetime.timedelta(days=10),
        description="Recruit four emergency duty social workers.",
    )
    ActionFactory(
        finding=plan.finding,
        reference="1.3",
        lead_agency=plan.council,
        description="Agree the out-of-hours rota.",
    )
    ActionFactory(
        finding=plan.second,
        reference="2.1",
        lead_agency=plan.council,
        rag=RAG.RED,
        description="Offer every child a return home interview within 72 hours.",
    )
    propose(plan.action, plan.police_owner)
    plan.inspection = inspection
    return plan


def _preview(client, plan, **params) -> str:
    client.force_login(plan.executive)
    response = client.get(reverse("meetings:meeting_pack", args=[plan.inspection.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _appendix(page: str) -> str:
    return page.split('id="whole-plan"')[1].split("</section>")[0]


def _row(appendix: str, number: int) -> str:
    return appendix.split(f'<th scope="row">{number}. ')[1].split("</tr>")[0]


def _actions_url(plan, **filters) -> str:
    url = reverse("inspections:inspection_actions", args=[plan.inspection.pk])
    return url + "?" + "&amp;".join(f"{name}={value}" for name, value in filters.items())


@pytest.mark.django_db
def test_it_counts_the_whole_plan_by_area_instead_of_listing_it(client, two_areas):
    appendix = _appendix(_preview(client, two_areas))

    assert "4 current actions, by area for improvement." in appendix
    assert "The PDF and the Word pack list every one of them" in appendix
    first = _row(appendix, 1)
    assert "Staffing capacity in the EDT." in first
    assert f'href="{_actions_url(two_areas, finding=two_areas.finding.pk)}">3<' in first
    assert "Amber 1, Green 2" in first
    overdue = _actions_url(two_areas, finding=two_areas.finding.pk, overdue="on")
    assert f'href="{overdue}">1<' in first
    awaiting = _actions_url(two_areas, finding=two_areas.finding.pk, proposed_complete="on")
    assert f'href="{awaiting}">1<' in first
    second = _row(appendix, 2)
    assert f'href="{_actions_url(two_areas, finding=two_areas.second.pk)}">1<' in second
    assert "Red 1" in second and 'data-label="Overdue">0</td>' in second
    # The actions themselves are the PDF's and the Word pack's, not the preview's.
    assert "Agree the out-of-hours rota." not in appendix


@pytest.mark.django_db
def test_each_count_opens_exactly_the_actions_it_counts(client, two_areas):
    appendix = _appendix(_preview(client, two_areas))
    overdue = _actions_url(two_areas, finding=two_areas.finding.pk, overdue="on")
    assert overdue in appendix
    listed = client.get(overdue.replace("&amp;", "&")).content.decode()
    assert two_areas.overdue.description in listed
    assert "Agree the out-of-hours rota." not in listed


@pytest.mark.django_db
def test_the_pdf_and_word_pack_still_list_every_action(client, two_areas):
    client.force_login(two_areas.executive)
    args = [two_areas.inspection.pk]
    pdf = client.get(reverse("meetings:meeting_pack_download", args=args))
    assert pdf.status_code == 200
    docx = client.get(reverse("meetings:meeting_pack_docx", args=args))
    word = Document(io.BytesIO(b"".join(docx.streaming_content)))
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert "Agree the out-of-hours rota." in cells
    assert "Offer every child a return home interview within 72 hours." in cells


@pytest.mark.django_db
def test_one_agencys_preview_counts_and_links_to_its_actions_only(client, two_areas):
    council = two_areas.council
    appendix = _appendix(_preview(client, two_areas, agency=council.pk))

    assert "3 current actions Lewisham Council leads, by area for improvement." in appendix
    first = _row(appendix, 1)
    url = _actions_url(two_areas, lead_agency=council.pk, finding=two_areas.finding.pk)
    assert f'href="{url}">2<' in first
    assert "Amber 1, Green 1" in first


@pytest.mark.django_db
def test_a_plan_too_long_for_the_pdf_says_the_word_pack_lists_it(client, two_areas, monkeypatch):
    from meetings.pack import MeetingPack

    monkeypatch.setattr(MeetingPack, "appendix_limit", 3)
    appendix = _appendix(_preview(client, two_areas))
    assert "The Word pack lists every one of them; the PDF, past 3 actions, points" in appendix


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 40])
def test_it_opens_in_the_same_number_of_queries_however_big_the_plan(
    client, two_areas, extra, django_assert_num_queries
):
    for n in range(extra):
        action = ActionFactory(
            finding=two_areas.second if n % 2 else two_areas.finding,
            reference=f"9.{n}",
            lead_agency=two_areas.police if n % 3 else two_areas.council,
            rag=list(RAG)[n % 5],
            target_date=TODAY + datetime.timedelta(days=n - 20),
        )
        ProgressUpdateFactory(action=action, author=two_areas.police_owner)
    services.closure_propose(
        action=two_areas.overdue,
        user=two_areas.council_owner,
        evidence_of_impact="Four posts filled.",
        sustainability_plan="Reviewed each quarter.",
        evidence_link="https://intranet.example.org/rota",
        expected_version=two_areas.overdue.version,
    )
    client.force_login(two_areas.executive)
    url = reverse("meetings:meeting_pack", args=[two_areas.inspection.pk])
    # The dashboard's, the cover's people, the matters arising, asks, challenges, closures
    # with their evidence and updates, reviews due, the evidence index, the appendix's
    # counts (one query, as the PDF's list is) and the agencies to choose a pack from; the
    # target dates decided and awaiting a decision (one) and the contributions (one).
    with django_assert_num_queries(30):
        response = client.get(url)
    assert response.status_code == 200
    assert f"{4 + extra} current actions, by area for improvement." in response.content.decode()
