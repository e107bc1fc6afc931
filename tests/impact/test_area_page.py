"""The area page: the area's text, its delivery (its actions' RAG) and its impact (its
measures' statuses) side by side with the rule in words, each measure with its chart, data
table, latest reading and a link to record one; and the plan's page links each area with
its impact beside its delivery."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from actions.rag import RAG
from impact.models import Reading
from impact.status import RULE_IN_WORDS
from tests.impact.factories import MeasureFactory, ReadingFactory

# Half-way from the measures' baseline to their target (tests/impact/conftest.py).
pytestmark = pytest.mark.usefixtures("today")


def _page(client, area, user=None):
    client.force_login(user or area.manager)
    return client.get(reverse("impact:area_detail", args=[area.finding.pk])).content.decode()


def test_the_area_page_shows_delivery_and_impact_apart(client, area):
    area.council_action.rag = RAG.RED
    area.council_action.save()
    ReadingFactory(measure=area.measure, date=datetime.date(2025, 9, 1), value=Decimal(62))
    page = _page(client, area)
    assert "Decisions at the front door are slow." in page
    delivery = page[page.find('id="delivery"') : page.find('id="impact"')]
    assert re.search(r">Green</strong>\s+1 action<", delivery)
    assert re.search(r">Red</strong>\s+1 action<", delivery)
    # 62%: 2 of 30 points (6.7%), past the twentieth of no change, behind the 42% of time gone.
    impact = page[page.find('id="impact"') : page.find('id="measures"')]
    assert re.search(r">Improving</strong>\s+1 measure<", impact)
    assert RULE_IN_WORDS.split(". ")[0] in page
    assert "Record a reading" in page
    assert "<strong>62%</strong> on 1 September 2025" in page
    assert "Baseline 60%" in page and "Target 90%" in page  # marked on the chart


def test_an_area_without_measures_says_so(client, area):
    area.measure.delete()
    page = _page(client, area)
    assert "No measures yet" in page
    assert "Add a measure" in page


def test_the_scrutineer_reads_the_area_but_records_nothing(client, area):
    page = _page(client, area, area.scrutineer)
    assert "Contacts decided within 24 hours" in page
    assert "Record a reading" not in page and "Add a measure" not in page


@pytest.mark.parametrize("count", [10, 1000])
def test_the_area_page_runs_the_same_queries_however_many_readings(
    client, area, django_assert_num_queries, count
):
    second = MeasureFactory(finding=area.finding, created_by=area.manager)
    for measure in (area.measure, second):
        Reading.objects.bulk_create(
            Reading(
                measure=measure,
                value=Decimal(60 + n % 30),
                date=datetime.date(2025, 4, 1) + datetime.timedelta(days=n % 180 + 0),
                entered_by=area.manager,
            )
            for n in range(min(count, 180))
        )
    client.force_login(area.police_owner)
    # session, user, the area, its actions, its measures with their latest readings, their
    # readings with who entered them, the partnership (the page's header), the area's
    # evidence (actions/_area_evidence.html); the request's savepoints
    with django_assert_num_queries(10):
        response = client.get(reverse("impact:area_detail", args=[area.finding.pk]))
    assert response.status_code == 200


def test_the_plans_page_links_each_area_with_its_impact(client, area):
    ReadingFactory(measure=area.measure, date=datetime.date(2025, 9, 1), value=Decimal(40))
    client.force_login(area.manager)
    page = client.get(area.inspection.get_absolute_url()).content.decode()
    assert reverse("impact:area_detail", args=[area.finding.pk]) in page
    assert ">Worse</strong>" in page
