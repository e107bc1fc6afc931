"""What the letter upload refuses before reading it, and the encrypted letters it now reads:
in the browser and on the command line, with the same words."""

import functools
import html
import io
import re
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from inspections.letters import MAX_LETTER_BYTES, MAX_LETTER_CHARACTERS
from inspections.models import Inspection
from tests.assertions import assert_error_summary_links_reach_inputs, error_summary_messages
from tests.inspections.letters import letter_pdf, letter_text

TOO_LARGE = "The selected file must be smaller than 10 MB"
PROTECTED = "The PDF is protected with a password. Save an unprotected copy, or paste the text"
DAMAGED = "The PDF cannot be read. It may be damaged: try saving it again"
TOO_LONG = "The letter's text must be 200,000 characters or less. Check you pasted only the letter"


def too_many_pages(count: int) -> str:
    return (
        f"The letter has {count} pages: a JTAI letter has 60 or fewer. Check you chose the "
        "right file"
    )


@functools.cache
def _lewisham_pdf() -> bytes:
    return letter_pdf()


def _rewritten(pdf: bytes, pages: int | None = None, user_password: str | None = None) -> bytes:
    """The letter through pypdf's writer: its pages repeated to `pages`, and encrypted with
    AES-256 when a user password is given ("" opens without one)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for number in range(pages or len(reader.pages)):
        writer.add_page(reader.pages[number % len(reader.pages)])
    if user_password is not None:
        writer.encrypt(user_password, "owner-password", algorithm="AES-256")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _needing_a_password() -> bytes:
    return _rewritten(_lewisham_pdf(), user_password="secret")


def _61_pages() -> bytes:
    return _rewritten(_lewisham_pdf(), pages=61)


def _too_large() -> bytes:
    # Starts like a PDF, so that only the size check can refuse it with the size message.
    return b"%PDF-1.7\n" + b"\0" * MAX_LETTER_BYTES


def _unknown_compression() -> bytes:
    """A PDF whose streams name a compression pypdf does not know: it raises
    NotImplementedError, not one of its own errors."""
    return _rewritten(_lewisham_pdf()).replace(b"/FlateDecode", b"/FlateDecodX")


def _too_long_text() -> str:
    return letter_text() + "\n" + "Further text. " * (MAX_LETTER_CHARACTERS // 14)


def _upload(client, field: str, value):
    if field == "letter":
        value = SimpleUploadedFile("letter.pdf", value, "application/pdf")
    return client.post(reverse("inspections:letter_upload"), {field: value})


def assert_refused_on(response, field: str, message: str):
    """The GOV.UK error: in the summary, linking to the field, and above the field."""
    assert response.status_code == 200
    page = response.content.decode()
    assert error_summary_messages(page) == [message]
    assert_error_summary_links_reach_inputs(page)
    field_error = re.search(
        rf'id="id_{field}_1_error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>([^<]+)<',
        page,
    )
    assert field_error, f"no error shown on the {field} field"
    assert html.unescape(field_error[1]).strip() == message
    assert not response.wsgi_request.session.get("letters"), "a letter was kept for review"


@pytest.fixture
def manager(client, demo):
    client.force_login(demo["manager"])
    return demo["manager"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "content", "message"),
    [
        pytest.param("letter", _needing_a_password, PROTECTED, id="aes-256-with-a-password"),
        pytest.param("letter", _too_large, TOO_LARGE, id="10-mb"),
        pytest.param("letter", _61_pages, too_many_pages(61), id="61-pages"),
        pytest.param("letter", _unknown_compression, DAMAGED, id="unknown-compression"),
        pytest.param("text", _too_long_text, TOO_LONG, id="pasted-text-too-long"),
    ],
)
def test_a_letter_it_cannot_take_is_refused_on_its_field_and_nothing_kept(
    client, manager, field, content, message
):
    before = Inspection.objects.count()
    response = _upload(client, field, content())
    assert_refused_on(response, field, message)
    assert Inspection.objects.count() == before


@pytest.mark.django_db
def test_an_aes_encrypted_letter_that_opens_without_a_password_is_read(client, manager):
    response = _upload(client, "letter", _rewritten(_lewisham_pdf(), user_password=""))
    assert response.status_code == 302
    review = client.get(response["Location"]).content.decode()
    assert "Check what the letter says" in review
    assert "The length of time children spend in police stations out of hours." in review


@pytest.mark.django_db
def test_a_500_page_pdf_is_refused_without_reading_its_text(client, manager):
    # Reading the text of these 500 pages takes 26 s or more, past the server's timeout.
    pdf = _rewritten(_lewisham_pdf(), pages=500)
    started = time.perf_counter()
    response = _upload(client, "letter", pdf)
    elapsed = time.perf_counter() - started
    assert_refused_on(response, "letter", too_many_pages(500))
    assert elapsed < 5, f"refused after {elapsed:.1f} s"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("letter.pdf", _needing_a_password, PROTECTED, id="aes-256-with-a-password"),
        pytest.param("letter.pdf", _too_large, TOO_LARGE, id="10-mb"),
        pytest.param("letter.pdf", _61_pages, too_many_pages(61), id="61-pages"),
        pytest.param("letter.pdf", _unknown_compression, DAMAGED, id="unknown-compression"),
        pytest.param("letter.txt", lambda: _too_long_text().encode(), TOO_LONG, id="text"),
    ],
)
def test_import_letter_refuses_them_with_the_same_message(tmp_path, demo, name, content, message):
    letter = tmp_path / name
    letter.write_bytes(content())
    before = Inspection.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command("import_letter", letter, "--partnership", "lewisham")
    assert str(refused.value) == message
    assert Inspection.objects.count() == before


@pytest.mark.django_db
def test_import_letter_reads_an_aes_encrypted_letter_without_a_user_password(tmp_path, demo):
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(_rewritten(_lewisham_pdf(), user_password=""))
    out = io.StringIO()
    call_command("import_letter", letter, "--partnership", "lewisham", stdout=out)
    inspection = Inspection.objects.get(pk=int(out.getvalue()))
    assert inspection.plan.findings.count() == 8
