"""Evidence never holds case-level data: a file whose text looks like a case record is
refused with what was found and where, on every page that takes evidence, and nothing is
saved; ordinary reports pass. tests/fixtures/evidence/ is the corpus, made by
scripts/make-evidence-corpus, with the result each file must get in expected.json."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actions.case_records import (
    CSV,
    TEXT,
    Passage,
    case_details,
    check_not_case_record,
    is_nhs_number,
    passages,
)
from actions.evidence import validate_evidence_file
from actions.models import Closure, Evidence, ProgressUpdate
from tests.assertions import error_summary_messages

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "evidence"
EXPECTED: dict[str, str | None] = json.loads((CORPUS / "expected.json").read_text("utf-8"))
CASE_RECORD = CORPUS / "case-summary.docx"
REFUSAL = EXPECTED["case-summary.docx"]


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes())


def test_the_corpus_has_case_records_and_reports_in_every_format():
    refused = {Path(name).suffix for name, result in EXPECTED.items() if result}
    accepted = {Path(name).suffix for name, result in EXPECTED.items() if not result}
    assert {".pdf", ".docx", ".xlsx", ".csv"} <= refused
    assert {".pdf", ".docx", ".xlsx", ".csv", ".txt"} <= accepted
    assert {path.name for path in CORPUS.iterdir()} == {*EXPECTED, "expected.json"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [(n, e) for n, e in EXPECTED.items() if n.endswith((".pdf", ".docx", ".xlsx"))],
)
def test_every_uploadable_file_of_the_corpus_gets_its_result(name, expected):
    file = upload(CORPUS / name)
    if expected is None:
        assert validate_evidence_file(file)
    else:
        with pytest.raises(ValidationError) as refused:
            validate_evidence_file(file)
        assert refused.value.messages == [expected]


@pytest.mark.parametrize(
    ("name", "expected"), [(n, e) for n, e in EXPECTED.items() if n.endswith((".csv", ".txt"))]
)
def test_every_text_file_of_the_corpus_gets_its_result(name, expected):
    # Not an evidence file type the service takes today: read as the checker would.
    file = upload(CORPUS / name)
    if expected is None:
        check_not_case_record(file, CSV if name.endswith(".csv") else TEXT)
    else:
        with pytest.raises(ValidationError) as refused:
            check_not_case_record(file, CSV if name.endswith(".csv") else TEXT)
        assert refused.value.messages == [expected]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("9434765919", True),  # NHS Digital's own example
        ("4010232137", True),
        ("9434765918", False),  # the check digit one out
        ("4010232138", False),
        ("1111111111", False),  # one digit throughout
        ("1234567890", False),  # a check of 10 is never issued
        ("943476591", False),
    ],
)
def test_an_nhs_number_has_a_modulus_11_check_digit(number, valid):
    assert is_nhs_number(number) is valid


def found(*lines: str) -> list[str]:
    return [d.what for d in case_details(Passage(line, "line") for line in lines)]


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ("NHS number: 943 476 5919", "an NHS number"),
        ("943-476-5919", "an NHS number"),
        ("NHS no. 9434765919", "an NHS number"),
        ("DOB: 14/06/2016", "a date of birth"),
        ("D.O.B. 14.06.16", "a date of birth"),
        ("Date of birth 14 June 2016", "a date of birth"),
        ("Date of birth (dd/mm/yyyy): 2016-06-14", "a date of birth"),
        ("Child's name: Jordan Ellis", "a child's or family member's name"),
        ("Name of child - Jordan", "a child's or family member's name"),
        ("Mother’s name: Kim Ellis", "a child's or family member's name"),
        (
            "Name: Jordan Ellis; Address: 12 Oak Road, London SE6 4RU",
            "a person's name with a home address",
        ),
    ],
)
def test_each_kind_of_case_detail_is_found(line, what):
    assert found(line) == [what]


@pytest.mark.parametrize(
    "line",
    [
        "Call 020 8314 3396, 0208 314 3396 or +44 207 946 0958",
        "Record the child's name and date of birth on the referral form.",
        "Date of training: 12/03/2024",
        "Approved 12 March 2024; review date 12 March 2025",
        "Address: Laurence House, 1 Catford Road, London SE6 4RU",
        "Order number 9434765919",  # ten digits passing the check, with no NHS beside them
        "943 476 5918",  # 3-3-4 with the wrong check digit
        "Case reference 2024-03-1175",
        "Name of the lead auditor: Priya Shah",
        "Name: Alex Morgan; Role: Social worker; Date of training: 12/03/2024",
    ],
)
def test_ordinary_report_lines_pass(line):
    assert found(line) == []


def test_an_unreadable_or_image_file_has_no_text_to_judge():
    assert list(passages(b"%PDF-1.7 damaged", "application/pdf")) == []
    assert list(passages(b"\x89PNG\r\n\x1a\n", "image/png")) == []


@pytest.mark.django_db
def test_a_case_record_is_refused_on_the_add_evidence_page_and_the_form_keeps_what_was_typed(
    client, plan
):
    client.force_login(plan.police_owner)

    response = client.post(
        reverse("actions:evidence_new", args=[plan.action.pk]),
        {
            "title": "Audit of one child's case",
            "kind": "case_audit",
            "date_0": "3",
            "date_1": "3",
            "date_2": "2026",
            "description": "Typed before the refusal.",
            "file": upload(CASE_RECORD),
        },
    )

    assert response.status_code == 200
    assert error_summary_messages(response.content.decode()) == [REFUSAL]
    assert REFUSAL.startswith("This file looks like a case record: it holds an NHS number")
    assert not Evidence.objects.exists()
    page = response.content.decode()
    assert 'value="Audit of one child&#x27;s case"' in page
    assert "Typed before the refusal." in page


@pytest.mark.django_db
def test_a_case_record_is_refused_with_a_progress_update(client, plan):
    client.force_login(plan.police_owner)

    response = client.post(
        reverse("actions:progress_update_new", args=[plan.action.pk]),
        {
            "version": plan.action.version,
            "rag": "green",
            "narrative": "Audit done.",
            "evidence_file": upload(CORPUS / "case-list.xlsx"),
        },
    )

    assert error_summary_messages(response.content.decode()) == [EXPECTED["case-list.xlsx"]]
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_a_case_record_is_refused_with_a_closure_proposal(client, plan):
    client.force_login(plan.police_owner)

    response = client.post(
        reverse("actions:closure_propose", args=[plan.action.pk]),
        {
            "version": plan.action.version,
            "evidence_of_impact": "Audit: 96% followed up.",
            "sustainability_plan": "Quarterly audit.",
            "evidence_file": upload(CORPUS / "case-summary-libreoffice.pdf"),
        },
    )

    assert error_summary_messages(response.content.decode()) == [
        EXPECTED["case-summary-libreoffice.pdf"]
    ]
    assert not Closure.objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_an_ordinary_report_is_accepted_on_every_page(client, plan):
    client.force_login(plan.police_owner)

    client.post(
        reverse("actions:evidence_new", args=[plan.action.pk]),
        {
            "title": "Training record",
            "kind": "training",
            "date_0": "19",
            "date_1": "3",
            "date_2": "2024",
            "file": upload(CORPUS / "training-record.xlsx"),
        },
    )
    client.post(
        reverse("actions:progress_update_new", args=[plan.action.pk]),
        {
            "version": plan.action.version,
            "rag": "green",
            "narrative": "Protocol agreed.",
            "evidence_file": upload(CORPUS / "transfer-protocol-libreoffice.pdf"),
        },
    )

    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "training-record.xlsx",
        "transfer-protocol-libreoffice.pdf",
    ]
    assert Evidence.objects.get(original_name="training-record.xlsx").date == datetime.date(
        2024, 3, 19
    )


@pytest.mark.django_db
def test_an_updates_file_takes_its_title_from_its_name(client, plan):
    client.force_login(plan.police_owner)

    client.post(
        reverse("actions:progress_update_new", args=[plan.action.pk]),
        {
            "version": plan.action.version,
            "rag": "green",
            "narrative": "Protocol agreed.",
            "evidence_file": upload(CORPUS / "transfer-protocol.docx"),
        },
    )

    assert Evidence.objects.get().title == "transfer protocol"
