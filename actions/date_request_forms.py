"""The forms of a new target date: asking for it, and deciding it. Each runs the service's
own check (actions.date_requests), so its words show beside the field they are about."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from actions import date_requests
from actions.models import Action, TargetDateRequest
from govuk.forms import GovUkDateField
from partnerships.versioning import VersionedForm
from people.models import User


def _add_unless_said(form: forms.Form, error: ValidationError) -> None:
    """The service's errors on the form, less those a field has already given in the same
    words (a reason left empty is the field's own "required")."""
    if hasattr(error, "error_dict"):
        error = ValidationError(
            {field: e for field, e in error.error_dict.items() if field not in form.errors}
        )
        if not error.error_dict:
            return
    form.add_error(None, error)


class DateRequestForm(VersionedForm):
    proposed_date = GovUkDateField(
        name="new target date",
        label="New target date",
        help_text="For example, 27 3 2027",
    )
    reason = forms.CharField(
        label="Why must the target date move?",
        help_text="Say what has held the action up and what will be done by the new date. "
        "The manager or an executive member reads this to decide",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why the target date must move"},
    )

    def __init__(self, *args, action: Action, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self):
        cleaned = super().clean()
        try:
            date_requests.date_request_check(
                action=self.action,
                proposed_date=cleaned.get("proposed_date"),
                reason=cleaned.get("reason", ""),
            )
        except ValidationError as error:
            _add_unless_said(self, error)
        return cleaned


class DateDecision(models.TextChoices):
    APPROVED = "approved", "Approve: the target date moves to the new date"
    REFUSED = "refused", "Refuse: the target date stays as it is"


class DateDecisionForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Do you approve the new target date?",
        choices=DateDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve or refuse the new target date"},
    )
    decision_comment = forms.CharField(
        label="Comment",
        help_text="Needed when you refuse: say why. The owner is e-mailed what you write",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, date_request: TargetDateRequest, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.date_request = date_request
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if "decision" in cleaned:
            try:
                date_requests.date_request_decision_check(
                    date_request=self.date_request,
                    user=self.user,
                    approved=cleaned["decision"] == DateDecision.APPROVED,
                    comment=cleaned.get("decision_comment", ""),
                )
            except ValidationError as error:
                _add_unless_said(self, error)
        return cleaned
