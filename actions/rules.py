"""Rules that more than one service applies, each stated once with its words.

A service raises the error keyed by its field, and the page shows it on that field
(`form.add_error(None, error)`), so a form never checks the rule again in other words.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone


def date_not_in_future(value: datetime.date, *, field: str, what: str) -> None:
    """A date something happened on (a meeting held, a closure agreed, a statement sent)
    cannot be later than today. `what` names the date in the sentence: "The meeting date"."""
    if value > timezone.localdate():
        raise ValidationError({field: f"{what} must be today or in the past"})
