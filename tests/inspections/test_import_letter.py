"""Starting an inspection from its letter: on the command line and in the browser."""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from audit.models import AuditEvent, EventKind
from inspections.models import Inspection
from tests.inspections.letters import letter_pdf, letter_text, scanned
from tests.inspections.test_load_demo import what_needs_to_improve_in_the_letter


@pytest.mark.django_db
def test_a_dry_run_prints_what_it_found_as_json_and_creates_nothing(tmp_path, demo):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(letter_pdf())
    before = Inspection.objects.count()
    out = io.StringIO()

    call_command("import_letter", letter, "--dry-run", stdout=out)

    found = json.loads(out.getvalue())
    assert found["onsite_start"] == "2022-11-21"
    assert found["onsite_end"] == "2022-11-25"
    assert found["letter_date"] == "2023-01-31"
    assert found["statement_due"] == "2023-05-11"
    assert found["inspectorates"] == ["Ofsted", "CQC", "HMICFRS"]
    assert found["findings"] == what_needs_to_improve_in_the_letter()
    assert found["principal_authority"] == "London Borough of Lewisham"
    assert len(found["addressees"]) == 5
    assert Inspection.objects.count() == before


@pytest.mark.django_db
def test_without_dry_run_it_creates_the_inspection_and_prints_its_id(tmp_path, demo):
    letter = tmp_path / "letter.txt"
    letter.write_text(letter_text())
    out = io.StringIO()

    call_command("import_letter", letter, "--partnership", "lewisham", stdout=out)

    inspection = Inspection.objects.get(pk=int(out.getvalue()))
    assert inspection.partnership.slug == "lewisham"
    assert list(inspection.plan.findings.values_list("text", flat=True)) == (
        what_needs_to_improve_in_the_letter()
    )
    assert inspection.letter.read() == letter_text().encode()


@pytest.mark.django_db
def test_a_scanned_letter_is_refused_and_nothing_created(tmp_path, demo):
    letter = tmp_path / "scan.pdf"
    letter.write_bytes(scanned())
    with pytest.raises(CommandError, match="scanned image"):
        call_command("import_letter", letter, "--partnership", "lewisham")
    with pytest.raises(CommandError, match="Name the partnership"):
        other = tmp_path / "letter.txt"
        other.write_text(letter_text())
        call_command("import_letter", other)
    assert Inspection.objects.count() == 2


@pytest.mark.django_db
def test_the_manager_uploads_the_letter_checks_it_and_saves(client, demo):
    client.force_login(demo["manager"])
    upload = client.post(
        reverse("inspections:letter_upload"),
        {"letter": SimpleUploadedFile("jtai-letter.pdf", letter_pdf(), "application/pdf")},
        follow=True,
    )
    html = upload.content.decode()
    assert "Check what the letter says" in html
    assert "The length of time children spend in police stations out of hours." in html
    assert re.search(r'name="statement_due_0"[^>]*value="11"', html)
    assert re.search(r'name="statement_due_2"[^>]*value="2023"', html)
    review_url = upload.redirect_chain[-1][0]

    form = {
        "subject": "the multi-agency identification and response to initial need and risk",
        "inspectorates": ["Ofsted", "CQC", "HMICFRS"],
        "onsite_start_0": "21",
        "onsite_start_1": "11",
        "onsite_start_2": "2022",
        "onsite_end_0": "25",
        "onsite_end_1": "11",
        "onsite_end_2": "2022",
        "letter_date_0": "31",
        "letter_date_1": "1",
        "letter_date_2": "2023",
        "statement_due_0": "11",
        "statement_due_1": "5",
        "statement_due_2": "2023",
        "principal_authority": "London Borough of Lewisham",
        "addressees": "One\nTwo",
        "findings": "\n".join(what_needs_to_improve_in_the_letter()),
    }
    saved = client.post(review_url, form, follow=True)

    inspection = Inspection.objects.order_by("-pk").first()
    assert saved.redirect_chain[-1][0] == inspection.get_absolute_url()
    assert inspection.plan.findings.count() == 8
    assert inspection.statement_due.isoformat() == "2023-05-11"
    set_up = AuditEvent.objects.get(kind=EventKind.INSPECTION_SET_UP)
    assert set_up.user == demo["manager"]
    assert "from its letter, jtai-letter.pdf" in set_up.detail
    download = client.get(reverse("inspections:letter_download", args=[inspection.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'filename="jtai-letter.pdf"' in download["Content-Disposition"]


@pytest.mark.django_db
def test_a_review_with_a_mistake_keeps_everything_and_saves_nothing(client, demo):
    client.force_login(demo["manager"])
    upload = client.post(reverse("inspections:letter_upload"), {"text": letter_text()}, follow=True)
    before = Inspection.objects.count()
    response = client.post(
        upload.redirect_chain[-1][0],
        {
            "subject": "Kept as typed",
            "inspectorates": ["Ofsted"],
            "findings": "",
            "onsite_start_0": "25",
            "onsite_start_1": "11",
            "onsite_start_2": "2022",
            "onsite_end_0": "21",
            "onsite_end_1": "11",
            "onsite_end_2": "2022",
        },
    )
    html = response.content.decode()
    assert "Enter the areas for improvement the letter names" in html
    assert "The last day on site must be on or after the first" in html
    assert "Kept as typed" in html
    assert Inspection.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"letter": SimpleUploadedFile("letter.docx", b"PK\x03\x04...")}, "The file is not a PDF"),
        ({"letter": SimpleUploadedFile("scan.pdf", scanned())}, "probably a scanned image"),
        ({"text": "Dear colleagues, the meeting is on Tuesday."}, "does not look like a JTAI"),
        ({}, "Upload the letter as a PDF, or paste its text"),
    ],
)
def test_a_letter_that_cannot_be_read_says_why_and_creates_nothing(client, demo, data, message):
    client.force_login(demo["manager"])
    before = Inspection.objects.count()
    response = client.post(reverse("inspections:letter_upload"), data)
    assert message in response.content.decode()
    assert Inspection.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["council.officer", "executive", "scrutineer"])
