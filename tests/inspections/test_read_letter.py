"""Reading a JTAI letter: every field, from text and from a PDF, and the ways letters vary."""

import datetime
import re

import pytest

from inspections.letters import LetterError, read_letter, suggest_statement_due, text_from_pdf
from tests.inspections.letters import encrypted, letter_pdf, letter_text, scanned
from tests.inspections.test_load_demo import what_needs_to_improve_in_the_letter

ADDRESSEES = [
    "Pinaki Ghoshal, Executive Director for Children and Young People, Lewisham Council",
    "Ceri Jacobs, Place Executive lead, South East London Integrated Care Board",
    "Sir Mark Rowley, Commissioner of the Metropolitan Police Service",
    "Sophie Linden, Deputy Mayor for Policing and Crime",
    "David Goosey, Independent Scrutineer, Lewisham Safeguarding Children Partnership",
]


def assert_the_lewisham_letter(letter):
    assert letter.local_area == "London Borough of Lewisham"
    assert letter.subject == (
        "the multi-agency identification and response to initial need and risk"
    )
    assert letter.theme.name == "Identification of initial need and risk (the 'front door')"
    assert letter.onsite_start == datetime.date(2022, 11, 21)
    assert letter.onsite_end == datetime.date(2022, 11, 25)
    assert letter.letter_date == datetime.date(2023, 1, 31)
    assert letter.statement_due == datetime.date(2023, 5, 11)
    assert letter.inspectorates == ["Ofsted", "CQC", "HMICFRS"]
    assert letter.addressees == ADDRESSEES
    assert letter.principal_authority == "London Borough of Lewisham"
    assert letter.headline_findings.startswith(
        "Lewisham's Safeguarding Children Partnership (LSCP) arrangements are well established"
    )
    assert letter.headline_findings.rstrip().endswith(
        "to address barriers to effective communication systems across teams and within agencies."
    )
    assert len(letter.strengths) == 10
    assert letter.strengths[0].startswith("Despite increased demand pressures")
    assert letter.findings == what_needs_to_improve_in_the_letter()
    assert letter.missing == []


@pytest.mark.django_db
def test_every_field_is_read_from_the_letters_text():
    assert_the_lewisham_letter(read_letter(letter_text()))


@pytest.mark.django_db
def test_every_field_is_read_from_a_pdf_with_page_headers_and_footers():
    pdf = letter_pdf()
    text = text_from_pdf(pdf)
    assert "Page 2 of" not in text
    assert "OFFICIAL: Joint targeted area inspection of Lewisham" not in text
    assert_the_lewisham_letter(read_letter(text))


def _with_findings_as(letter: str, transform) -> str:
    section = letter.split("What needs to improve?")[1].split("Strengths")[0]
    bullets = re.findall(r"^- (.+)$", section, flags=re.MULTILINE)
    return letter.replace(section, "\n\n" + transform(bullets) + "\n\n")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda items: "\n".join(f"• {i}" for i in items), id="round bullets"),
        pytest.param(lambda items: "\n".join(f"■ {i}" for i in items), id="square bullets"),
        pytest.param(lambda items: "\n".join(f"* {i}" for i in items), id="asterisks"),
        pytest.param(
            lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1)), id="numbers"
        ),
        pytest.param(
            lambda items: "\n".join(
                "• " + i.replace(" ", "\n  ", 1) if " " in i else f"• {i}" for i in items
            ),
            id="wrapped over two lines",
        ),
        pytest.param(
            lambda items: (
                "\n".join(f"- {i}" for i in items[:4])
                + "\n\nOFFICIAL\nPage 2 of 5\n\n"
                + "\n".join(f"- {i}" for i in items[4:])
            ),
            id="page break inside the list",
        ),
    ],
)
def test_the_findings_are_read_whole_however_the_list_is_set(transform):
    letter = read_letter(_with_findings_as(letter_text(), transform))
    assert letter.findings == what_needs_to_improve_in_the_letter()


@pytest.mark.django_db
def test_words_hyphenated_at_line_ends_are_joined():
    text = _with_findings_as(letter_text(), lambda items: (
        "• The length of time children spend in police sta-\ntions out of hours.\n"
        "• Timeliness of completion and sharing of multi-\nagency hospital discharge plans."
    ))  # fmt: skip
    assert read_letter(text).findings == [
        "The length of time children spend in police stations out of hours.",
        "Timeliness of completion and sharing of multi-agency hospital discharge plans.",
    ]


@pytest.mark.django_db
def test_windows_line_endings_and_curly_quotes_are_read():
    text = letter_text().replace("services' child", "services’ child").replace("\n", "\r\n")
    letter = read_letter(text)
    assert "Adult mental health services’ child safeguarding and risk-assessment practice." in (
        letter.findings
    )
    assert letter.letter_date == datetime.date(2023, 1, 31)


@pytest.mark.django_db
def test_what_the_letter_does_not_say_is_left_blank_and_named_never_guessed():
    text = re.sub(r" by 11 May 2023", "", letter_text())
    text = text.replace("We have determined that the London Borough of Lewisham is the "
                        "principal authority and", "The partnership")  # fmt: skip
    letter = read_letter(text)
    assert letter.statement_due is None
    assert letter.principal_authority == ""
    assert letter.missing == ["statement due date", "principal authority"]
    assert letter.statement_due_suggested == datetime.date(2023, 5, 15)


def test_the_suggested_deadline_is_70_working_days_skipping_bank_holidays():
    # Good Friday, Easter Monday, the early May bank holiday and the Coronation fall between.
    assert suggest_statement_due(datetime.date(2023, 1, 31)) == datetime.date(2023, 5, 15)
    # Haringey: letter 30 January 2018, statement due 11 May 2018, exactly 70 working days.
    assert suggest_statement_due(datetime.date(2018, 1, 30)) == datetime.date(2018, 5, 11)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 a Word file", "The file is not a PDF"),
        (None, "The PDF is protected with a password"),
        (b"scanned", "The PDF has no text in it: it is probably a scanned image"),
    ],
)
def test_a_pdf_that_cannot_be_read_says_why(content, message):
    if content is None:
        content = encrypted(letter_pdf("Joint targeted area inspection\nWhat needs to improve?"))
    elif content == b"scanned":
        content = scanned()
    with pytest.raises(LetterError, match=message):
        text_from_pdf(content)


@pytest.mark.django_db
def test_a_document_that_is_not_a_jtai_letter_is_refused():
    with pytest.raises(LetterError, match="does not look like a JTAI letter"):
        read_letter("Minutes of the LSCP executive, 14 November 2026.\nApologies: none.")


@pytest.mark.django_db
def test_a_compound_the_letter_writes_whole_elsewhere_keeps_its_hyphen_when_broken():
    text = _with_findings_as(letter_text(), lambda items: (
        "• Internal and external information-\nsharing systems in all agencies.\n"
        "• Decisions about short- and long-term plans.\n"
        "• Safeguarding supervision for prac-\ntitioners."
    ))  # fmt: skip
    assert read_letter(text).findings == [
        "Internal and external information-sharing systems in all agencies.",
        "Decisions about short- and long-term plans.",
        "Safeguarding supervision for practitioners.",
    ]
