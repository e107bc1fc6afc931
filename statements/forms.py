"""Forms for the written statement: its own text, the date it was sent, a report's date."""

from django import forms
from django.core.exceptions import ValidationError

from actions.models import Plan
from actions.rules import date_not_in_future
from govuk.forms import GovUkDateField
from partnerships.versioning import VersionedForm
from statements.statement import STATEMENT_TEXT_FIELDS


class StatementTextForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Plan
        fields = STATEMENT_TEXT_FIELDS
        widgets = {
            "statement_introduction": forms.Textarea(attrs={"rows": 8}),
            "statement_governance": forms.Textarea(attrs={"rows": 8}),
            "statement_version": forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            "protective_marking": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        }
        error_messages = {
            "statement_version": {"required": "Enter the version of the statement"},
            "protective_marking": {"required": "Enter the protective marking, like OFFICIAL"},
        }


class SubmissionForm(forms.Form):
    submitted_on = GovUkDateField(
        name="date the statement was sent",
        label="Date the statement was sent to Ofsted",
        help_text="For example, 11 5 2023",
    )


class AsOfForm(forms.Form):
    as_of = GovUkDateField(
        name="date of the report",
        label="Progress as at",
        required=False,
        help_text="Leave blank for today",
    )

    def clean(self):
        # No service records a report's date, so the form applies the rule itself.
        cleaned = super().clean()
        if as_of := cleaned.get("as_of"):
            try:
                date_not_in_future(as_of, field="as_of", what="The date of the report")
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class SignatoriesForm(VersionedForm):
    """One choice of lead per statutory partner: `agency_<id>`."""

    def __init__(self, *args, agencies, people, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        for agency in self.agencies:
            self.fields[f"agency_{agency.pk}"] = forms.ModelChoiceField(
                queryset=people,
                required=False,
                label=f"Lead who approves the statement for {agency.name}",
                empty_label="Nobody yet",
                initial=leads.get(agency.pk),
            )

    def leads(self) -> dict:
        return {agency: self.cleaned_data[f"agency_{agency.pk}"] for agency in self.agencies}
