"""Letters made the ways real ones are, not by our own test helpers. Each file here was
made outside the reader's tests; the reader must find what the same letter as text gives.

lewisham-2023-chromium-list-bullets.pdf is Lewisham's real letter as HTML with its
"What needs to improve?" items in a <ul> (the .html beside it), printed to PDF by
Chromium: list markers are drawn discs, not characters of the text. The reader, reading
words by their positions, finds each disc beside its item and every one of the 8 findings.
tests/inspections/test_letter_corpus.py holds the rest of the letters made elsewhere."""

from pathlib import Path

import pytest

from inspections.letters import read_letter, text_from_pdf

FIXTURES = Path(__file__).parent.parent / "fixtures"
PDF = FIXTURES / "letters" / "lewisham-2023-chromium-list-bullets.pdf"


@pytest.fixture
def as_text(db):  # the theme is read from the database
    return read_letter((FIXTURES / "lewisham-jtai-letter-2023-01-31.txt").read_text())


def test_chromiums_pdf_with_list_bullets_gives_every_finding(as_text):
    letter = read_letter(text_from_pdf(PDF.read_bytes()))
    assert letter.findings == as_text.findings
    assert letter.finding_pages == [1] * 8


def test_chromiums_pdf_still_gives_the_letters_dates(as_text):
    letter = read_letter(text_from_pdf(PDF.read_bytes()))
    assert (letter.letter_date, letter.statement_due) == (
        as_text.letter_date,
        as_text.statement_due,
    )
    assert len(as_text.findings) == 8
