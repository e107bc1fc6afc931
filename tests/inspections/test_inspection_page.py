import datetime

import pytest
from django.utils import timezone

from actions.models import PlanStatus
from actions.rag import RAG
from inspections.models import Inspectorate, Theme
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    FindingFactory,
    InspectionFactory,
    UserFactory,
)


@pytest.fixture
def inspection(db):
    inspection = InspectionFactory(
        partnership__local_area="London Borough of Lewisham",
        theme=Theme.objects.get(name__icontains="front door"),
        principal_authority="London Borough of Lewisham",
    )
    inspection.inspectorates.set(Inspectorate.objects.filter(short_name__in=["Ofsted", "CQC"]))
    return inspection


def add_actions(inspection, count, areas=2):
    agency = AgencyFactory(partnership=inspection.partnership, name="Metropolitan Police")
    officer = UserFactory(partnership=inspection.partnership, agency=agency)
    findings = [FindingFactory(inspection=inspection, number=n) for n in range(1, areas + 1)]
    for n in range(count):
        action = ActionFactory(
            finding=findings[n % areas],
            lead_agency=agency,
            lead_officer=officer,
            reference=f"{n}",
            rag=RAG.RED if n % 3 == 0 else RAG.GREEN,  # a large area lists its Red ones
        )
        action.supporting_agencies.add(agency)


@pytest.mark.django_db
def test_the_page_shows_the_letters_dates_theme_and_inspectorates(client, inspection):
    client.force_login(UserFactory(partnership=inspection.partnership))
    page = client.get(inspection.get_absolute_url()).content.decode()

    assert "21 November 2022 to 25 November 2022" in page
    assert "31 January 2023" in page
    assert "11 May 2023" in page
    assert "Identification of initial need and risk" in page
    assert "Care Quality Commission (CQC)" in page
    assert "HMICFRS" not in page


@pytest.mark.django_db
def test_each_finding_lists_its_actions_with_rag_words_and_overdue(client, inspection):
    finding = FindingFactory(inspection=inspection, number=1, text="Staffing capacity.")
    ActionFactory(finding=finding, reference="1.1", rag=RAG.AMBER, description="Recruit staff.")
    ActionFactory(
        finding=finding,
        reference="1.2",
        rag=RAG.GREEN,
        description="Review demand.",
        target_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    client.force_login(UserFactory(partnership=inspection.partnership))
    page = client.get(inspection.get_absolute_url()).content.decode()

    assert "Staffing capacity." in page
    assert "Recruit staff." in page
    assert ">Amber</strong>" in page
    assert ">Green</strong>" in page
    assert page.count(">Overdue</strong>") == 1 + 1  # the overdue action, and the RAG key


@pytest.mark.django_db
@pytest.mark.parametrize(("areas", "count"), [(2, 6), (6, 180)])
def test_the_page_runs_the_same_queries_however_many_areas_and_actions(
    client, inspection, django_assert_num_queries, areas, count
):
    # 180 actions in 6 areas: 30 an area, more than the page lists in full, so it lists
    # each area's Red ones.
    add_actions(inspection, count, areas)
    client.force_login(UserFactory(partnership=inspection.partnership))

    # session, user, inspection, inspectorates, the areas with their actions counted, the
    # actions the page lists, the areas' measures with their latest readings (their
    # impact), the partnership's status thresholds (for each row's suggested RAG), and the
    # savepoint pair of the request's transaction
    with django_assert_num_queries(10):
        response = client.get(inspection.get_absolute_url())
    page = response.content.decode()
    assert page.count('class="app-finding"') == areas
    assert f"{count // areas} actions: 0 overdue, 0 complete." in page


@pytest.mark.django_db
@pytest.mark.parametrize("count", [5, 100])
def test_the_home_page_runs_the_same_queries_however_many_inspections(
    client, django_assert_num_queries, count
):
    user = UserFactory()
    for _ in range(count):
        InspectionFactory(partnership=user.partnership)
    client.force_login(user)

    # session, user, inspections, their actions by status, findings, last meetings,
    # and the savepoint pair; and the open update rounds, for the officer's banner
    # (rounds.templatetags.update_rounds.my_rounds; none is open here)
    with django_assert_num_queries(9):
        response = client.get("/")
    assert response.content.decode().count('class="govuk-summary-card__title"') == count


@pytest.mark.django_db
def test_the_home_and_inspection_pages_say_where_the_plan_stands(client, inspection):
    """The status is the plan's: drafting the statement until it is sent, then monitoring."""
    inspection.plan.status = PlanStatus.MONITORING
    inspection.plan.save()
    client.force_login(UserFactory(partnership=inspection.partnership))
    for url in ("/", inspection.get_absolute_url()):
        page = client.get(url).content.decode()
        status = page.split(">Status</dt>")[1].split("</dd>")[0]
        assert status.strip().endswith("Monitoring"), url
