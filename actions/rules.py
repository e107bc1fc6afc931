"""Rules that more than one service applies, each stated once with its words.

A service raises the error keyed by its field, and the page shows it on that field
(`form.add_error(None, error)`), so a form never checks the rule again in other words.
"""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone


def date_not_in_future(value: datetime.date, *, field: str, what: str) -> None:
    """A date something happened on (a meeting held, a closure agreed, a statement sent)
    cannot be later than today. `what` names the date in the sentence: "The meeting date"."""
    if value > timezone.localdate():
        raise ValidationError({field: f"{what} must be today or in the past"})


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day where it has no such day
    (31 August + 6 months is 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def sustainability_review_due(agreed_on: datetime.date, *, months: int) -> datetime.date:
    """When the owner checks that a closed action's change held: `months` after the
    closure was agreed (the partnership's Partnership.sustainability_review_months)."""
    return months_after(agreed_on, months)
