"""Forms for setting up an inspection from its letter."""

from django import forms

from inspections.govuk_forms import GovUkDateField
from inspections.models import Inspectorate, Theme


class LetterUploadForm(forms.Form):
    letter = forms.FileField(
        label="Upload the letter as a PDF",
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".pdf"}),
        error_messages={"empty": "The selected file is empty"},
    )
    text = forms.CharField(
        label="Or paste the letter's text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("letter") and not cleaned.get("text", "").strip():
            raise forms.ValidationError("Upload the letter as a PDF, or paste its text")
        return cleaned


def _items(value: str) -> list[str]:
    """One item a paragraph when blank lines separate them, else one a line."""
    value = value.replace("\r\n", "\n").strip()
    if "\n\n" in value:
        chunks = value.split("\n\n")
        return [" ".join(chunk.split()) for chunk in chunks if chunk.strip()]
    return [line.strip() for line in value.splitlines() if line.strip()]


class InspectionFromLetterForm(forms.Form):
    """What the service read from the letter, for the manager to check and correct."""

    subject = forms.CharField(
        label="What was inspected",
        max_length=300,
        help_text="As the letter puts it, for example 'the multi-agency response to …'",
        error_messages={"required": "Enter what was inspected"},
    )
    theme = forms.ModelChoiceField(
        label="Deep-dive theme (optional)",
        queryset=Theme.objects.all(),
        required=False,
        empty_label="Not recorded",
    )
    inspectorates = forms.ModelMultipleChoiceField(
        label="Inspectorates",
        queryset=Inspectorate.objects.all(),
        to_field_name="short_name",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the inspectorates that carried out the inspection"},
    )
    onsite_start = GovUkDateField(name="first day on site", label="First day on site",
                                  required=False)  # fmt: skip
    onsite_end = GovUkDateField(name="last day on site", label="Last day on site", required=False)
    letter_date = GovUkDateField(name="letter date", label="Date of the letter", required=False)
    statement_due = GovUkDateField(
        name="statement due date", label="Written statement due", required=False
    )
    principal_authority = forms.CharField(
        label="Principal authority", required=False, max_length=200
    )
    addressees = forms.CharField(
        label="Addressed to", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One person a line",
    )  # fmt: skip
    headline_findings = forms.CharField(
        label="Headline findings", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    strengths = forms.CharField(
        label="Strengths", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One strength a paragraph, with a blank line between them",
    )  # fmt: skip
    findings = forms.CharField(
        label="What needs to improve",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="One area for improvement a paragraph, with a blank line between them, in "
        "the letter's words and order",
        error_messages={"required": "Enter the areas for improvement the letter names"},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("onsite_start"), cleaned.get("onsite_end")
        if start and end and end < start:
            self.add_error("onsite_end", "The last day on site must be on or after the first")
        for name in ("addressees", "strengths", "findings"):
            cleaned[name] = _items(cleaned.get(name, ""))
        cleaned["inspectorates"] = [i.short_name for i in cleaned.get("inspectorates", [])]
        return cleaned
