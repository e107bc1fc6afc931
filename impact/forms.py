"""The forms of measures and readings. The rules (a target better than the baseline, one
reading a day, no reading in the future) are impact.services'; the forms say in GOV.UK
words what is missing or not a number."""

from django import forms

from actions.models import Action
from govuk.forms import GovUkDateField
from impact.models import Direction, Unit


def _number_field(label: str, *, what: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}
        ),
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"The {what} must be a number, like 72 or 72.5",
            "max_digits": f"The {what} must be less than 10,000,000,000",
            "max_decimal_places": f"The {what} must have no more than 2 decimal places",
            "max_whole_digits": f"The {what} must be less than 10,000,000,000",
        },
    )


class ActionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Action) -> str:
        description = obj.description
        if len(description) > 80:
            description = description[:80].rsplit(" ", 1)[0] + "…"
        return f"{obj.reference}: {description}"


class MeasureForm(forms.Form):
    name = forms.CharField(
        label="Name of the measure",
        max_length=200,
        help_text="For example, contacts decided within 24 hours",
        error_messages={"required": "Enter the name of the measure"},
    )
    definition = forms.CharField(
        label="What is counted, and how",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say what the number counts and over what period, so that anyone reading "
        "it later counts the same. Do not name a child or family",
        error_messages={"required": "Enter what is counted, and how"},
    )
    source = forms.CharField(
        label="Where the figure comes from (optional)",
        max_length=200,
        required=False,
        help_text="For example, MASH performance report",
    )
    unit = forms.ChoiceField(
        label="Unit",
        choices=Unit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the unit of the measure"},
    )
    direction = forms.ChoiceField(
        label="Which way is better?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether higher or lower is better"},
    )
    baseline_value = _number_field("Baseline", what="baseline", help_text="Where it stood")
    baseline_date = GovUkDateField(name="baseline date", label="Date of the baseline")
    target_value = _number_field("Target", what="target", help_text="Where the partnership aims it")
    target_date = GovUkDateField(name="target date", label="Target date")
    action = ActionChoiceField(
        label="Action it measures (optional)",
        queryset=Action.objects.none(),
        required=False,
        empty_label="The area as a whole",
        error_messages={"invalid_choice": "Choose an action of this area for improvement"},
    )

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions


class ReadingForm(forms.Form):
    value = _number_field("Reading", what="reading")
    date = GovUkDateField(
        name="date of the reading",
        label="Date of the reading",
        help_text="The day the figure is as at",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What lies behind the figure, if it needs saying. Do not name a child or family",
    )
