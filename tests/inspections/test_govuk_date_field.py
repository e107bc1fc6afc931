import datetime

import pytest
from django import forms

from govuk.forms import GovUkDateField


class DateForm(forms.Form):
    target = GovUkDateField(name="target date")
    start = GovUkDateField(name="start date", required=False)


def errors(day="", month="", year="", start=("", "", "")):
    form = DateForm(
        {
            "target_0": day,
            "target_1": month,
            "target_2": year,
            "start_0": start[0],
            "start_1": start[1],
            "start_2": start[2],
        }
    )
    form.is_valid()
    return form.errors, form.cleaned_data


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the target date"),
        (("1", "1", "27"), "The year must include 4 numbers"),
        (("31", "2", "2027"), "The target date must be a real date"),
        (("1", "13", "2027"), "The target date must be a real date"),
        (("x", "1", "2027"), "The target date must be a real date"),
        (("", "3", "2027"), "The target date must include a day"),
        (("1", "", ""), "The target date must include a month and a year"),
    ],
)
def test_a_date_that_is_not_whole_and_real_is_named(parts, message):
    found, _ = errors(*parts)
    assert found["target"] == [message]


def test_an_optional_date_with_a_part_missing_is_an_error_not_a_blank():
    found, _ = errors("1", "1", "2027", start=("", "3", "2027"))
    assert found["start"] == ["The start date must include a day"]


def test_a_whole_date_is_read_as_a_date():
    found, cleaned = errors("31", "3", "2027")
    assert not found
    assert cleaned["target"] == datetime.date(2027, 3, 31)
    assert cleaned["start"] is None
