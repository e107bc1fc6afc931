"""The plan in and out of Excel and CSV."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from actions.models import Action, Closure, Evidence, ProgressUpdate
from actions.rag import EMBEDDED_DEFINITION, RAG
from inspections.models import Inspection
from partnerships.models import Agency
from spreadsheets.exports import plan_csv, plan_rows, plan_xlsx
from spreadsheets.importers import import_plan, parse_plan

HEADER = [
    "No.",
    "Area for improvement",
    "Action",
    "Lead agency",
    "Lead officer",
    "Target date",
    "Success measure",
    "RAG",
    "Latest update",
    "Last updated",
]
EXPORTED = [
    "No.",
    "Area for improvement",
    "Action",
    "Lead agency",
    "Lead officer",
    "Supporting agencies",
    "Start date",
    "Target date",
    "Original target date",
    "Why the target date moved",
    "Success measure",
    "RAG",
    "Overdue",
    "Latest update",
    "Last updated",
    "Evidence",
    "Closure",
    "Action ID",
]
# What an import cannot carry into another plan: evidence is added on the action's page,
# closure is proposed and agreed in the service, and the new plan's actions have ids of
# their own.
NOT_CARRIED_ACROSS = {"Evidence", "Closure", "Action ID"}


@pytest.fixture
def lewisham(demo):
    return Inspection.objects.get(partnership__slug="lewisham")


def xlsx(rows, title_rows=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in [*title_rows, *rows]:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def row(**overrides):
    values = dict(
        zip(
            HEADER,
            [
                "",
                "1",
                "Agree a protocol.",
                "Police",
                "",
                "31/03/2027",
                "Protocol signed.",
                "Amber",
                "",
                "",
            ],
            strict=True,
        )
    )
    values.update(overrides)
    return [values[name] for name in HEADER]


def parse(inspection, content, filename="plan.xlsx"):
    return parse_plan(plan=inspection.plan, content=content, filename=filename)


@pytest.mark.django_db
def test_the_xlsx_export_has_one_row_per_action_coloured_and_worded(lewisham):
    workbook = load_workbook(io.BytesIO(plan_xlsx(lewisham)))
    sheet = workbook.active

    assert [cell.value for cell in sheet[1]] == EXPORTED
    assert sheet.max_row == 1 + 18
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:R{sheet.max_row}"
    rag = EXPORTED.index("RAG") + 1
    rag_cells = {
        sheet.cell(row=n, column=rag).value: sheet.cell(row=n, column=rag)
        for n in range(2, sheet.max_row + 1)
    }
    assert set(rag_cells) == {"Not started", "Red", "Amber", "Green", "Complete"}
    assert rag_cells["Red"].fill.fgColor.rgb.endswith("F4CDC6")
    assert rag_cells["Green"].fill.fgColor.rgb.endswith("CCE2D8")
    target = EXPORTED.index("Target date") + 1
    assert isinstance(sheet.cell(row=2, column=target).value, datetime.datetime)
    assert sheet.column_dimensions["R"].hidden  # Action ID
    ids = {sheet.cell(row=n, column=18).value for n in range(2, sheet.max_row + 1)}
    current = Action.objects.current().filter(finding__plan=lewisham.plan_id)
    assert ids == {f"{pk}-{version}" for pk, version in current.values_list("pk", "version")}


@pytest.mark.django_db
def test_the_workbook_defines_every_rag_status_on_a_second_sheet(lewisham):
    workbook = load_workbook(io.BytesIO(plan_xlsx(lewisham)))
    definitions = workbook["RAG definitions"]
    assert workbook.sheetnames == ["Action plan", "RAG definitions"]
    assert [tuple(cell.value for cell in row) for row in definitions.iter_rows()] == [
        ("Status", "Definition"),
        *((status.label, status.definition) for status in RAG),
        ("Embedded", EMBEDDED_DEFINITION),  # after Complete, which comes last
    ]


@pytest.mark.django_db
def test_the_export_carries_every_field_the_plan_holds(demo, lewisham):
    action = Action.objects.filter(finding__plan=lewisham.plan_id, rag="red").first()
    Evidence.objects.create(
        action=action, link="https://example.org/audit.pdf", added_by=demo["manager"]
    )
    Closure.objects.create(
        action=action,
        status="proposed",
        proposed_by=demo["manager"],
        evidence_of_impact="Audit shows it.",
        sustainability_plan="Checked quarterly.",
    )
    rows = {
        row[EXPORTED.index("Action ID")]: dict(zip(EXPORTED, row, strict=True))
        for row in plan_rows(lewisham)
    }
    action.refresh_from_db()
    exported = rows[f"{action.pk}-{action.version}"]
    assert exported["Evidence"].splitlines()[-1] == "https://example.org/audit.pdf"
    assert exported["Closure"] == "Proposed complete"
    assert exported["Overdue"] == ("Yes" if action.is_overdue else "No")
    rebaselined = next(row for row in rows.values() if row["Why the target date moved"])
    assert rebaselined["Original target date"] != rebaselined["Target date"]
    assert "; " in "".join(row["Supporting agencies"] for row in rows.values())
    assert {row["Overdue"] for row in rows.values()} == {"Yes", "No"}


@pytest.mark.django_db
def test_the_export_takes_the_same_queries_however_many_actions(
    demo, lewisham, django_assert_num_queries
):
    with django_assert_num_queries(4):
        plan_rows(lewisham)
    for action in Action.objects.filter(finding__plan=lewisham.plan_id)[:5]:
        Evidence.objects.create(
            action=action, link="https://example.org/a", added_by=demo["manager"]
        )
        action.supporting_agencies.add(action.lead_agency)
    with django_assert_num_queries(4):
        plan_rows(lewisham)


@pytest.mark.django_db
def test_the_csv_export_opens_in_excel(lewisham):
    content = plan_csv(lewisham)
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",".join(EXPORTED)


@pytest.mark.django_db
@pytest.mark.parametrize("export", [plan_xlsx, plan_csv])
def test_export_then_import_into_an_empty_plan_then_export_again_loses_nothing(
    lewisham, empty_copy, demo, export
):
    filename = "plan.xlsx" if export is plan_xlsx else "plan.csv"
    result = parse(empty_copy, export(lewisham), filename)
    assert result.errors == []
    # Lewisham's Action IDs name no action of the empty plan: every row is a new action.
    assert [row.action_id for row in result.rows] == [None] * len(result.rows)
    assert len(result.to_add) == len(result.rows)
    import_plan(result=result, user=demo["manager"])

    kept = [index for index, label in enumerate(EXPORTED) if label not in NOT_CARRIED_ACROSS]

    def carried(rows):
        return [[row[index] for index in kept] for row in rows]

    assert carried(plan_rows(empty_copy)) == carried(plan_rows(lewisham))
    assert len(plan_rows(empty_copy)) == 18


@pytest.mark.django_db
def test_importing_the_same_file_again_adds_nothing(lewisham, empty_copy, demo):
    content = plan_xlsx(lewisham)
    import_plan(result=parse(empty_copy, content), user=demo["manager"])
    count = Action.objects.count()

    again = parse(empty_copy, content)
    assert again.to_add == []
    import_plan(result=again, user=demo["manager"])
    assert Action.objects.count() == count


@pytest.mark.django_db
def test_the_header_is_found_below_title_rows_and_words_are_read_as_plans_write_them(
    lewisham, empty_copy, demo
):
    content = xlsx(
        [
            [
                "Ref",
                "AFI",
                "Action",
                "Lead",
                "Owner",
                "By when",
                "How will we know",
                "RAG status",
                "Progress",
                "Date of update",
            ],
            [
                "",
                "Area for improvement 2",
                "Recruit to the EDT.",
                "LA",
                "Daniel Hughes",
                datetime.datetime(2027, 3, 31),
                "Two workers a shift.",
                "R",
                "Campaign closed.",
                "01/11/2026",
            ],
            [None] * 10,
            [
                "",
                "Adult mental health services' child safeguarding and risk-assessment practice.",
                "Add a children field to the record.",
                "SLaM",
                "",
                "30/06/2027",
                "95% completion.",
                "blue",
                "",
                "",
            ],
        ],
        title_rows=[["Lewisham JTAI action plan"], ["OFFICIAL"], []],
    )
    result = parse(empty_copy, content)

    assert result.errors == []
    first, second = result.rows
    assert first.row_number == 5
    assert (first.finding.number, first.reference, first.rag) == (2, "2.1", "red")
    assert first.lead_agency.name == "London Borough of Lewisham"
    assert first.lead_officer.username == "council.officer"
    assert first.target_date == datetime.date(2027, 3, 31)
    assert (second.finding.number, second.rag, second.lead_agency.short_name) == (
        7,
        "complete",
        "SLaM",
    )

    import_plan(result=result, user=demo["manager"])
    update = ProgressUpdate.objects.get(action__finding__plan=empty_copy.plan_id)
    assert (update.narrative, update.date) == ("Campaign closed.", datetime.date(2026, 11, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (
            b"%PDF-1.7 not a spreadsheet",
            "plan.xlsx",
            "The file must be an Excel workbook (.xlsx) or a CSV file",
        ),
        (b"", "plan.csv", "The selected file is empty"),
        (
            b"a,b\n",
            "plan.txt",
            "The selected file must be an Excel workbook (.xlsx), a CSV file or a Word document",
        ),
        (b"\n\n", "plan.csv", "The file has no rows"),
        (b"Name,Colour\nA,Blue\n", "plan.csv", "No header row found"),
    ],
)
def test_a_file_that_is_no_plan_is_refused_in_plain_words(
    client, demo, empty_copy, content, filename, message
):
    client.force_login(demo["manager"])
    response = client.post(
        reverse("spreadsheets:plan_import", args=[empty_copy.pk]),
        {"plan": SimpleUploadedFile(filename, content)},
        follow=True,
    )
    assert message in response.content.decode()
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()


@pytest.mark.django_db
def test_every_bad_row_is_listed_by_row_and_column_and_nothing_is_written(client, demo, empty_copy):
    content = xlsx(
        [
            HEADER,
            row(),  # a good row: still not written, because others are bad
            row(**{"Target date": "31st March"}),
            row(**{"RAG": "Purple"}),
            row(**{"Area for improvement": "Something the letter never said"}),
            row(**{"Lead agency": "Fire brigade"}),
            row(**{"Action": ""}),
        ]
    )
    client.force_login(demo["manager"])
    upload = client.post(
        reverse("spreadsheets:plan_import", args=[empty_copy.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", content)},
        follow=True,
    )

    html = upload.content.decode()
    assert "Nothing was imported" in html
    for expected in [
        "row 3, Target date: &#x27;31st March&#x27; is not a date: write it as dd/mm/yyyy",
        "row 4, RAG: &#x27;Purple&#x27; is not a RAG status",
        "row 5, Area for improvement: matches none of this inspection&#x27;s areas for improvement",
        "row 6, Lead agency: no agency called &#x27;Fire brigade&#x27; in this partnership",
        "row 7, Action: is empty",
    ]:
        assert expected in html
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()


@pytest.mark.django_db
def test_a_missing_required_column_is_named(demo, empty_copy):
    content = xlsx(
        [
            ["No.", "Area for improvement", "Action", "Lead agency", "RAG"],
            ["1.1", "1", "Agree a protocol.", "Police", "Red"],
        ]
    )
    result = parse(empty_copy, content)
    assert result.errors == ["The sheet has no column for: Target date, Success measure"]


@pytest.mark.django_db
def test_the_manager_maps_a_column_the_service_does_not_know(client, demo, empty_copy):
    content = xlsx(
        [
            [
                "Area for improvement",
                "Action",
                "Lead agency",
                "Target date",
                "What success looks like",
            ],
            ["1", "Agree a protocol.", "Police", "31/03/2027", "Protocol signed."],
        ]
    )
    client.force_login(demo["manager"])
    check = client.post(
        reverse("spreadsheets:plan_import", args=[empty_copy.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", content)},
        follow=True,
    )
    html = check.content.decode()
    assert "What do these columns hold?" in html
    assert "Column “What success looks like”" in html
    assert "could not find a column for: Success measure" in html

    done = client.post(check.redirect_chain[-1][0], {"column_4": "success_measure"}, follow=True)

    assert "From plan.xlsx: 1 action added" in done.content.decode()
    action = Action.objects.get(finding__plan=empty_copy.plan_id)
    assert (action.reference, action.success_measure) == ("1.1", "Protocol signed.")


@pytest.mark.django_db
def test_only_managers_import_but_everyone_may_download(client, demo, lewisham):
    client.force_login(demo["executive"])
    assert client.get(reverse("spreadsheets:plan_import", args=[lewisham.pk])).status_code == 403
    response = client.get(reverse("spreadsheets:plan_xlsx", args=[lewisham.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert client.get(reverse("spreadsheets:plan_csv", args=[lewisham.pk])).status_code == 200
    client.force_login(demo["other.manager"])
    assert client.get(reverse("spreadsheets:plan_xlsx", args=[lewisham.pk])).status_code == 404


@pytest.mark.django_db
def test_the_command_line_import(tmp_path, demo, lewisham, empty_copy):
    good = tmp_path / "plan.xlsx"
    good.write_bytes(plan_xlsx(lewisham))
    out = io.StringIO()
    call_command("import_plan", good, "--inspection", empty_copy.pk, stdout=out)
    assert "From plan.xlsx: 18 actions added." in out.getvalue()

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "Area for improvement,Action,Lead agency,Target date,Success measure,RAG\n"
        "1,Do it,Police,someday,Done,Red\n9,Do it,Police,01/01/2027,Done,Red\n"
    )
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 2 problems"):
        call_command("import_plan", bad, "--inspection", empty_copy.pk, stderr=errors)
    assert "row 2, Target date: 'someday' is not a date" in errors.getvalue()
    assert "row 3, Area for improvement: matches none" in errors.getvalue()
    assert Action.objects.filter(finding__plan=empty_copy.plan_id).count() == 18
    assert Agency.objects.exists()


@pytest.mark.django_db
def test_a_fully_recognised_file_is_imported_only_when_the_manager_confirms(
    client, demo, lewisham, empty_copy
):
    client.force_login(demo["manager"])
    check = client.post(
        reverse("spreadsheets:plan_import", args=[empty_copy.pk]),
        {"plan": SimpleUploadedFile("plan.xlsx", plan_xlsx(lewisham))},
        follow=True,
    )
    assert "Every row checks out" in check.content.decode()
    assert "18 actions will be added" in check.content.decode()
    assert not Action.objects.filter(finding__plan=empty_copy.plan_id).exists()

    client.post(check.redirect_chain[-1][0])
    assert Action.objects.filter(finding__plan=empty_copy.plan_id).count() == 18


@pytest.mark.django_db
def test_rows_without_a_number_are_numbered_after_the_references_taken(demo, empty_copy):
    finding = empty_copy.plan.findings.get(number=1)
    from actions import services

    services.action_create(
        finding=finding,
        user=demo["manager"],
        details={
            "reference": "1.1",
            "description": "Already here.",
            "lead_agency": Agency.objects.filter(partnership=empty_copy.partnership).first(),
            "target_date": datetime.date(2027, 1, 1),
            "success_measure": "x",
        },
    )
    content = xlsx([HEADER[1:], row()[1:], row(Action="Another one.")[1:]])
    result = parse(empty_copy, content)
    assert result.errors == []
    assert [r.reference for r in result.to_add] == ["1.2", "1.3"]
    import_plan(result=result, user=demo["manager"])
    assert finding.actions.count() == 3


@pytest.mark.django_db
def test_text_that_looks_like_a_formula_stays_text_and_comes_back_the_same(
    demo, lewisham, empty_copy
):
    action = lewisham.plan.findings.get(number=1).actions.first()
    action.description = '=HYPERLINK("http://evil.example", "Click")'
    action.save()
    sheet = load_workbook(io.BytesIO(plan_xlsx(lewisham))).active
    cell = sheet.cell(row=2, column=3)
    assert cell.data_type == "s"
    assert cell.value.startswith("'=")

    import_plan(result=parse(empty_copy, plan_xlsx(lewisham)), user=demo["manager"])
    copied = empty_copy.plan.findings.get(number=1).actions.get(reference=action.reference)
    assert copied.description == action.description


@pytest.mark.django_db
def test_an_excel_day_number_is_read_as_a_date(empty_copy):
    content = xlsx([HEADER, row(**{"Target date": 46477})])  # 31 March 2027
    assert parse(empty_copy, content).rows[0].target_date == datetime.date(2027, 3, 31)


@pytest.mark.django_db
def test_an_imported_complete_action_can_be_reopened(client, demo, empty_copy):
    result = parse(empty_copy, xlsx([HEADER, row(RAG="Complete")]))
    (action,) = import_plan(result=result, user=demo["manager"])
    client.force_login(demo["executive"])
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Reopen this action" in page
    client.post(
        reverse("actions:action_reopen", args=[action.pk]),
        {"version": action.version, "rag": "amber", "reason": "Audit found gaps."},
    )
    action.refresh_from_db()
    assert action.rag == "amber"
