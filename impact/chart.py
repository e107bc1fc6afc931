"""A measure's readings as a small server-drawn SVG, as the RAG trend is (meetings/trend.py):
no JavaScript, so it prints in the documents too. The baseline and the target are lines
with their words and values on them, each reading a point with its value, and the chart has
a title and a description in words; templates/impact/_measure_chart.html puts the same
figures in a table beside it, so nothing depends on seeing the line."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from impact.models import Measure, Reading, Unit
from impact.selectors import MeasureImpact, value_in_words

WIDTH, HEIGHT = 560, 240
# Room on the left for the longest axis label ("16.4 hours").
LEFT, RIGHT, TOP, BOTTOM = 80, 130, 16, 36
# Past this many readings only the first and the last carry their value on the chart; the
# table beside it has them all.
LABELLED = 12


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    date: datetime.date
    labelled: bool


@dataclass(frozen=True)
class Guide:
    """The baseline or the target: a line across the chart with its words at the end."""

    y: float
    label: str
    dash: str


@dataclass(frozen=True)
class MeasureChart:
    width: int
    height: int
    title: str
    description: str
    points: list[Point]
    path: str
    baseline: Guide
    target: Guide
    target_point: tuple[float, float]
    axis_y: float
    plot_right: float
    ticks: list[tuple[str, float]]
    dates: list[tuple[str, float]]


def _span(values: list[Decimal], unit: str) -> tuple[Decimal, Decimal]:
    low, high = min(values), max(values)
    pad = (high - low) / 10 or Decimal(1)
    low, high = low - pad, high + pad
    low = max(low, Decimal(0))
    if unit == Unit.PERCENTAGE:
        high = min(high, Decimal(100))
    return low, high


def measure_chart(impact: MeasureImpact, readings: list[Reading]) -> MeasureChart:
    """`readings` oldest first."""
    measure: Measure = impact.measure
    unit = measure.unit
    plot_right = WIDTH - RIGHT
    plot_bottom = HEIGHT - BOTTOM
    values = [measure.baseline_value, measure.target_value, *(r.value for r in readings)]
    low, high = _span(values, unit)
    dates = [measure.baseline_date, measure.target_date, *(r.date for r in readings)]
    first, last = min(dates), max(dates)
    days = (last - first).days or 1

    def x(day: datetime.date) -> float:
        return LEFT + (plot_right - LEFT) * (day - first).days / days

    def y(value: Decimal) -> float:
        return plot_bottom - (plot_bottom - TOP) * float((value - low) / (high - low))

    labelled = len(readings) <= LABELLED
    points = [
        Point(
            x(r.date),
            y(r.value),
            value_in_words(r.value, unit),
            r.date,
            labelled or index in (0, len(readings) - 1),
        )
        for index, r in enumerate(readings)
    ]
    # The line starts at the baseline, where the measure stood before the plan.
    line = [(x(measure.baseline_date), y(measure.baseline_value))] + [(p.x, p.y) for p in points]
    path = " ".join(
        f"{'M' if index == 0 else 'L'}{px:.1f},{py:.1f}" for index, (px, py) in enumerate(line)
    )
    middle = (low + high) / 2
    ticks = [
        (value_in_words(value.quantize(Decimal("0.1")), unit), y(value))
        for value in (low, middle, high)
    ]
    return MeasureChart(
        width=WIDTH,
        height=HEIGHT,
        title=f"{measure.name}: readings against the baseline and the target",
        description=describe(impact, readings),
        points=points,
        path=path,
        baseline=Guide(
            y(measure.baseline_value),
            f"Baseline {value_in_words(measure.baseline_value, unit)}",
            "2 3",
        ),
        target=Guide(
            y(measure.target_value),
            f"Target {value_in_words(measure.target_value, unit)}",
            "6 3",
        ),
        target_point=(x(measure.target_date), y(measure.target_value)),
        axis_y=plot_bottom,
        plot_right=plot_right,
        ticks=ticks,
        dates=[(f"{day:%b %Y}", x(day)) for day in sorted({first, last})],
    )


def describe(impact: MeasureImpact, readings: list[Reading]) -> str:
    """The chart in words, for people who cannot see it."""
    measure = impact.measure
    unit = measure.unit
    words = [
        f"{measure.get_direction_display()}.",
        f"Baseline {value_in_words(measure.baseline_value, unit)} on "
        f"{measure.baseline_date:%-d %B %Y}; target {value_in_words(measure.target_value, unit)} "
        f"by {measure.target_date:%-d %B %Y}.",
    ]
    if not readings:
        words.append("No readings yet.")
    else:
        count = len(readings)
        words.append(
            f"{count} reading{'' if count == 1 else 's'} from {readings[0].date:%-d %B %Y} "
            f"({value_in_words(readings[0].value, unit)}) to {readings[-1].date:%-d %B %Y} "
            f"({value_in_words(readings[-1].value, unit)})."
        )
    words.append(f"Impact: {impact.status.label}.")
    return " ".join(words)
