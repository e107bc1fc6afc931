"""Forms for signing in, passwords and a partnership's people, with GOV.UK wording."""

import logging

from crispy_forms_gds.choices import Choice
from django import forms
from django.contrib.auth import forms as auth_forms
from django.template.loader import render_to_string

from audit.trail import client_address
from notifications.emails import email_send, email_to_address
from partnerships.models import Agency
from partnerships.versioning import VersionedForm
from people import sign_in_limits
from people.models import ROLE_DESCRIPTIONS, Role, User

logger = logging.getLogger(__name__)


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form with GOV.UK wording. People type their username or their
    e-mail address (people.backends)."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username or e-mail address, and password. The "
        "password is case-sensitive.",
        "inactive": "This account has been deactivated. Ask your partnership manager.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username or e-mail address"
        self.fields["username"].error_messages["required"] = "Enter your username or e-mail address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["username"].widget.attrs["spellcheck"] = "false"
        # GOV.UK pages do not move focus on load: it would skip the skip link.
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["password"].widget = forms.PasswordInput(
            attrs={"autocomplete": "current-password"}
        )


NEW_PASSWORD_HINT = (
    "At least 12 characters. A few random words together make a strong password that is "
    "easy to remember."
)


class GovUkNewPassword:
    """Django's new-password pair, labelled and worded for GOV.UK pages, with the rules'
    messages on the new password itself rather than on its confirmation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, first.help_text = "New password", NEW_PASSWORD_HINT
        second.label, second.help_text = "Confirm new password", ""
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Confirm your new password"
        self.error_messages["password_mismatch"] = "The passwords do not match"
        for field in (first, second):
            field.widget.attrs.pop("autofocus", None)

    def validate_password_for_user(self, user, password_field_name="new_password1"):
        return super().validate_password_for_user(user, password_field_name="new_password1")


class SetPasswordForm(GovUkNewPassword, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(GovUkNewPassword, auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.error_messages["password_incorrect"] = "Your current password is not right"


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Through the service's one sending function. Like Django's own, a failure is
        logged rather than shown, so the page never says whether the address exists."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        message = email_to_address(
            to_email,
            subject=subject,
            template=email_template_name.removesuffix(".txt"),
            context=context,
        )
        try:
            email_send(message)
        except Exception:
            logger.exception("Failed to send the password reset e-mail to %s", context["user"].pk)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.fields["email"].help_text = "The address your partnership manager gave the service"
        self.fields["email"].widget.attrs["class"] = "govuk-input"
        self.fields["email"].widget.attrs["spellcheck"] = "false"
        self.fields["email"].error_messages.update(
            required="Enter your e-mail address",
            invalid="Enter an e-mail address in the correct format, like name@example.org",
        )

    def save(self, request=None, **options) -> None:
        """E-mails a link to the person with this address, unless this client address or
        this e-mail address has asked too often in the last hour (people.sign_in_limits).
        The page after says the same whatever happened."""
        email = self.cleaned_data["email"]
        refusal = sign_in_limits.password_reset_refusal(
            email=email, address=client_address(request)
        )
        sent_to = [] if refusal else list(self.get_users(email))
        if sent_to:
            super().save(request=request, **options)
        sign_in_limits.password_reset_asked(
            email=email, address=client_address(request), sent_to=sent_to, refusal=refusal
        )


def role_choices() -> list[Choice]:
    return [Choice(role.value, role.label, hint=ROLE_DESCRIPTIONS[role]) for role in Role]


class PersonForm(forms.ModelForm):
    """What a manager sets about a person of their partnership. Never staff or superuser:
    those fields are not on the form, so no post can set them."""

    role = forms.ChoiceField(
        label="Role",
        choices=role_choices(),
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "job_title", "agency", "role"]
        labels = {"email": "E-mail address", "job_title": "Job title (optional)"}
        error_messages = {
            "first_name": {"required": "Enter the person's first name"},
            "last_name": {"required": "Enter the person's last name"},
            "email": {
                "required": "Enter the person's e-mail address",
                "invalid": "Enter an e-mail address in the correct format, like name@example.org",
            },
            "agency": {"required": "Select the person's agency"},
        }
        widgets = {"email": forms.EmailInput(attrs={"class": "govuk-input", "spellcheck": "false"})}

    def __init__(self, *args, partnership_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.partnership_id = partnership_id  # for the model's agency check
        for name in ("first_name", "last_name", "email", "agency"):
            self.fields[name].required = True
        self.fields["agency"].queryset = Agency.objects.for_partnership(partnership_id)
        self.fields["agency"].empty_label = "Choose an agency"

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("Someone already uses this e-mail address")
        return email


class InviteForm(PersonForm):
    class Meta(PersonForm.Meta):
        fields = ["first_name", "last_name", "email", "username", *PersonForm.Meta.fields[3:]]
        help_texts = {
            "username": "What they will sign in with, for example jo.bloggs. They can also "
            "sign in with their e-mail address.",
            "email": "We will send the invitation here",
        }
        error_messages = {
            **PersonForm.Meta.error_messages,
            "username": {
                "required": "Enter a username",
                "unique": "That username is taken: choose another",
                "invalid": "A username can only have letters, numbers and . @ + - _",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(spellcheck="false", autocomplete="off")
        self.fields["username"].max_length = 150

    def clean_username(self):
        # Usernames differing only in case would be two accounts people cannot tell apart.
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken: choose another")
        return username


class PersonEditForm(VersionedForm, PersonForm):
    """Changing someone already in the partnership: refused if another manager saved them
    after this page was opened (partnerships.versioning)."""
