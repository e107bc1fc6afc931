"""Plans as partnerships keep them, in Excel, CSV and Word: their headers, merged areas, a
"No." column of area numbers, short agency names and dates written out, each file with the
actions a manager expects from it."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import Action
from spreadsheets.importers import import_plan, parse_plan
from spreadsheets.importers.columns import column_named
from tests.actions.plan_files import csv_file, docx_file, xlsx_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "plans"
POLICE = "Metropolitan Police Service"
ICB = "NHS South East London Integrated Care Board"
COUNCIL = "London Borough of Lewisham"
LSCP = "Lewisham Safeguarding Children Partnership"
D = datetime.date


def actions_read(result) -> list[tuple]:
    return [
        (
            row.reference,
            row.finding.number,
            row.description,
            row.lead_agency.name,
            row.target_date,
            row.success_measure,
            row.rag,
        )
        for row in result.rows
    ]


PUBLISHED_HEADER = [
    "Recommendation / area for improvement",
    "Action(s)",
    "Lead agency",
    "Responsible officer",
    "Timescale",
    "Success measure / evidence of impact",
    "BRAG",
    "Progress to date",
]
PUBLISHED_ROWS = [
    [
        "1. The length of time children spend in police stations out of hours.",
        "Agree a protocol.",
        "Met Police",
        "Karen Doyle",
        "31/03/2024",
        "Protocol signed.",
        "G",
        "Drafted.",
    ],
    [
        "",
        "Audit every detention monthly.",
        "Council",
        "",
        "31 March 2024",
        "Audits reported.",
        "A",
        "",
    ],
    ["2. Staffing capacity", "Recruit to the EDT.", "LA", "", "31 Mar 24", "Two a shift.", "R", ""],
]
PUBLISHED_EXPECTED = [
    ("1.1", 1, "Agree a protocol.", POLICE, D(2024, 3, 31), "Protocol signed.", "green"),
    (
        "1.2",
        1,
        "Audit every detention monthly.",
        COUNCIL,
        D(2024, 3, 31),
        "Audits reported.",
        "amber",
    ),
    ("2.1", 2, "Recruit to the EDT.", COUNCIL, D(2024, 3, 31), "Two a shift.", "red"),
]

NUMBERED_HEADER = ["No.", "Action", "Lead", "By when", "How we will measure success", "RAG"]
NUMBERED_ROWS = [
    ["1", "Agree a protocol.", "Met Police", "March 2024", "Protocol signed.", "Green"],
    ["1", "Audit detentions.", "Partnership", "30/06/2024", "Audits reported.", "Amber"],
    ["2", "Recruit to the EDT.", "ICB", "30 Sept 2024", "Two a shift.", "Red"],
    ["2", "Cover the missing persons unit.", "Police", "31 Dec 24", "Unit staffed.", "Not started"],
]
NUMBERED_EXPECTED = [
    ("1.1", 1, "Agree a protocol.", POLICE, D(2024, 3, 31), "Protocol signed.", "green"),
    ("1.2", 1, "Audit detentions.", LSCP, D(2024, 6, 30), "Audits reported.", "amber"),
    ("2.1", 2, "Recruit to the EDT.", ICB, D(2024, 9, 30), "Two a shift.", "red"),
    (
        "2.2",
        2,
        "Cover the missing persons unit.",
        POLICE,
        D(2024, 12, 31),
        "Unit staffed.",
        "not_started",
    ),
]

REFERENCED_HEADER = [
    "Ref",
    "Area for improvement",
    "Actions",
    "Lead agency",
    "Target date",
    "Success measure",
    "RAG status",
]
REFERENCED_ROWS = [
    ["1.1", "", "Agree a protocol.", "Met Police", "31/03/2024", "Protocol signed.", "G"],
    [
        "3.2",
        "",
        "Invite health to strategy meetings.",
        "ICB",
        "31 March 2024",
        "Health at 95% of meetings.",
        "Blue",
    ],
]
REFERENCED_EXPECTED = [
    ("1.1", 1, "Agree a protocol.", POLICE, D(2024, 3, 31), "Protocol signed.", "green"),
    (
        "3.2",
        3,
        "Invite health to strategy meetings.",
        ICB,
        D(2024, 3, 31),
        "Health at 95% of meetings.",
        "complete",
    ),
]
TITLES = [["Lewisham Safeguarding Children Partnership"], ["JTAI action plan"], []]


def excel_dates(rows):
    """The published rows with the target dates as Excel keeps them: dates and day numbers."""
    values = [list(row) for row in rows]
    values[0][4] = datetime.datetime(2024, 3, 31)
    values[1][4] = 45382  # 31 March 2024, in a cell not formatted as a date
    values[2][4] = datetime.datetime(2024, 3, 31)
    return values


CASES = {
    "xlsx, a published layout: title rows, an area merged down over its actions": (
        "plan.xlsx",
        lambda: xlsx_file([*TITLES, PUBLISHED_HEADER, *PUBLISHED_ROWS], merged=("A5:A6",)),
        PUBLISHED_EXPECTED,
    ),
    "xlsx, dates as Excel keeps them": (
        "plan.xlsx",
        lambda: xlsx_file([PUBLISHED_HEADER, *excel_dates(PUBLISHED_ROWS)], merged=("A2:A3",)),
        PUBLISHED_EXPECTED,
    ),
    "xlsx, a No. column merged down over each area's actions": (
        "plan.xlsx",
        lambda: xlsx_file(
            [
                NUMBERED_HEADER,
                ["1", *NUMBERED_ROWS[0][1:]],
                ["", *NUMBERED_ROWS[1][1:]],
                ["2", *NUMBERED_ROWS[2][1:]],
                ["", *NUMBERED_ROWS[3][1:]],
            ],
            merged=("A2:A3", "A4:A5"),
        ),
        NUMBERED_EXPECTED,
    ),
    "csv, a No. column repeating the area on each action": (
        "plan.csv",
        lambda: csv_file([NUMBERED_HEADER, *NUMBERED_ROWS]),
        NUMBERED_EXPECTED,
    ),
    "csv, 1.1-style references and the area left blank": (
        "plan.csv",
        lambda: csv_file([REFERENCED_HEADER, *REFERENCED_ROWS]),
        REFERENCED_EXPECTED,
    ),
    "docx, text before and after, the area merged down": (
        "plan.docx",
        lambda: docx_file([PUBLISHED_HEADER, *PUBLISHED_ROWS], merged_down=((0, 1, 2),)),
        PUBLISHED_EXPECTED,
    ),
    "docx, the header repeated on the next page and another table first": (
        "plan.docx",
        lambda: docx_file(
            [NUMBERED_HEADER, *NUMBERED_ROWS[:2], NUMBERED_HEADER, *NUMBERED_ROWS[2:]],
            other_table_first=True,
        ),
        NUMBERED_EXPECTED,
    ),
    "docx, a No. column merged down": (
        "plan.docx",
        lambda: docx_file([NUMBERED_HEADER, *NUMBERED_ROWS], merged_down=((0, 1, 2), (0, 3, 4))),
        NUMBERED_EXPECTED,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_a_plan_made_elsewhere_gives_the_actions_it_holds(empty_copy, case):
    filename, content, expected = CASES[case]
    result = parse_plan(plan=empty_copy.plan, content=content(), filename=filename)
    assert result.errors == []
    assert actions_read(result) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.iterdir() if p.suffix in {".xlsx", ".docx", ".csv"})
)
def test_a_plan_file_kept_as_a_fixture_gives_its_expected_actions(empty_copy, demo, path):
    expected = json.loads(path.with_suffix(".expected.json").read_text())
    result = parse_plan(plan=empty_copy.plan, content=path.read_bytes(), filename=path.name)
    assert result.errors == []
    assert [
        [reference, area, description, agency, str(target), measure, rag]
        for reference, area, description, agency, target, measure, rag in actions_read(result)
    ] == expected["actions"]
    assert result.notes == expected["notes"]
    created = import_plan(result=result, user=demo["manager"])
    assert len(created) == len(expected["actions"])


@pytest.mark.parametrize(
    ("header", "read_as"),
    [
        ("Success measure / evidence of impact", "success_measure"),
        ("How we will measure success", "success_measure"),
        ("Recommendation / area for improvement", "finding"),
        ("Action(s)", "description"),
        ("Timescale", "target_date"),
        ("By when", "target_date"),
        ("BRAG", "rag"),
        ("Responsible officer", "lead_officer"),
        ("Progress to date", "latest_update"),
        ("Lead agency (name)", "lead_agency"),
        ("Lead agency / officer", None),  # two columns named: the manager says which
        ("Our own measure", None),  # "measure" alone names nothing
        ("Action ID", "action_id"),
    ],
)
def test_a_header_is_read_by_its_words_or_by_a_whole_part_of_it(db, header, read_as):
    assert column_named(header) == read_as


@pytest.mark.django_db
def test_a_short_agency_name_that_fits_more_than_one_agency_is_a_row_error(empty_copy):
    content = csv_file(
        [
            NUMBERED_HEADER,
            ["1", "Agree a protocol.", "NHS Trust", "31/03/2024", "Done.", "G"],
            ["1", "Audit it.", "Fire brigade", "31/03/2024", "Done.", "G"],
        ]
    )
    result = parse_plan(plan=empty_copy.plan, content=content, filename="plan.csv")
    assert result.errors == [
        "row 2, Lead: 'NHS Trust' could be more than one agency: use the agency's full name",
        "row 3, Lead: no agency called 'Fire brigade' in this partnership",
    ]


@pytest.mark.django_db
def test_the_check_page_says_a_month_was_read_as_its_last_day(client, demo, empty_copy):
    client.force_login(demo["manager"])
    check = client.post(
        reverse("spreadsheets:plan_import", args=[empty_copy.pk]),
        {"plan": SimpleUploadedFile("plan.docx", docx_file([NUMBERED_HEADER, *NUMBERED_ROWS]))},
        follow=True,
    )
    page = check.content.decode()
    assert "Every row checks out" in page
    assert "row 2, By when: &#x27;March 2024&#x27; read as 31 March 2024" in page
    client.post(check.redirect_chain[-1][0])
    assert Action.objects.filter(finding__plan=empty_copy.plan_id).count() == 4


@pytest.mark.django_db
def test_a_word_document_with_no_plan_table_is_refused(client, demo, empty_copy):
    client.force_login(demo["manager"])
    response = client.post(
        reverse("spreadsheets:plan_import", args=[empty_copy.pk]),
        {"plan": SimpleUploadedFile("plan.docx", docx_file([["Version", "Date"], ["1", "2"]]))},
    )
    assert "No table of actions found" in response.content.decode()


@pytest.mark.django_db
def test_the_command_line_says_which_headers_it_read_and_what_is_missing(
    tmp_path, demo, empty_copy
):
    plan = tmp_path / "plan.docx"
    plan.write_bytes(docx_file([NUMBERED_HEADER[:3] + ["Colour"], ["1", "Do it.", "Police", "G"]]))
    out, errors = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_plan", plan, "--inspection", empty_copy.pk, stdout=out, stderr=errors)
    assert out.getvalue().splitlines() == [
        "column 'No.': No.",
        "column 'Action': Action",
        "column 'Lead': Lead agency",
        "column 'Colour': not read (no column it names)",
        "missing: Target date, Success measure",
    ]
    assert "The sheet has no column for: Target date, Success measure" in errors.getvalue()
