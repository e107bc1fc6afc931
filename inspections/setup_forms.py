"""Forms for the manager's set-up pages: agencies, an inspection's details, its findings."""

from django import forms

from actions.models import PlanStatus
from inspections.forms import InspectionFromLetterForm
from partnerships.models import AgencyKind
from partnerships.versioning import VersionedForm


class AgencyForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="In full, for example Metropolitan Police Service",
        error_messages={
            "required": "Enter the agency's name",
            "max_length": "The agency's name must be 200 characters or fewer",
        },
    )
    short_name = forms.CharField(
        label="Short name (optional)",
        max_length=60,
        required=False,
        help_text="What plans and spreadsheets call it, for example Police or ICB",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"max_length": "The short name must be 60 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Kind of agency",
        choices=AgencyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of agency"},
    )


class AgencyEditForm(VersionedForm, AgencyForm):
    pass


class InspectionForm(InspectionFromLetterForm):
    """The facts of the letter, typed in by the manager when there is no letter to import."""


class InspectionEditForm(InspectionFromLetterForm):
    """The inspection's facts and status. Its areas for improvement have their own pages."""

    findings = None
    status = forms.ChoiceField(
        label="Status",
        choices=PlanStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the inspection's status"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = ["status"]

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("findings", None)
        return cleaned


class FindingForm(forms.Form):
    text = forms.CharField(
        label="Area for improvement",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In the letter's words",
        error_messages={"required": "Enter the area for improvement"},
    )
    is_priority = forms.BooleanField(
        label="This is an area for priority action",
        required=False,
        help_text="Older letters named some areas for priority action",
    )


class FindingEditForm(VersionedForm, FindingForm):
    pass
