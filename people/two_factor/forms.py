"""The forms that ask for a two-factor code, and the partnership's two-factor setting."""

from django import forms

from partnerships.versioning import VersionedForm
from people import partnership_settings, two_factor

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


def _figure_field(
    *, label: str, help_text: str, what: str, example: int, lowest: int, highest: int
) -> forms.IntegerField:
    """A whole number the partnership sets, with its bounds worded in its own name."""
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=False,
        min_value=lowest,
        max_value=highest,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "invalid": f"{what} must be a whole number, like {example}",
            "min_value": f"{what} must be {lowest} or more",
            "max_value": f"{what} must be {highest} or less",
        },
    )


class PartnershipSecurityForm(VersionedForm):
    two_factor_required = forms.BooleanField(
        label="Require two-factor authentication for managers and executive members",
        help_text="They will need a code from an authenticator app on their phone as well as "
        "their password. Anyone who has not set it up will be asked to straight away, "
        "and can use nothing else in the service until they have.",
        required=False,
    )

    # The suggested RAG's figures (people.partnership_settings).
    on_track_percent = _figure_field(
        label="On track at or above (per cent of the progress due by now)",
        help_text="An action whose owner reports at least this share of the progress due "
        "by now is suggested Green. For example, 90",
        what="The on-track figure",
        example=90,
        lowest=1,
        highest=100,
    )
    off_track_percent = _figure_field(
        label="Off track below (per cent of the progress due by now)",
        help_text="Less than this is suggested Red; between the two figures, Amber. "
        "For example, 70",
        what="The off-track figure",
        example=70,
        lowest=0,
        highest=99,
    )
    update_interval_days = _figure_field(
        label="Days without an update before an action is flagged not updated",
        help_text="For example, 62: about two months, for an executive that meets every two months",
        what="The number of days",
        example=62,
        lowest=1,
        highest=366,
    )
    SUGGESTION_REQUIRED = {
        "on_track_percent": "Enter the on-track figure, like 90",
        "off_track_percent": "Enter the off-track figure, like 70",
        "update_interval_days": "Enter the number of days, like 62",
    }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _suggestion_figure(self, name):
        value = self.cleaned_data[name]
        if value is None:
            # A post without the field at all (a page opened before these figures were on
            # it) leaves the figure as it is; one with the field left empty is asked again.
            if name not in self.data:
                return self.initial.get(name)
            raise forms.ValidationError(self.SUGGESTION_REQUIRED[name])
        return value

    def clean_on_track_percent(self):
        return self._suggestion_figure("on_track_percent")

    def clean_off_track_percent(self):
        return self._suggestion_figure("off_track_percent")

    def clean_update_interval_days(self):
        return self._suggestion_figure("update_interval_days")

    def clean(self):
        cleaned = super().clean()
        on_track, off_track = cleaned.get("on_track_percent"), cleaned.get("off_track_percent")
        if on_track is not None and off_track is not None:
            try:  # the service's rule and words, beside the field
                partnership_settings.suggestion_settings_check(
                    on_track_percent=on_track, off_track_percent=off_track
                )
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned

    def clean_two_factor_required(self):
        required = self.cleaned_data["two_factor_required"]
        # Otherwise the manager's next page would be the set-up page, not this one.
        if required and not two_factor.has_two_factor(self.user):
            raise forms.ValidationError(
                "Turn on two-factor authentication for yourself before you require it of others"
            )
        return required
