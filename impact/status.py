"""The impact of an area for improvement, apart from its delivery: whether its measures show
a difference for children, computed from each measure's baseline, target and latest reading,
never chosen by anyone. The rule is written once here (RULE_IN_WORDS); every page and
document that shows an impact status shows these words with it."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db import models

# A change smaller than this share of the change planned (baseline to target) is no change:
# a twentieth, so that the noise of a monthly figure does not read as movement.
TOLERANCE = Decimal("0.05")


class ImpactStatus(models.TextChoices):
    TARGET_MET = "target_met", "Target met"
    ON_TRACK = "on_track", "On track to target"
    IMPROVING = "improving", "Improving"
    NO_CHANGE = "no_change", "No change"
    WORSE = "worse", "Worse"
    NO_DATA = "no_data", "No data yet"

    @property
    def definition(self) -> str:
        return DEFINITIONS[self]

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self]

    @property
    def is_moving(self) -> bool:
        """Whether the measure shows the change the plan is for: improving or better."""
        return self in MOVING


DEFINITIONS = {
    ImpactStatus.TARGET_MET: "The latest reading is at or beyond the target.",
    ImpactStatus.ON_TRACK: "Better than the baseline by at least the share of the way to the "
    "target that the share of time gone from the baseline date to the target date calls for.",
    ImpactStatus.IMPROVING: "Better than the baseline, but behind the pace the target date "
    "calls for.",
    ImpactStatus.NO_CHANGE: "Within a twentieth of the planned change of the baseline, either way.",
    ImpactStatus.WORSE: "Worse than the baseline by a twentieth of the planned change or more.",
    ImpactStatus.NO_DATA: "No reading has been recorded since the baseline.",
}

TAG_CLASSES = {
    ImpactStatus.TARGET_MET: "govuk-tag--blue",
    ImpactStatus.ON_TRACK: "govuk-tag--green",
    ImpactStatus.IMPROVING: "govuk-tag--turquoise",
    ImpactStatus.NO_CHANGE: "govuk-tag--yellow",
    ImpactStatus.WORSE: "govuk-tag--red",
    ImpactStatus.NO_DATA: "govuk-tag--grey",
}

MOVING = {ImpactStatus.TARGET_MET, ImpactStatus.ON_TRACK, ImpactStatus.IMPROVING}

# An area takes its worst measure's status. No data is worse than no change: a flat line is
# at least evidence, a measure never read is none.
WORST_FIRST = [
    ImpactStatus.WORSE,
    ImpactStatus.NO_DATA,
    ImpactStatus.NO_CHANGE,
    ImpactStatus.IMPROVING,
    ImpactStatus.ON_TRACK,
    ImpactStatus.TARGET_MET,
]

NO_MEASURES = "No measures yet"

RULE_IN_WORDS = (
    "Impact is worked out from the numbers, not chosen. For each measure, the latest reading "
    "is compared with the baseline, in the direction the measure says is better (higher or "
    "lower). Progress is how far the reading has moved from the baseline towards the target, "
    "as a share of the whole way. Target met: the reading is at or beyond the target. "
    "On track to target: progress is at least the share of the time gone from the baseline "
    "date to the date of the reading, out of the time from the baseline date to the target "
    "date. Improving: better than the baseline, but behind that pace. No change: within a "
    "twentieth (5%) of the way from the baseline, either way. Worse: a twentieth or more the "
    "wrong way. No data yet: no reading recorded. An area's impact is that of its worst "
    "measure, worst first: worse, no data yet, no change, improving, on track to target, "
    "target met."
)


class MeasureFigures(Protocol):
    """What the rule reads of a measure (impact.models.Measure has all of it)."""

    direction: str
    baseline_value: Decimal
    baseline_date: datetime.date
    target_value: Decimal
    target_date: datetime.date


def progress_share(measure: MeasureFigures, value: Decimal) -> Decimal | None:
    """How far `value` has gone from the baseline towards the target, as a share of the
    whole way (0 at the baseline, 1 at the target, below 0 the wrong way). None when the
    target is no better than the baseline, so there is no way to go."""
    sign = 1 if measure.direction == "higher" else -1
    planned = (measure.target_value - measure.baseline_value) * sign
    if planned <= 0:
        return None
    return (value - measure.baseline_value) * sign / planned


def time_share(measure: MeasureFigures, on: datetime.date) -> Decimal:
    """The share of the time from the baseline date to the target date gone by `on`,
    between 0 and 1."""
    whole = (measure.target_date - measure.baseline_date).days
    if whole <= 0:
        return Decimal(1)
    gone = (on - measure.baseline_date).days
    return min(Decimal(1), max(Decimal(0), Decimal(gone) / Decimal(whole)))


def measure_status(
    measure: MeasureFigures, *, value: Decimal | None, on: datetime.date | None
) -> ImpactStatus:
    """The status of a measure whose latest reading is `value`, as at `on` (None: no
    reading). RULE_IN_WORDS says the same."""
    if value is None or on is None:
        return ImpactStatus.NO_DATA
    sign = 1 if measure.direction == "higher" else -1
    if (value - measure.target_value) * sign >= 0:
        return ImpactStatus.TARGET_MET
    progress = progress_share(measure, value)
    if progress is None:
        # A target no better than the baseline, not met: the reading is worse than both.
        return ImpactStatus.WORSE
    if progress <= -TOLERANCE:
        return ImpactStatus.WORSE
    if progress < TOLERANCE:
        return ImpactStatus.NO_CHANGE
    if progress >= time_share(measure, on):
        return ImpactStatus.ON_TRACK
    return ImpactStatus.IMPROVING


def area_status(statuses: Iterable[ImpactStatus]) -> ImpactStatus | None:
    """An area's impact: its worst measure's status. None for an area with no measures."""
    statuses = set(statuses)
    return next((status for status in WORST_FIRST if status in statuses), None)


@dataclass(frozen=True)
class StatusKey:
    """One row of the key the pages show under the rule."""

    status: ImpactStatus
    definition: str


def status_key() -> list[StatusKey]:
    return [StatusKey(status, status.definition) for status in reversed(WORST_FIRST)]
