"""The forms that ask for a two-factor code, and the partnership's two-factor setting."""

from django import forms

from partnerships.versioning import VersionedForm
from people import two_factor

CODE_REQUIRED = "Enter the code from your authenticator app"
WRONG_CODE = (
    "The code is not correct. Enter the code your authenticator app shows now, or a backup code"
)
CODE_TOO_SOON = (
    "You entered a wrong code a moment ago. Wait a few seconds, then enter the code again"
)


def code_input(*, numeric: bool) -> forms.TextInput:
    attrs = {
        "class": "govuk-input--width-10 govuk-input--extra-letter-spacing",
        "autocomplete": "one-time-code",
        "spellcheck": "false",
        "autocapitalize": "none",
    }
    if numeric:
        # Only where no backup code (which has letters) can be typed: a numeric keyboard
        # would stop people typing one.
        attrs["inputmode"] = "numeric"
    return forms.TextInput(attrs=attrs)


class SetUpCodeForm(forms.Form):
    """The first code from a newly added app proves the app was set up correctly."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows for JTAI action plans",
        max_length=20,
        widget=code_input(numeric=True),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = two_factor.normalise_code(self.cleaned_data["code"])
        if not two_factor.TOTP_CODE.match(code):
            raise forms.ValidationError("The code must be 6 numbers, like 123456")
        allowed, _ = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                "You entered a wrong code a moment ago. Wait a few seconds, then enter the "
                "code your app shows now"
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "The code is not correct. Check the time on your phone is set automatically, "
                "then enter the code your app shows now"
            )
        return code


class CodeForm(forms.Form):
    """A code from the person's authenticator app or one of their backup codes."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code your app shows now. If you do not have your phone, "
        "enter one of your backup codes instead.",
        max_length=40,
        widget=code_input(numeric=False),
        error_messages={"required": CODE_REQUIRED},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_code(self):
        code = self.cleaned_data["code"]
        try:
            self.device = two_factor.verify_code(user=self.user, code=code)
        except two_factor.CodeTooSoon:
            raise forms.ValidationError(CODE_TOO_SOON, code="too_soon") from None
        if self.device is None:
            raise forms.ValidationError(WRONG_CODE)
        return code

    @property
    def too_soon(self) -> bool:
        """Refused only because a wrong code came a moment before: not a wrong code itself."""
        return self.has_error("code", code="too_soon")


class PartnershipSecurityForm(VersionedForm):
    two_factor_required = forms.BooleanField(
        label="Require two-factor authentication for managers and executive members",
        help_text="They will need a code from an authenticator app on their phone as well as "
        "their password. Anyone who has not set it up will be asked to straight away, "
        "and can use nothing else in the service until they have.",
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_two_factor_required(self):
        required = self.cleaned_data["two_factor_required"]
        # Otherwise the manager's next page would be the set-up page, not this one.
        if required and not two_factor.has_two_factor(self.user):
            raise forms.ValidationError(
                "Turn on two-factor authentication for yourself before you require it of others"
            )
        return required
