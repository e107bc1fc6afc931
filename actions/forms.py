"""The forms officers and managers fill in, with GOV.UK wording for every error."""

import uuid

from crispy_forms_gds.choices import Choice
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet

from actions import fields as action_fields
from actions import services
from actions.evidence import WHAT_IS_ACCEPTED, validate_evidence_file
from actions.models import Action, Closure
from actions.rag import RAG
from govuk.forms import GovUkDateField
from partnerships.models import Agency
from partnerships.versioning import VersionedForm
from people.models import User
from people.permissions import LEAD_OFFICER_ROLES


def rag_choices(statuses) -> list[Choice]:
    return [Choice(status.value, status.label, hint=status.definition) for status in statuses]


class EvidenceFields(forms.Form):
    evidence_link = forms.URLField(
        label="Link to evidence (optional)",
        required=False,
        max_length=500,
        help_text="For example, a document on your organisation's SharePoint",
        # crispy-forms-gds styles text inputs but not URL or file inputs.
        widget=forms.URLInput(attrs={"class": "govuk-input"}),
        error_messages={"invalid": "Enter a link in the correct format, like https://example.org"},
    )
    evidence_file = forms.FileField(
        label="Upload evidence (optional)",
        required=False,
        help_text=f"Upload {WHAT_IS_ACCEPTED}, smaller than 10MB. "
        "Never upload anything that names a child or family.",
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}),
        error_messages={"empty": "The selected file is empty"},
    )

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            upload.detected_content_type = validate_evidence_file(upload)
        return upload


