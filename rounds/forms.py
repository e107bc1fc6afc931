import datetime

from django import forms
from django.utils import timezone

from govuk.forms import GovUkDateField
from rounds.models import ReviewDecision


class RoundForm(forms.Form):
    meeting_date = GovUkDateField(
        name="date of the executive meeting",
        label="Date of the executive meeting",
    )
    deadline = GovUkDateField(
        name="deadline for updates",
        label="Deadline for updates (optional)",
        required=False,
        help_text="Leave it blank for 5 working days before the meeting, bank holidays skipped",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An example in the future, as the date asked for is: the next meeting, about
        # two months away.
        example = timezone.localdate() + datetime.timedelta(weeks=8)
        self.fields[
            "meeting_date"
        ].help_text = f"For example, {example.day} {example.month} {example.year}"


class ReviewForm(forms.Form):
    # The update the page showed: a decision is about that update and no later one.
    update = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Open the update again from the returns page"},
    )
    decision = forms.ChoiceField(
        label="Is the update good enough for the executive?",
        choices=[
            (ReviewDecision.ACCEPTED, "Yes, accept it"),
            (ReviewDecision.SENT_BACK, "No, ask the owner for more detail"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to accept the update or ask for more detail"},
    )
    # Needed to send the update back: return_check's rule, whose error shows on this field.
    comment = forms.CharField(
        label="What more detail does the update need? (if you ask for more)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The owner reads this in an e-mail and on the action's page",
    )
