"""A plan naming an agency the importer cannot match: the browser asks which agency it is,
once for every row that writes it, and the sheet is read again with the answer."""

import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from actions.models import Action
from partnerships.models import Agency
from spreadsheets.importers import parse_plan

HEADER = ["Area for improvement", "Action", "Lead agency", "Target date", "Success measure"]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    for values in rows:
        workbook.active.append(values)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def action(description, lead_agency, area="1"):
    return [area, description, lead_agency, "31/03/2027", "Done and audited."]


def upload(client, inspection, content, filename="plan.xlsx"):
    return client.post(
        reverse("spreadsheets:plan_import", args=[inspection.pk]),
        {"plan": SimpleUploadedFile(filename, content)},
        follow=True,
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def select_names(response) -> list[str]:
    return re.findall(r'<select[^>]*name="(agency_\d+)"', response.content.decode())


def agency(name) -> Agency:
    return Agency.objects.get(partnership__slug="lewisham", name=name)


@pytest.mark.django_db
def test_only_the_values_it_cannot_match_are_asked_about(client, demo, empty_copy):
    content = xlsx(
        [
            HEADER,
            action("Agree a protocol.", "Police"),
            action("Train the front door.", "Safeguarding team"),
            action("Audit the strategy meetings.", "NHS Trust"),
            action("Publish the audit.", "Safeguarding Team."),  # the same value, written again
        ]
    )
    client.force_login(demo["manager"])

    asked = upload(client, empty_copy, content)

    page = text(asked)
    assert "Which agencies are these?" in page
    assert select_names(asked) == ["agency_0", "agency_1"]
    assert "Which agency is 'Safeguarding team'?" in page
    assert "No agency in this partnership is called that. It is written on rows 3 and 5" in page
    assert "Which agency is 'NHS Trust'?" in page
    assert (
        "It could be Lewisham and Greenwich NHS Trust or South London and Maudsley NHS "
        "Foundation Trust. It is written on row 4" in page
    )
    assert "Which agency is 'Police'?" not in page
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()


@pytest.mark.django_db
def test_the_answer_applies_to_every_row_with_the_value(client, demo, empty_copy):
    content = xlsx(
        [
            HEADER,
            action("Train the front door.", "Safeguarding team"),
            action("Agree a protocol.", "Police"),
            action("Publish the audit.", "safeguarding team", area="2"),
        ]
    )
    client.force_login(demo["manager"])
    asked = upload(client, empty_copy, content)
    check_url = asked.redirect_chain[-1][0]
    lscp = agency("Lewisham Safeguarding Children Partnership")

    check = client.post(check_url, {"agency_0": lscp.pk})

    page = text(check)
    assert "Every row checks out" in page
    assert "3 actions will be added to the plan" in page
    assert (
        "'Safeguarding team' read as Lewisham Safeguarding Children Partnership, as you said"
        in page
    )
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()  # not yet

    done = client.post(check_url, {"agency_0": lscp.pk, "confirm": "yes"}, follow=True)

    assert "From plan.xlsx: 3 actions added" in text(done)
    leads = dict(
        Action.objects.filter(finding__plan=empty_copy.plan_id).values_list(
            "description", "lead_agency__name"
        )
    )
    assert leads == {
        "Train the front door.": "Lewisham Safeguarding Children Partnership",
        "Agree a protocol.": "Metropolitan Police Service",
        "Publish the audit.": "Lewisham Safeguarding Children Partnership",
    }


@pytest.mark.django_db
def test_a_supporting_agency_is_asked_about_with_the_lead_agencies(client, demo, empty_copy):
    content = xlsx(
        [
            [*HEADER, "Supporting agencies"],
            [*action("Train the front door.", "Safeguarding team"), "Police; Safeguarding team"],
        ]
    )
    client.force_login(demo["manager"])
    asked = upload(client, empty_copy, content)
    assert select_names(asked) == ["agency_0"]
    lscp = agency("Lewisham Safeguarding Children Partnership")

    client.post(asked.redirect_chain[-1][0], {"agency_0": lscp.pk, "confirm": "yes"}, follow=True)

    imported = Action.objects.get(finding__plan=empty_copy.plan_id)
    assert imported.lead_agency == lscp
    assert {a.name for a in imported.supporting_agencies.all()} == {
        "Metropolitan Police Service",
        "Lewisham Safeguarding Children Partnership",
    }


@pytest.mark.django_db
def test_another_partnerships_agency_cannot_be_chosen(client, demo, empty_copy):
    content = xlsx([HEADER, action("Train the front door.", "Safeguarding team")])
    client.force_login(demo["manager"])
    asked = upload(client, empty_copy, content)
    theirs = Agency.objects.get(partnership__slug="northbrook", name="Northbrook Constabulary")
    assert f'value="{theirs.pk}"' not in asked.content.decode()

    refused = client.post(
        asked.redirect_chain[-1][0], {"agency_0": theirs.pk, "confirm": "yes"}, follow=True
    )

    assert "Select which agency 'Safeguarding team' is" in text(refused)
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()
    # Nor can the importer be told so directly: the value stays a row error.
    result = parse_plan(
        plan=empty_copy.plan,
        content=content,
        filename="plan.xlsx",
        chosen_agencies={"Safeguarding team": theirs.pk},
    )
    assert result.errors == [
        "row 2, Lead agency: no agency called 'Safeguarding team' in this partnership"
    ]


@pytest.mark.django_db
def test_the_page_is_shown_again_with_an_error_when_nothing_is_chosen(client, demo, empty_copy):
    content = xlsx([HEADER, action("Train the front door.", "Safeguarding team")])
    client.force_login(demo["manager"])
    asked = upload(client, empty_copy, content)

    again = client.post(asked.redirect_chain[-1][0], {"agency_0": ""})

    page = again.content.decode()
    assert again.status_code == 200
    assert "<title>Error: Which agencies are these?" in page
    assert "govuk-error-summary" in page
    assert "Select which agency &#x27;Safeguarding team&#x27; is" in page
    for target in re.findall(r'<a href="#([\w-]+)"', page):
        assert f'id="{target}"' in page, f"the error summary links to #{target}, not on the page"
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()


@pytest.mark.django_db
def test_the_agency_question_follows_the_column_question(client, demo, empty_copy):
    content = xlsx(
        [
            [*HEADER[:4], "What success looks like"],
            action("Train the front door.", "Safeguarding team"),
        ]
    )
    client.force_login(demo["manager"])
    asked = upload(client, empty_copy, content)
    check_url = asked.redirect_chain[-1][0]
    assert "What do these columns hold?" in text(asked)

    agencies = client.post(check_url, {"column_4": "success_measure"})

    assert "Which agency is 'Safeguarding team'?" in text(agencies)
    assert 'name="column_4" value="success_measure"' in agencies.content.decode()
    lscp = agency("Lewisham Safeguarding Children Partnership")
    check = client.post(check_url, {"column_4": "success_measure", "agency_0": lscp.pk})
    assert "Every row checks out" in text(check)
    assert f'name="agency_0" value="{lscp.pk}"' in check.content.decode()

    client.post(
        check_url,
        {"column_4": "success_measure", "agency_0": lscp.pk, "confirm": "yes"},
        follow=True,
    )

    imported = Action.objects.get(finding__plan=empty_copy.plan_id)
    assert (imported.lead_agency, imported.success_measure) == (lscp, "Done and audited.")


@pytest.mark.django_db
def test_other_problems_are_listed_rather_than_asking(client, demo, empty_copy):
    content = xlsx(
        [
            HEADER,
            action("Train the front door.", "Safeguarding team"),
            ["1", "", "Police", "31/03/2027", "Done."],
        ]
    )
    client.force_login(demo["manager"])

    listed = upload(client, empty_copy, content)

    page = text(listed)
    assert "Nothing was imported" in page
    assert "row 3, Action: is empty" in page
    assert "row 2, Lead agency: no agency called 'Safeguarding team' in this partnership" in page


@pytest.mark.django_db
def test_the_command_line_reports_them_as_row_errors(demo, empty_copy):
    result = parse_plan(
        plan=empty_copy.plan,
        content=xlsx([HEADER, action("Audit the meetings.", "NHS Trust")]),
        filename="plan.xlsx",
    )

    assert result.errors == [
        "row 2, Lead agency: 'NHS Trust' could be more than one agency: use the agency's full name"
    ]
