"""The form an owner adds an item of evidence with."""

from django import forms

from actions.evidence import TITLE_MAX_LENGTH, WHAT_IS_ACCEPTED, validate_evidence_file
from actions.models import EvidenceKind
from govuk.forms import GovUkDateField


class EvidenceItemForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        help_text="For example, “MASH audit of contacts, March 2026”",
        error_messages={
            "required": "Enter a title for the evidence",
            "max_length": f"The title must be {TITLE_MAX_LENGTH} characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of evidence is it?",
        choices=EvidenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of evidence",
            "invalid_choice": "Select the kind of evidence",
        },
    )
    date = GovUkDateField(
        name="date of the evidence",
        label="Date of the evidence",
        help_text="When the data was taken, the audit done or the policy agreed. "
        "For example, 27 3 2026",
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        help_text="What it shows about the action's progress or its difference for children",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text=f"Upload {WHAT_IS_ACCEPTED}, smaller than 10MB",
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}),
        error_messages={"empty": "The selected file is empty"},
    )
    link = forms.URLField(
        label="Or give a link",
        required=False,
        max_length=500,
        help_text="For example, a document on your organisation's SharePoint",
        # crispy-forms-gds styles text inputs but not URL or file inputs.
        widget=forms.URLInput(attrs={"class": "govuk-input"}),
        error_messages={"invalid": "Enter a link in the correct format, like https://example.org"},
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            upload.detected_content_type = validate_evidence_file(upload)
        return upload
