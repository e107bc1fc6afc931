"""Form fields in the GOV.UK Design System's patterns, with its wording for errors."""

import datetime

from crispy_forms_gds.fields import DateInputField
from django import forms


class GovUkDateField(DateInputField):
    """A date as three boxes (day, month, year), with messages that name the date.

    Follows the Design System's date-input rules: a date with a part missing is an error,
    not a blank, and a year must have 4 numbers (so "27" is not taken as the year 27).
    """

    def __init__(self, *, name: str, **kwargs):
        super().__init__(**kwargs)
        self.name = name
        self.error_messages["required"] = f"Enter the {name}"
        self.error_messages["incomplete"] = f"Enter the {name} as a day, month and year"
        self.error_messages["invalid"] = f"The {name} must be a real date"
        for part in self.fields:
            part.validators = []  # their generic messages give way to the ones below

    def clean(self, value):
        parts = [str(part or "").strip() for part in (value or [])]
        if any(parts) and not all(parts):
            labelled = zip(("day", "month", "year"), parts, strict=False)
            missing = [label for label, part in labelled if not part]
            raise forms.ValidationError(
                f"The {self.name} must include a {' and a '.join(missing)}", code="incomplete"
            )
        if any(parts) and not all(part.isdigit() for part in parts):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if any(parts) and len(parts[2]) != 4:
            raise forms.ValidationError("The year must include 4 numbers", code="invalid")
        return super().clean(value)

    def compress(self, data_list):
        try:
            date = super().compress(data_list)
        except (forms.ValidationError, ValueError, TypeError, OverflowError) as error:
            # A day or month of twenty digits overflows the C long that datetime.date takes.
            raise forms.ValidationError(self.error_messages["invalid"]) from error
        if date is not None and not datetime.date(1990, 1, 1) <= date <= datetime.date(
            2100, 12, 31
        ):
            raise forms.ValidationError(self.error_messages["invalid"])
        return date