def test_only_managers_start_an_inspection(client, demo, username):
    client.force_login(demo[username])
    assert client.get(reverse("inspections:letter_upload")).status_code == 403


@pytest.mark.django_db
def test_a_letter_without_a_deadline_gets_a_suggested_one_labelled_as_such(client, demo):
    text = letter_text().replace(" by 11 May 2023", "")
    client.force_login(demo["manager"])
    html = client.post(
        reverse("inspections:letter_upload"), {"text": text}, follow=True
    ).content.decode()
    assert "Check what the letter says" in html
    assert "Suggestion only:" in html
    assert "Monday 15 May 2023" in html
    assert not re.search(r'name="statement_due_0"[^>]*value="\d', html)


LETTERS = Path(__file__).parent.parent / "fixtures" / "letters"


def _upload(client, name: str):
    path = LETTERS / name
    return client.post(
        reverse("inspections:letter_upload"),
        {"letter": SimpleUploadedFile(name, path.read_bytes(), "application/pdf")},
        follow=True,
    )


@pytest.mark.django_db
def test_the_review_says_on_which_page_of_the_pdf_each_finding_was_found(client, demo):
    client.force_login(demo["manager"])
    html = _upload(client, "northbrook-2024-word.pdf").content.decode()
    found_on = re.findall(r"found on page (\d+)", html)
    assert found_on == ["1", "1", "1", "2", "2", "2"]
    assert "put a blank line between them" in html


@pytest.mark.django_db
def test_pasted_text_has_no_pages_to_name(client, demo):
    client.force_login(demo["manager"])
    html = client.post(
        reverse("inspections:letter_upload"), {"text": letter_text()}, follow=True
    ).content.decode()
    assert "Where the service found the areas for improvement" in html
    assert "found on page" not in html


@pytest.mark.django_db
def test_the_manager_splits_one_finding_in_two_and_joins_two_before_saving(client, demo):
    client.force_login(demo["manager"])
    upload = _upload(client, "lewisham-2023-chromium.pdf")
    findings = what_needs_to_improve_in_the_letter()
    first, rest = findings[0], findings[1:]
    split = first.replace(" out of hours.", ".\n\nOut of hours.")
    joined = f"{rest[0]}\n{rest[1]}"  # the blank line between them deleted
    paragraphs = [split, joined, *rest[2:]]
    form = {
        "subject": "the multi-agency identification and response to initial need and risk",
        "inspectorates": ["Ofsted", "CQC", "HMICFRS"],
        "findings": "\n\n".join(paragraphs).replace("\n", "\r\n"),  # as a browser sends it
    }
    client.post(upload.redirect_chain[-1][0], form, follow=True)

    inspection = Inspection.objects.order_by("-pk").first()
    saved = list(inspection.plan.findings.order_by("number").values_list("text", flat=True))
    assert saved[:3] == [
        "The length of time children spend in police stations.",
        "Out of hours.",
        f"{rest[0]} {rest[1]}",
    ]
    assert len(saved) == 8


@pytest.mark.django_db
def test_an_older_letters_areas_for_priority_action_are_flagged(tmp_path, demo):
    out = io.StringIO()
    call_command(
        "import_letter", LETTERS / "northbrook-2016-word.pdf", "--partnership", "lewisham",
        stdout=out,
    )  # fmt: skip
    inspection = Inspection.objects.get(pk=int(out.getvalue()))
    flagged = inspection.plan.findings.order_by("number").values_list("number", "is_priority")
    assert list(flagged) == [(1, True), (2, True)] + [(n, False) for n in range(3, 8)]


def review_page(client, manager) -> str:
    client.force_login(manager)
    return client.post(
        reverse("inspections:letter_upload"),
        {"letter": SimpleUploadedFile("jtai-letter.pdf", letter_pdf(), "application/pdf")},
        follow=True,
    ).content.decode()


@pytest.mark.django_db
def test_a_letter_already_set_up_for_the_same_dates_is_named_before_saving_again(client):
    from people.models import Role
    from tests.factories import InspectionFactory, UserFactory

    manager = UserFactory(role=Role.MANAGER)
    assert "already set up" not in review_page(client, manager)

    # The factory's inspection has this letter's days on site and letter date.
    existing = InspectionFactory(partnership=manager.partnership)
    html = review_page(client, manager)

    assert "An inspection with the same dates is already set up" in html
    assert f'href="{existing.get_absolute_url()}">{existing.short_title}</a>' in html
    other = UserFactory(role=Role.MANAGER)  # another partnership's copy is not theirs
    assert "already set up" not in review_page(client, other)
