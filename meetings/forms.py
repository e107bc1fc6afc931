from django import forms

from govuk.forms import GovUkDateField
from meetings.models import Judgement


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


class AreaJudgementForm(forms.Form):
    """The executive's judgement of one area at a meeting. Whether evidence is needed is
    area_judge's rule: the form shows its words."""

    judgement = forms.ChoiceField(
        label="How far is the area addressed?",
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how far the area is addressed"},
    )
    evidence = forms.CharField(
        label="Evidence",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What shows it: audits, performance data, what children and families say. "
        "Needed when the area is improving or addressed",
    )

    def __init__(self, *args, number: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if number is not None:
            self.fields["judgement"].label = f"How far is area {number} addressed?"
