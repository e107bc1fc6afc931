"""The sustainability review's form, with GOV.UK wording for every error."""

from crispy_forms_gds.choices import Choice
from django import forms
from django.core.exceptions import ValidationError

from actions.models import Action, Evidence
from impact import reviews
from impact.models import Reading
from impact.selectors import value_in_words


class EvidenceChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Evidence) -> str:
        return obj.title or obj.original_name or obj.link


class ReadingChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Reading) -> str:
        value = value_in_words(obj.value, obj.measure.unit)
        return f"{obj.measure.name}: {value} on {obj.date:%-d %B %Y}"


class SustainabilityReviewForm(forms.Form):
    held = forms.TypedChoiceField(
        label="Has the change held?",
        choices=[
            Choice("yes", "Yes", hint="The action becomes Embedded"),
            Choice(
                "no",
                "No",
                hint="The action reopens at Red for the executive, with what you write below "
                "as the reason, and the partnership's managers are e-mailed",
            ),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the change has held"},
    )
    note = forms.CharField(
        label="What shows it?",
        help_text="For example, what the latest audit or performance report found",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": reviews.NOTE_REQUIRED},
    )
    evidence = EvidenceChoice(
        label="Evidence (optional)",
        queryset=Evidence.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": reviews.EVIDENCE_NOT_OF_THE_ACTION},
    )
    reading = ReadingChoice(
        label="A reading of one of the area's measures (optional)",
        queryset=Reading.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": reviews.READING_NOT_OF_THE_AREA},
    )

    def __init__(self, *args, action: Action, closure, **kwargs):
        super().__init__(*args, **kwargs)
        self.closure = closure
        self.fields["evidence"].queryset = Evidence.objects.filter(action=action)
        readings = Reading.objects.filter(measure__finding=action.finding_id).select_related(
            "measure"
        )
        self.fields["reading"].queryset = readings.order_by("measure__position", "-date", "pk")
        if not self.fields["reading"].queryset.exists():
            del self.fields["reading"]

    def clean(self):
        cleaned = super().clean()
        if "note" in cleaned:
            try:
                reviews.sustainability_review_check(
                    closure=self.closure,
                    note=cleaned["note"],
                    evidence=cleaned.get("evidence"),
                    reading=cleaned.get("reading"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned
