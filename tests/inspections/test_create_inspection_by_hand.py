"""A manager sets up an inspection by typing in its letter's facts, with no letter to import."""

import datetime
import re

import pytest
from django.urls import reverse

from actions.models import PlanStatus
from audit.models import AuditEvent, EventKind
from inspections.models import Inspection, Theme
from people.models import Role
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.factories import PartnershipFactory, UserFactory


@pytest.fixture
def manager(db):
    return UserFactory(
        role=Role.MANAGER, partnership=PartnershipFactory(local_area="London Borough of Lewisham")
    )


def date(prefix: str, day: int, month: int, year: int) -> dict:
    return {f"{prefix}_0": str(day), f"{prefix}_1": str(month), f"{prefix}_2": str(year)}


def the_letters_facts(**changes) -> dict:
    facts = {
        "subject": "the multi-agency response to children who go missing",
        "theme": Theme.objects.get(name__icontains="front door").pk,
        "inspectorates": ["Ofsted", "HMICFRS"],
        **date("onsite_start", 6, 3, 2023),
        **date("onsite_end", 10, 3, 2023),
        **date("letter_date", 28, 4, 2023),
        **date("statement_due", 9, 8, 2023),
        "principal_authority": "London Borough of Lewisham",
        "addressees": "Director of Children's Services\nChief Constable",
        "headline_findings": "Leaders know their services well.",
        "strengths": "Strong leadership.\n\nA well-run front door.",
        "findings": "Return home interviews are not always offered.\n\n"
        "Information about children who go missing\nis not always shared.",
    }
    facts.update(changes)
    return facts


def test_the_home_page_offers_it_to_managers_only(client, manager):
    client.force_login(manager)
    assert reverse("inspections:inspection_new") in client.get("/").content.decode()
    client.force_login(UserFactory(partnership=manager.partnership, role=Role.EXECUTIVE))
    assert reverse("inspections:inspection_new") not in client.get("/").content.decode()


def test_a_manager_creates_an_inspection_with_its_findings_and_inspectorates(client, manager):
    client.force_login(manager)
    page = client.get(reverse("inspections:inspection_new"))
    assert page.status_code == 200
    assert "Set up an inspection" in page.content.decode()

    response = client.post(reverse("inspections:inspection_new"), the_letters_facts())

    inspection = Inspection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == inspection.get_absolute_url()
    assert inspection.partnership == manager.partnership
    assert inspection.subject == "the multi-agency response to children who go missing"
    assert inspection.onsite_start == datetime.date(2023, 3, 6)
    assert inspection.statement_due == datetime.date(2023, 8, 9)
    assert inspection.plan.status == PlanStatus.DRAFTING
    assert inspection.addressee_list == ["Director of Children's Services", "Chief Constable"]
    assert inspection.strength_list == ["Strong leadership.", "A well-run front door."]
    assert sorted(inspection.inspectorates.values_list("short_name", flat=True)) == [
        "HMICFRS",
        "Ofsted",
    ]
    assert list(inspection.plan.findings.values_list("number", "text")) == [
        (1, "Return home interviews are not always offered."),
        (2, "Information about children who go missing is not always shared."),
    ]
    assert not inspection.letter
    assert AuditEvent.objects.get(kind=EventKind.INSPECTION_SET_UP).detail == (
        "Set up the inspection of London Borough of Lewisham (the multi-agency response to "
        "children who go missing) by hand, with 2 areas for improvement"
    )
    assert not AuditEvent.objects.filter(kind=EventKind.SETTINGS_CHANGED).exists()
    page = client.get(response["Location"]).content.decode()
    assert "The inspection is set up with its 2 areas for improvement" in page
    assert "Download the original letter" not in page


