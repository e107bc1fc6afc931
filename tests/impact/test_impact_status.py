"""The impact status of a measure, worked out from its baseline, target and latest reading,
against figures worked by hand. Higher is better: contacts decided within 24 hours, 60% on
1 April 2025 to 90% by 1 April 2026 (a planned change of 30 points over 365 days, so a
twentieth is 1.5 points). Lower is better: hours children wait in police custody out of
hours, 20 on 1 April 2025 to 8 by 1 April 2026 (12 hours; a twentieth is 0.6)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from impact.selectors import plan_impacts
from impact.status import RULE_IN_WORDS, ImpactStatus, area_status, measure_status
from tests.impact.factories import MeasureFactory, ReadingFactory

S = ImpactStatus
# 183 of 365 days gone: a reading then is on track at 50.14% of the way or more.
HALF_WAY = datetime.date(2025, 10, 1)


@dataclass
class Figures:
    direction: str
    baseline_value: Decimal
    target_value: Decimal
    baseline_date: datetime.date = datetime.date(2025, 4, 1)
    target_date: datetime.date = datetime.date(2026, 4, 1)


CONTACTS = Figures("higher", Decimal(60), Decimal(90))
CUSTODY = Figures("lower", Decimal(20), Decimal(8))


def status(measure, value, on=HALF_WAY):
    return measure_status(measure, value=Decimal(value), on=on)


def test_a_measure_without_a_reading_has_no_data_yet():
    assert measure_status(CONTACTS, value=None, on=None) == S.NO_DATA


@pytest.mark.parametrize("value", ["90", "95"])
def test_a_reading_at_or_beyond_the_target_has_met_it(value):
    assert status(CONTACTS, value) == S.TARGET_MET


def test_progress_ahead_of_the_time_gone_is_on_track():
    # 76%: 16 of 30 points (53.3%) with 183 of 365 days (50.1%) gone.
    assert status(CONTACTS, "76") == S.ON_TRACK


def test_progress_behind_the_time_gone_is_improving():
    # 75%: 15 of 30 points (50.0%), just behind the 50.1% of the time gone.
    assert status(CONTACTS, "75") == S.IMPROVING


def test_progress_exactly_at_the_time_gone_is_on_track():
    measure = Figures(
        "higher",
        Decimal(60),
        Decimal(90),
        datetime.date(2025, 1, 1),
        datetime.date(2025, 1, 1) + datetime.timedelta(days=100),
    )
    day_40 = datetime.date(2025, 1, 1) + datetime.timedelta(days=40)
    assert status(measure, "72", on=day_40) == S.ON_TRACK  # 12 of 30 = 40% at 40% of the time
    assert status(measure, "71.9", on=day_40) == S.IMPROVING


@pytest.mark.parametrize("value", ["61.4", "60", "58.6"])
def test_a_change_within_a_twentieth_of_the_planned_change_is_no_change(value):
    assert status(CONTACTS, value) == S.NO_CHANGE


def test_a_twentieth_better_is_moving_and_a_twentieth_worse_is_worse():
    assert status(CONTACTS, "61.5") == S.IMPROVING  # 5% of the way, behind the 50% of time
    assert status(CONTACTS, "58.5") == S.WORSE
    assert status(CONTACTS, "55") == S.WORSE


def test_past_the_target_date_without_the_target_it_is_improving_not_on_track():
    assert status(CONTACTS, "85", on=datetime.date(2026, 6, 1)) == S.IMPROVING


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ("8", S.TARGET_MET),
        ("7", S.TARGET_MET),
        ("13", S.ON_TRACK),  # 7 of 12 hours down (58.3%), 50.1% of the time gone
        ("15", S.IMPROVING),  # 5 of 12 (41.7%)
        ("19.5", S.NO_CHANGE),  # 0.5 of 12 (4.2%), inside the 0.6 hours of no change
        ("20.5", S.NO_CHANGE),
        ("20.6", S.WORSE),  # 0.6 hours the wrong way: a twentieth
        ("21", S.WORSE),
    ],
)
def test_lower_is_better_reads_the_same_rule_the_other_way(hours, expected):
    assert status(CUSTODY, hours) == expected


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([S.ON_TRACK, S.NO_DATA], S.NO_DATA),
        ([S.IMPROVING, S.NO_CHANGE], S.NO_CHANGE),
        ([S.TARGET_MET, S.WORSE, S.NO_DATA], S.WORSE),
        ([S.TARGET_MET, S.ON_TRACK], S.ON_TRACK),
        ([S.TARGET_MET], S.TARGET_MET),
        ([], None),
    ],
)
def test_an_area_takes_its_worst_measures_status(statuses, expected):
    assert area_status(statuses) == expected


def test_the_rule_in_words_names_every_status():
    for choice in ImpactStatus:
        assert choice.label.lower() in RULE_IN_WORDS.lower()


@pytest.mark.django_db
def test_the_latest_reading_by_date_decides_whatever_order_they_were_entered():
    measure = MeasureFactory()
    ReadingFactory(measure=measure, date=HALF_WAY, value=Decimal(76))
    ReadingFactory(measure=measure, date=datetime.date(2025, 6, 1), value=Decimal(50))
    impact = plan_impacts(plan=measure.finding.plan)[measure.finding_id]
    assert impact.measures[0].latest_value == Decimal(76)
    assert impact.status == S.ON_TRACK
    # As at a date before the later reading, the earlier one decides: worse.
    earlier = plan_impacts(plan=measure.finding.plan, as_of=datetime.date(2025, 7, 1))
    assert earlier[measure.finding_id].status == S.WORSE