class ProgressUpdateForm(VersionedForm, EvidenceFields):
    rag = forms.ChoiceField(
        label="What is the status of this action now?",
        choices=rag_choices(RAG.reportable()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the status of the action",
            "invalid_choice": "Select Not started, Red, Amber or Green: an action becomes "
            "Complete only when the partnership agrees",
        },
    )
    narrative = forms.CharField(
        label="What progress has been made?",
        help_text="Say what has happened since the last update and what happens next",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the progress made"},
    )
    percent_complete = forms.IntegerField(
        label="Per cent complete (optional)",
        help_text="How much of the action is done, as a whole number from 0 to 100. The "
        "product compares it with the time gone to suggest a status",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-3",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "invalid": "Per cent complete must be a whole number, like 40",
            "min_value": "Per cent complete must be 0 or more",
            "max_value": "Per cent complete must be 100 or less",
        },
    )
    # One reason for both rules that ask for one (a status got worse, or is better than
    # the product suggests): it is kept as the update's rag_change_reason either way.
    rag_change_reason = forms.CharField(
        label="Why this status? (if asked)",
        help_text="Needed when the status gets worse (what went wrong, and the recovery "
        "plan) or is better than the status the product suggests (what the figures miss)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Made when the page opens and sent with it: the same form sent twice (Save, browser
    # Back, Save) carries the same key, and records one update (progress_update_record).
    # Not required: a page opened before the key was added still saves.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    field_order = [
        "rag",
        "narrative",
        "percent_complete",
        "rag_change_reason",
        "evidence_link",
        "evidence_file",
    ]

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if not self.is_bound and "submission_key" in self.fields:
            self.initial.setdefault("submission_key", uuid.uuid4())

    @staticmethod
    def posted_submission_key(data) -> uuid.UUID | None:
        """The one-time key a posted form carries, or None when it has none (or a broken one,
        which the form then saves as an update of its own)."""
        try:
            return uuid.UUID(data.get("submission_key", ""))
        except (TypeError, ValueError, AttributeError):
            return None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rag") and "percent_complete" not in self.errors:
            # The service's rules and words, shown with the other errors.
            try:
                services.progress_update_check(
                    action=self.action,
                    rag=cleaned["rag"],
                    rag_change_reason=cleaned.get("rag_change_reason", ""),
                    percent_complete=cleaned.get("percent_complete"),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ActionForm(VersionedForm):
    """An action's details as the manager sets them: its fields, their labels and their
    error wording come from the one declaration (actions.fields), in its order."""

    def __init__(self, *args, partnership_id: int, action: Action | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for field in action_fields.form_fields():
            self.fields[field.name] = field.form_field()
        self.action = action
        agencies = Agency.objects.for_partnership(partnership_id)
        self.fields["lead_agency"].queryset = agencies
        self.fields["supporting_agencies"].queryset = agencies
        # Only people who can then update the action may lead it.
        self.fields["lead_officer"].queryset = User.objects.for_partnership(partnership_id).filter(
            is_active=True, role__in=LEAD_OFFICER_ROLES
        )
        if action is None:
            del self.fields["target_date_change_reason"]

    def clean(self):
        cleaned = super().clean()
        start, target = cleaned.get("start_date"), cleaned.get("target_date")
        if start and target and target < start:
            self.add_error("target_date", "The target date must be on or after the start date")
        if self.action is not None:  # action_edit's rule and words, with the other errors
            try:
                services.target_date_change_check(
                    action=self.action,
                    target_date=cleaned.get("target_date"),
                    target_date_change_reason=cleaned.get("target_date_change_reason", ""),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class ClosureProposalForm(VersionedForm, EvidenceFields):
    evidence_of_impact = forms.CharField(
        label="What evidence shows the action has achieved its aim?",
        help_text="For example, audit findings, performance data or quality assurance",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the evidence of impact"},
    )
    sustainability_plan = forms.CharField(
        label="How will the change be kept in place?",
        help_text="The sustainability plan: who checks it stays embedded, and how often",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the sustainability plan"},
    )

    field_order = ["evidence_of_impact", "sustainability_plan", "evidence_link", "evidence_file"]


class ClosureDecision(models.TextChoices):
    AGREED = "agreed", "Agreed: the action is complete"
    NOT_AGREED = "not_agreed", "Not agreed: the action goes back to its owner"


class ClosureAgreementForm(VersionedForm):
    """The partnership's decision on a closure, agreed or not agreed: the service's rules
    (not the proposer's own, the date, a reason when not agreed) in its words."""

    decision = forms.ChoiceField(
        label="Has the partnership agreed that the action is complete?",
        choices=ClosureDecision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the partnership agreed that the action is complete"
        },
    )
    agreed_on = GovUkDateField(name="date of the decision", label="Date of the decision")
    meeting = forms.ModelChoiceField(
        label="Meeting where the partnership decided",
        queryset=None,
        empty_label="Select the meeting",
        help_text="The plan's recorded meetings, the most recent first",
        error_messages={
            "required": "Select the meeting where the partnership decided",
            "invalid_choice": services.MEETING_NOT_OF_THE_PLAN,
        },
    )
    decision_reason = forms.CharField(
        label="Why has the partnership not agreed that the action is complete?",
        help_text="Needed when not agreed. The owner is e-mailed your reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, closure: Closure, user: User, meetings: QuerySet, **kwargs):
        """`meetings`: the plan's recorded meetings to choose from, the most recent first;
        closure_decision_check holds the one chosen to the date of the decision."""
        super().__init__(*args, **kwargs)
        self.closure = closure
        self.user = user
        self.fields["meeting"].queryset = meetings

    def clean(self):
        cleaned = super().clean()
        try:  # the service's rules and words, beside the fields
            services.closure_decision_check(
                closure=self.closure,
                user=self.user,
                # A reason is asked for only once "Not agreed" is chosen.
                agreed=cleaned.get("decision") != ClosureDecision.NOT_AGREED,
                decided_on=cleaned.get("agreed_on"),
                reason=cleaned.get("decision_reason", ""),
                meeting=cleaned.get("meeting"),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


class ReopenForm(VersionedForm):
    rag = forms.ChoiceField(
        label="What is the status of the action now?",
        choices=rag_choices([RAG.RED, RAG.AMBER, RAG.GREEN]),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the status the action returns to"},
    )
    reason = forms.CharField(
        label="Why is the action being reopened?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the reason"},
    )