def test_missing_and_wrong_answers_are_explained_and_everything_typed_kept(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:inspection_new"),
        the_letters_facts(
            subject="",
            inspectorates=[],
            findings="",
            **date("onsite_end", 1, 3, 2023),
            **date("letter_date", 31, 2, 2023),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert error_summary_messages(html) == [
        "Enter what was inspected",
        "Select the inspectorates that carried out the inspection",
        "The last day on site must be on or after the first",
        "The date of the letter must be a real date",
        "Enter the areas for improvement the letter names",
    ]
    assert_error_summary_links_reach_inputs(html)
    assert "Director of Children&#x27;s Services" in html
    assert not Inspection.objects.exists()


def test_dates_out_of_order_are_all_named_at_once(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:inspection_new"),
        the_letters_facts(
            **date("onsite_start", 6, 3, 2023),
            **date("onsite_end", 2, 3, 2023),
            **date("letter_date", 1, 3, 2023),
            **date("statement_due", 28, 2, 2023),
        ),
    )
    html = response.content.decode()
    assert "<title>Error: " in html
    assert error_summary_messages(html) == [
        "The last day on site must be on or after the first",
        "The date of the letter must be after the last day on site",
        "The written statement due date must be after the date of the letter",
    ]
    assert_error_summary_links_reach_inputs(html)
    assert not Inspection.objects.exists()


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            date("letter_date", 10, 3, 2023),
            "The date of the letter must be after the last day on site",
        ),
        (
            {**date("onsite_end", "", "", ""), **date("letter_date", 6, 3, 2023)},
            "The date of the letter must be after the first day on site",
        ),
        (
            date("statement_due", 27, 4, 2023),
            "The written statement due date must be after the date of the letter",
        ),
        (
            {**date("letter_date", "", "", ""), **date("statement_due", 9, 3, 2023)},
            "The written statement due date must be after the last day on site",
        ),
    ],
)
def test_a_letter_dated_before_the_visit_or_a_statement_due_before_the_letter_is_refused(
    client, manager, dates, message
):
    client.force_login(manager)
    html = client.post(
        reverse("inspections:inspection_new"), the_letters_facts(**dates)
    ).content.decode()
    assert error_summary_messages(html) == [message]
    assert not Inspection.objects.exists()


def test_optional_answers_say_so_in_their_labels(client, manager):
    client.force_login(manager)
    html = client.get(reverse("inspections:inspection_new")).content.decode()
    for label in (
        "Deep-dive theme",
        "First day on site",
        "Last day on site",
        "Date of the letter",
        "Written statement due",
        "Principal authority",
        "Addressed to",
        "Headline findings",
        "Strengths",
    ):
        assert f"{label} (optional)" in html, label
    for label in ("What was inspected", "Inspectorates", "What needs to improve"):
        assert f"{label} (optional)" not in html and label in html, label


def test_each_date_has_an_example_and_the_page_a_way_out(client, manager):
    client.force_login(manager)
    html = client.get(reverse("inspections:inspection_new")).content.decode()
    for name in ("onsite_start", "onsite_end", "letter_date", "statement_due"):
        assert re.search(
            rf'id="id_{name}_hint" class="govuk-hint">For example, \d+ \d+ 20\d\d<', html
        )
    assert f'<a class="govuk-link" href="{reverse("meetings:home")}">Cancel</a>' in html


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        (date("onsite_end", "", "", ""), "From 6 March 2023 (last day not recorded)"),
        (date("onsite_start", "", "", ""), "Until 10 March 2023 (first day not recorded)"),
        (date("onsite_end", 6, 3, 2023), '<dd class="govuk-summary-list__value">6 March 2023</dd>'),
    ],
)
def test_the_inspection_page_shows_the_days_on_site_that_are_known(client, manager, days, shown):
    client.force_login(manager)
    response = client.post(
        reverse("inspections:inspection_new"), the_letters_facts(**days), follow=True
    )
    html = response.content.decode()
    assert shown in html
    assert " to </dd>" not in html


@pytest.mark.parametrize("role", [Role.OWNER, Role.EXECUTIVE, Role.SCRUTINEER])
def test_other_roles_are_refused(client, manager, role):
    client.force_login(UserFactory(partnership=manager.partnership, role=role))
    assert client.get(reverse("inspections:inspection_new")).status_code == 403
    assert (
        client.post(reverse("inspections:inspection_new"), the_letters_facts()).status_code == 403
    )
    assert not Inspection.objects.exists()
