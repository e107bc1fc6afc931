"""Working days in England and Wales: weekends and bank holidays skipped."""

import datetime
from functools import cache

import holidays


@cache
def _bank_holidays():
    # England's calendar also holds Wales's bank holidays; the object grows its years on demand.
    return holidays.country_holidays("GB", subdiv="ENG")


def working_days_from(day: datetime.date, count: int) -> datetime.date:
    """The working day `count` working days after `day` (before it when negative)."""
    return _bank_holidays().get_nth_working_day(day, count)


def is_working_day(day: datetime.date) -> bool:
    return _bank_holidays().is_working_day(day)
