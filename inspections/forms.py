"""Forms for setting up an inspection from its letter."""

from django import forms

from govuk.forms import GovUkDateField
from inspections.letters import MAX_LETTER_MB, LetterError, check_letter_length, check_letter_size
from inspections.models import Inspectorate, Theme


class LetterUploadForm(forms.Form):
    letter = forms.FileField(
        label="Upload the letter as a PDF",
        required=False,
        help_text=f"Smaller than {MAX_LETTER_MB} MB",
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".pdf"}),
        error_messages={"empty": "The selected file is empty"},
    )
    # No max_length: a browser would cut a long paste short without a word.
    text = forms.CharField(
        label="Or paste the letter's text",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )

    def clean_letter(self):
        upload = self.cleaned_data["letter"]
        try:
            if upload:
                check_letter_size(upload.size)  # known before anything reads the file
        except LetterError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            check_letter_length(text)
        except LetterError as error:
            raise forms.ValidationError(str(error)) from error
        return text

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
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
    onsite_start = GovUkDateField(
        name="first day on site",
        label="First day on site (optional)",
        required=False,
        help_text="For example, 21 11 2022",
    )
    onsite_end = GovUkDateField(
        name="last day on site",
        label="Last day on site (optional)",
        required=False,
        help_text="For example, 25 11 2022",
    )
    letter_date = GovUkDateField(
        name="date of the letter",
        label="Date of the letter (optional)",
        required=False,
        help_text="For example, 31 1 2023",
    )
    statement_due = GovUkDateField(
        name="written statement due date",
        label="Written statement due (optional)",
        required=False,
        help_text="For example, 11 5 2023",
    )
    principal_authority = forms.CharField(
        label="Principal authority (optional)", required=False, max_length=200
    )
    addressees = forms.CharField(
        label="Addressed to (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One person a line",
    )
    headline_findings = forms.CharField(
        label="Headline findings (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    strengths = forms.CharField(
        label="Strengths (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One strength a paragraph, with a blank line between them",
    )
    findings = forms.CharField(
        label="What needs to improve",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="One area for improvement a paragraph, with a blank line between them, in "
        "the letter's words and order. To split one in two, put a blank line where it "
        "divides; to join two, delete the blank line between them",
        error_messages={"required": "Enter the areas for improvement the letter names"},
    )

    def clean(self):
        cleaned = super().clean()
        self._check_dates_in_order(cleaned)
        for name in ("addressees", "strengths", "findings"):
            cleaned[name] = _items(cleaned.get(name, ""))
        cleaned["inspectorates"] = [i.short_name for i in cleaned.get("inspectorates", [])]
        return cleaned

    def _check_dates_in_order(self, cleaned: dict) -> None:
        """The inspection, then its letter, then the written statement: a date out of that
        order is a slip of the keyboard. Every such slip is named at once."""
        # Read before add_error, which drops a field from cleaned_data and would hide the
        # comparisons that depend on it until the next save.
        start, end, letter, due = (
            cleaned.get(name)
            for name in ("onsite_start", "onsite_end", "letter_date", "statement_due")
        )
        if start and end and end < start:
            self.add_error("onsite_end", "The last day on site must be on or after the first")
        if letter and end and letter <= end:
            self.add_error(
                "letter_date", "The date of the letter must be after the last day on site"
            )
        elif letter and start and letter <= start:
            self.add_error(
                "letter_date", "The date of the letter must be after the first day on site"
            )
        if due and letter and due <= letter:
            self.add_error(
                "statement_due",
                "The written statement due date must be after the date of the letter",
            )
        elif due and not letter and "letter_date" not in self.errors and end and due <= end:
            self.add_error(
                "statement_due",
                "The written statement due date must be after the last day on site",
            )
