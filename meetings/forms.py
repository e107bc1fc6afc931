from django import forms

from govuk.forms import GovUkDateField
from meetings.models import Judgement
from people.models import User


class PersonWithAgencyField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.agency})" if obj.agency_id else name


def _people_field(label: str) -> PersonWithAgencyField:
    return PersonWithAgencyField(
        label=label,
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people of the partnership"},
    )


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
    attendees = _people_field("Who attended from the partnership (optional)")
    guests = forms.CharField(
        label="Guests who attended (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, with their organisation: for example, Sam Patel, Ofsted",
    )
    apologies = _people_field("Who sent apologies from the partnership (optional)")
    guest_apologies = forms.CharField(
        label="Guests who sent apologies (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line",
    )
    agenda = forms.CharField(
        label="Agenda (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One item a line, in the order the meeting took them",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["attendees"].queryset = people
            self.fields["apologies"].queryset = people

    def clean_agenda(self) -> list[str]:
        return [item.strip() for item in self.cleaned_data["agenda"].splitlines() if item.strip()]


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
