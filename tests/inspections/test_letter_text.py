"""Reading a letter's text copied out of a PDF viewer: the footer, page numbers and address
block that repeat between its pages are not findings, and list markers on lines of their
own start the findings after them."""

import pytest

from inspections.letter_text import restore_page_breaks
from inspections.letters import read_letter

ADDRESS = "Ofsted\nPiccadilly Gate\nStore Street\nManchester M1 2WD\nT 0300 123 1231\n"
OPENING = """3 March 2025
Jo Bloggs, Director of Children's Services, Testshire Council
Dear Testshire Safeguarding Children Partnership
Joint targeted area inspection of Testshire
This letter summarises the findings of the joint targeted area inspection (JTAI) of the
multi-agency response to children missing from home in Testshire.
What needs to improve
"""
ENDING = """
Strengths
Leaders know their services well.

Next steps
Yours sincerely
"""


def copied(*pages: str) -> str:
    """The letter's pages as pdftotext copies them: Ofsted's address at the top of each,
    the running footer and the page number at the bottom, a form feed between."""
    return "\f".join(
        f"{ADDRESS}\n{page}\nJoint targeted area inspection: Testshire\n\n{number}\n\n"
        for number, page in enumerate(pages, start=1)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("pages", ["with form feeds", "without page breaks"])
def test_a_finding_cut_by_a_page_break_runs_on_past_the_footer_page_number_and_address(pages):
    """As a PDF gives the text, and as a viewer's select-all copies it, with no form feeds."""
    join = copied if pages == "with form feeds" else copied_without_page_breaks
    letter = read_letter(
        join(
            OPENING + "• The timeliness of the response to children held in police\ncustody",
            "overnight, who wait too long for a placement.\n"
            "• Multi-agency attendance at strategy discussions." + ENDING,
        )
    )

    assert letter.findings == [
        "The timeliness of the response to children held in police custody overnight, who "
        "wait too long for a placement.",
        "Multi-agency attendance at strategy discussions.",
    ]
    assert letter.finding_pages == [1, 2]


@pytest.mark.django_db
def test_a_lone_marker_starts_the_finding_on_the_lines_after_it():
    letter = read_letter(
        copied(
            OPENING + "\uf0b7\nThe length of time children spend in police stations out\n"
            "of hours.\n\uf0b7\nStaffing capacity in the emergency duty team.",
            "Main findings\nThresholds are understood." + ENDING,
        )
    )

    assert letter.findings == [
        "The length of time children spend in police stations out of hours.",
        "Staffing capacity in the emergency duty team.",
    ]


@pytest.mark.django_db
def test_a_pages_markers_copied_together_before_its_items_give_one_finding_each():
    letter = read_letter(
        copied(
            OPENING,
            "•\n•\n•\n\n"
            "The length of time children spend in police stations out of hours.\n"
            "Staffing capacity in the emergency duty team, the police missing persons unit and\n"
            "the referral and assessment teams.\n"
            "The LSCP's understanding about the impact of multi-agency training." + ENDING,
        )
    )

    assert letter.findings == [
        "The length of time children spend in police stations out of hours.",
        "Staffing capacity in the emergency duty team, the police missing persons unit and "
        "the referral and assessment teams.",
        "The LSCP's understanding about the impact of multi-agency training.",
    ]
    assert letter.finding_pages == [2, 2, 2]


@pytest.mark.django_db
def test_a_list_whose_markers_did_not_copy_has_a_finding_for_each_sentence():
    letter = read_letter(
        copied(
            OPENING + "The length of time children spend in police stations out of hours.\n"
            "Staffing capacity in the emergency duty team, the police missing persons unit and\n"
            "the referral and assessment teams." + ENDING,
            "Main findings\nThresholds are understood.",
        )
    )

    assert letter.findings == [
        "The length of time children spend in police stations out of hours.",
        "Staffing capacity in the emergency duty team, the police missing persons unit and "
        "the referral and assessment teams.",
    ]


@pytest.mark.django_db
def test_a_finding_starting_with_the_footers_and_the_address_blocks_words_is_kept():
    letter = read_letter(
        copied(
            OPENING + "• The quality of referrals.\n•",
            "Joint targeted area inspection findings of 2019, which leaders have not yet\n"
            "acted on.\n"
            "• Ofsted's 2022 focused visit's finding about supervision." + ENDING,
            "Main findings\nThresholds are understood.",
        )
    )

    assert letter.findings == [
        "The quality of referrals.",
        "Joint targeted area inspection findings of 2019, which leaders have not yet acted on.",
        "Ofsted's 2022 focused visit's finding about supervision.",
    ]


@pytest.mark.django_db
def test_a_line_repeated_at_the_foot_of_most_pages_is_kept_in_the_middle_of_one():
    finding = "Staffing capacity in the emergency duty team."
    middle = "\n".join(f"Thresholds are understood in team {n}." for n in range(12))
    letter = read_letter(
        copied(
            OPENING + f"•\n{finding}\n•\nThe quality of referrals.\n\nMain findings\n{middle}",
            f"{middle}\n{finding}",
            f"{middle}\n{finding}" + ENDING,
        )
    )

    assert letter.findings == [finding, "The quality of referrals."]


@pytest.mark.django_db
def test_a_word_pdftotext_joined_across_a_line_break_gets_its_hyphen_back():
    # pdftotext wrote "multi-" at the end of one line and "agency safeguarding ..." on the
    # next as one line ("multiagency ..."), twice as long as the others.
    joined = (
        "• Whether every practitioner can use the multiagency safeguarding hub's referral "
        "form, and whether the hub's records say why a referral was not accepted."
    )
    letter = read_letter(
        copied(
            OPENING + f"{joined}\n• Multi-agency attendance at strategy discussions.\n"
            "\nStrengths\nMost strategy meetings include relevant agencies, although\n"
            "multiagency attendance is not consistent enough.\n",
            "Main findings\nThresholds are understood.\nNext steps\nYours sincerely\n",
        )
    )

    assert letter.findings[0] == (
        "Whether every practitioner can use the multi-agency safeguarding hub's referral "
        "form, and whether the hub's records say why a referral was not accepted."
    )
    # The letter's own word, on a line of ordinary length, is kept as written.
    assert letter.strengths == [
        "Most strategy meetings include relevant agencies, although multiagency attendance "
        "is not consistent enough."
    ]


# Text copied without its form feeds (a viewer's select-all and copy): the pages are found
# again where their numbers count up on lines of their own.


def copied_without_page_breaks(*pages: str) -> str:
    return copied(*pages).replace("\f", "")


def test_the_pages_are_found_again_after_their_numbers():
    text = copied_without_page_breaks("The first page.", "The second page.", "The third page.")

    assert restore_page_breaks(text) == copied(
        "The first page.", "The second page.", "The third page."
    ).rstrip("\f")


def test_text_with_its_form_feeds_is_left_as_it_is():
    text = copied("The first page.", "The second page.")

    assert restore_page_breaks(text) == text


def test_numbers_with_no_running_lines_beside_them_are_not_taken_for_pages():
    text = "The first page.\n\n1\n\nThe second page.\n\n2\n"

    assert restore_page_breaks(text) == text


def test_a_page_numbered_at_its_top_starts_at_its_number():
    footer = "Joint targeted area inspection: Testshire"
    text = "\n".join(f"{number}\n{footer}\nThe text of page {number}." for number in range(1, 4))

    assert restore_page_breaks(text).split("\f") == [
        f"1\n{footer}\nThe text of page 1.\n",
        f"2\n{footer}\nThe text of page 2.\n",
        f"3\n{footer}\nThe text of page 3.",
    ]


@pytest.mark.django_db
def test_a_numbered_lists_lone_markers_are_not_taken_for_page_numbers():
    letter = read_letter(
        copied_without_page_breaks(
            OPENING + "1.\nThe quality of referrals.\n2.\nThe timeliness of the response to\n"
            "children held in police",
            "custody overnight.\n3.\nMulti-agency attendance at strategy discussions." + ENDING,
            "Main findings\nThresholds are understood.",
        )
    )

    assert letter.findings == [
        "The quality of referrals.",
        "The timeliness of the response to children held in police custody overnight.",
        "Multi-agency attendance at strategy discussions.",
    ]
    assert letter.finding_pages == [1, 1, 2]


@pytest.mark.django_db
def test_a_number_on_a_line_of_its_own_in_a_finding_is_the_letters_own():
    # The "2" in the middle of page 2 could continue the pages' count (1, 2, 3) as well as
    # the page's own number: the footer and the address are not beside it as they are
    # beside the other pages' numbers.
    before = [f"The quality of referrals from agency {n}." for n in range(1, 9)]
    after = [f"The quality of assessments by team {n}." for n in range(1, 9)]
    finding = "Children who wait more than\n2\nhours for a placement."
    letter = read_letter(
        copied_without_page_breaks(
            OPENING + "• The timeliness of the response to children held in police\ncustody",
            "overnight.\n" + "\n".join(f"• {item}" for item in [*before, finding, *after]),
            "Main findings\nThresholds are understood." + ENDING,
        )
    )

    assert letter.findings == [
        "The timeliness of the response to children held in police custody overnight.",
        *before,
        "Children who wait more than 2 hours for a placement.",
        *after,
    ]
    assert letter.finding_pages == [1] + [2] * 17


def laid_out_without_page_breaks(*pages: str) -> str:
    """The pages as a layout copy gives them with no form feeds: the page's number at the
    end of the running footer's line."""
    return "".join(
        f"{ADDRESS}\n{page}\nJoint targeted area inspection: Testshire{' ' * 40}{number}\n\n"
        for number, page in enumerate(pages, start=1)
    )


def test_the_pages_are_found_again_by_the_number_at_the_end_of_the_footer_line():
    text = laid_out_without_page_breaks("The first page.", "The second page.", "The third.")

    pages = restore_page_breaks(text).split("\f")

    assert len(pages) == 3
    assert pages[1].startswith(ADDRESS) and "The second page." in pages[1]
    assert pages[0].rstrip().endswith("Testshire" + " " * 40 + "1")


def test_a_line_ending_in_a_number_is_no_page_number_unless_its_words_recur():
    text = (
        f"{ADDRESS}\nChildren waited on average 12\nhours.\n"
        f"{ADDRESS}\nThe count for the year was 14\nin all."
    )

    assert restore_page_breaks(text) == text
