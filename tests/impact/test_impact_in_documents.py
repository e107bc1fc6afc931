"""Each area's impact beside its delivery on the dashboard (with the list of areas delivered
without evidence of impact), in the meeting pack (PDF and Word) and in the progress report,
each measure with its latest reading, baseline and target; in a fixed number of queries."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from actions.rag import RAG
from impact.models import Reading
from statements.statement import statement_document
from tests.factories import ActionFactory, FindingFactory
from tests.impact.factories import MeasureFactory, ReadingFactory

# Half-way from the measures' baseline to their target (tests/impact/conftest.py).
pytestmark = pytest.mark.usefixtures("today")


def _dashboard(client, area):
    client.force_login(area.executive)
    return client.get(reverse("meetings:dashboard", args=[area.inspection.pk])).content.decode()


def test_the_dashboard_shows_each_areas_impact_linking_to_its_page(client, area):
    ReadingFactory(measure=area.measure, date=datetime.date(2025, 9, 1), value=Decimal(76))
    page = _dashboard(client, area)
    areas = page[page.find('id="areas"') : page.find('id="delivered-without-impact"')]
    assert reverse("impact:area_detail", args=[area.finding.pk]) + "#impact" in areas
    assert ">On track to target</strong>" in areas
    assert "How impact is worked out" in page


def test_areas_delivered_without_impact_are_listed_with_the_reason(client, area):
    for action in (area.police_action, area.council_action):
        action.rag = RAG.COMPLETE
        action.save()
    flat = FindingFactory(plan=area.plan, number=2, text="Strategy meetings are late.")
    ActionFactory(finding=flat, rag=RAG.COMPLETE, lead_agency=area.police)
    flat_measure = MeasureFactory(finding=flat, name="Strategy meetings on time")
    ReadingFactory(measure=flat_measure, date=datetime.date(2025, 9, 1), value=Decimal(61))
    moving = FindingFactory(plan=area.plan, number=3, text="Return interviews are missed.")
    ActionFactory(finding=moving, rag=RAG.COMPLETE, lead_agency=area.police)
    ReadingFactory(
        measure=MeasureFactory(finding=moving), date=datetime.date(2025, 9, 1), value=Decimal(80)
    )
    page = _dashboard(client, area)
    listed = page[page.find('id="delivered-without-impact"') : page.find(">Trend<")]
    assert "Delivered, but no evidence of impact (2)" in listed
    assert "1. Decisions at the front door are slow.</a>: No measure has a reading yet" in listed
    assert "Strategy meetings on time no change" in listed
    assert reverse("impact:area_detail", args=[flat.pk]) in listed
    assert "Return interviews" not in listed  # its measure is moving


@pytest.mark.parametrize("count", [10, 1000])
def test_the_dashboard_runs_the_same_queries_however_many_readings(
    client, area, django_assert_num_queries, count
):
    for number in (2, 3, 4):
        finding = FindingFactory(plan=area.plan, number=number)
        ActionFactory(finding=finding, lead_agency=area.police)
        MeasureFactory(finding=finding, created_by=area.manager)
    measures = list(area.finding.plan.findings.values_list("measures", flat=True))
    start = datetime.date(2023, 1, 1)
    Reading.objects.bulk_create(
        Reading(
            measure_id=measures[n % len(measures)],
            value=Decimal(60 + n % 30),
            date=start + datetime.timedelta(days=n // len(measures)),
            entered_by=area.manager,
        )
        for n in range(count)
    )
    client.force_login(area.executive)
    # session, user, inspection, last meeting, RAG by area, by agency, areas, agencies, the
    # watch numbers, the update round, exceptions, the areas' measures with their latest
    # readings, the meetings and their RAG counts for the trend, closures to agree; the
    # request's savepoints; and the new target dates awaiting the executive's decision
    with django_assert_num_queries(18):
        response = client.get(reverse("meetings:dashboard", args=[area.inspection.pk]))
    assert response.content.decode().count('#impact">') == 4  # every area with its impact


def test_the_meeting_pack_shows_both_judgements_in_the_pdf_and_word(client, area):
    ReadingFactory(measure=area.measure, date=datetime.date(2025, 9, 1), value=Decimal(76))
    client.force_login(area.executive)
    html = client.get(reverse("meetings:meeting_pack", args=[area.inspection.pk])).content
    html = html.decode()
    expected = (
        "Contacts decided within 24 hours: 76% on 1 Sep 2025 (baseline 60%, target 90%): "
        "On track to target"
    )
    assert expected in html and "Green 2" in html
    docx = client.get(reverse("meetings:meeting_pack_docx", args=[area.inspection.pk]))
    document = Document(io.BytesIO(b"".join(docx.streaming_content)))
    words = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert expected in words.replace("\n", " ").replace("\xa0", " ")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Delivered, but no evidence of impact" in headings


def test_the_progress_report_shows_each_areas_impact_as_at_its_date(client, area):
    ReadingFactory(measure=area.measure, date=datetime.date(2025, 6, 1), value=Decimal(55))
    ReadingFactory(measure=area.measure, date=datetime.date(2025, 9, 1), value=Decimal(76))
    now = statement_document(inspection=area.inspection, progress=True)
    assert now.sections[0].impact.label == "On track to target"
    then = statement_document(
        inspection=area.inspection, progress=True, as_of=datetime.date(2025, 7, 1)
    )
    assert then.sections[0].impact.label == "Worse"

    client.force_login(area.scrutineer)
    url = reverse("statements:statement_preview", args=[area.inspection.pk])
    page = client.get(url, {"progress": "1"}).content.decode()
    assert "Impact, apart from delivery: On track to target." in page
    assert (
        "Contacts decided within 24 hours: latest 76% on 1 Sep 2025; baseline 60% on "
        "1 Apr 2025; target 90% by 1 Apr 2026: On track to target." in page
    )
    docx = client.get(
        reverse("statements:statement_docx", args=[area.inspection.pk]), {"progress": "1"}
    )
    document = Document(io.BytesIO(b"".join(docx.streaming_content)))
    words = " ".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ).replace("\xa0", " ")
    assert "Impact, apart from delivery: On track to target." in words
    assert "latest 76% on 1 Sep 2025; baseline 60% on 1 Apr 2025" in words
