from django import forms

from govuk.forms import GovUkDateField


class MeetingForm(forms.Form):
    date = GovUkDateField(
        name="date of the meeting",
        label="Date of the meeting",
        help_text="Record the meeting on the day or soon after: the snapshot is the plan as it "
        "is when you record it",
    )
    title = forms.CharField(
        label="Meeting",
        max_length=200,
        initial="LSCP executive",
        error_messages={"required": "Enter the name of the meeting"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Decisions and challenges the executive recorded about the plan",
    )
