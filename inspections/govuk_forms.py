"""Form fields in the GOV.UK Design System's patterns, with its wording for errors."""

from crispy_forms_gds.fields import DateInputField
from django import forms


class GovUkDateField(DateInputField):
    """A date as three boxes (day, month, year), with messages that name the date."""

    def __init__(self, *, name: str, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["required"] = f"Enter the {name}"
        self.error_messages["incomplete"] = f"Enter the {name} as a day, month and year"
        self.error_messages["invalid"] = f"The {name} must be a real date"

    def compress(self, data_list):
        try:
            return super().compress(data_list)
        except (forms.ValidationError, ValueError, TypeError) as error:
            raise forms.ValidationError(self.error_messages["invalid"]) from error
