"""The forms of the executive's asks and decisions. The rules are meetings.decisions'; the
forms say, in GOV.UK words, what is missing."""

from django import forms

from actions.models import Action
from govuk.forms import GovUkDateField
from meetings.models import AskKind, ExecutiveAsk
from people.models import User


class AskForm(forms.Form):
    kind = forms.ChoiceField(
        label="What do you ask of the executive?",
        choices=AskKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you ask of the executive"},
    )
    text = forms.CharField(
        label="Say what help you need, and why",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, the funding needed and what it unblocks, the partner to "
        "escalate to, or the new target date and why. Do not name a child or family.",
        error_messages={"required": "Enter what you ask of the executive"},
    )


class PersonWithAgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.agency})" if obj.agency_id else name


class ActionByReferenceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Action) -> str:
        description = obj.description
        if len(description) > 90:
            description = description[:90].rsplit(" ", 1)[0] + "…"
        return f"{obj.reference}: {description}"


class AskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: ExecutiveAsk) -> str:
        return f"Action {obj.action.reference}: {obj.get_kind_display()}: {obj.text}"


class DecisionForm(forms.Form):
    text = forms.CharField(
        label="What did the executive decide?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the decision"},
    )
    owner = PersonWithAgencyChoiceField(
        label="Who owns it",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={
            "required": "Choose who owns the decision",
            "invalid_choice": "Choose a person of the partnership to own the decision",
        },
    )
    due_date = GovUkDateField(
        name="due date",
        label="Due by",
        help_text="For example, 31 3 2027",
    )
    actions = ActionByReferenceField(
        label="Which actions does it concern? (optional)",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose actions of this plan that are still in it"},
    )
    asks = AskChoiceField(
        label="Which asks does it answer? (optional)",
        queryset=ExecutiveAsk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The actions they are about are among those the decision concerns",
        error_messages={"invalid_choice": "Choose asks that are still awaiting a decision"},
    )

    def __init__(self, *args, people=None, actions=None, asks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["owner"].queryset = people
        if actions is not None:
            self.fields["actions"].queryset = actions
        if asks is not None:
            self.fields["asks"].queryset = asks
        posted_asks = self.is_bound and self.data.getlist(self.add_prefix("asks"))
        if asks is not None and not posted_asks and not asks.exists():
            # No ask waits for a decision: a list of no boxes would only confuse.
            del self.fields["asks"]


class DecisionDoneForm(forms.Form):
    note = forms.CharField(
        label="What was done?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was done"},
    )
