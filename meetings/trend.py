"""The RAG trend across meetings as a server-drawn SVG: no JavaScript, so it prints in the
meeting pack too. Each bar segment is labelled with its count and the legend names every
colour, so the chart never relies on colour alone; a data table carries the same figures."""

import datetime
from dataclasses import dataclass

from actions.rag import RAG

# Fill colours match the GOV.UK tag colours the pages use for each status.
FILLS = {
    RAG.NOT_STARTED: "#cecfd0",
    RAG.RED: "#e8a79b",
    RAG.AMBER: "#f5b78f",
    RAG.GREEN: "#8fc5ab",
    RAG.COMPLETE: "#8eb8dc",
}
# Worst at the bottom of each bar, where the eye starts.
STACK_ORDER = [RAG.RED, RAG.AMBER, RAG.GREEN, RAG.NOT_STARTED, RAG.COMPLETE]

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 44, 150, 16, 44


@dataclass(frozen=True)
class TrendPoint:
    """The plan's RAG counts at one meeting, or today: the chart's last bar is the plan as
    it stands now, so the executive sees where it has gone since they last met."""

    date: datetime.date
    counts: dict[RAG, int]
    label: str
    today: bool = False

    @property
    def bar_label(self) -> str:
        return "Today" if self.today else f"{self.date:%-d %b %Y}"


@dataclass(frozen=True)
class Segment:
    status: RAG
    count: int
    x: float
    y: float
    width: float
    height: float
    fill: str

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2

    @property
    def label_y(self) -> float:
        return self.y + self.height / 2 + 4


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    segments: list[Segment]
    label_x: float


@dataclass(frozen=True)
class TrendChart:
    width: int
    height: int
    bars: list[Bar]
    axis_y: float
    axis_ticks: list[tuple[int, float]]
    legend: list[tuple[RAG, str, float]]
    description: str


def trend_chart(trend: list[TrendPoint]) -> TrendChart | None:
    """`trend` is oldest first, as meetings.services.rag_trend, with today's point last."""
    if not trend:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    biggest = max(sum(point.counts.values()) for point in trend) or 1
    slot = plot_width / len(trend)
    bar_width = min(60, slot * 0.6)
    bars = []
    for index, point in enumerate(trend):
        counts = point.counts
        x = LEFT + index * slot + (slot - bar_width) / 2
        y = TOP + plot_height
        segments = []
        for status in STACK_ORDER:
            count = counts.get(status, 0)
            if not count:
                continue
            height = plot_height * count / biggest
            y -= height
            segments.append(Segment(status, count, x, y, bar_width, height, FILLS[status]))
        bars.append(Bar(point.bar_label, sum(counts.values()), segments, x + bar_width / 2))
    ticks = sorted({0, biggest // 2, biggest})
    axis_ticks = [(tick, TOP + plot_height - plot_height * tick / biggest) for tick in ticks]
    legend = [
        (status, FILLS[status], TOP + 18 * position)
        for position, status in enumerate(reversed(STACK_ORDER))
    ]
    return TrendChart(
        WIDTH,
        HEIGHT,
        bars,
        TOP + plot_height,
        axis_ticks,
        legend,
        _describe(trend),
    )


def _describe(trend) -> str:
    """The chart in words, for people who cannot see it."""
    first, last = trend[0], trend[-1]

    def summary(counts):
        return ", ".join(f"{counts.get(status, 0)} {status.label}" for status in STACK_ORDER)

    def when(point: TrendPoint) -> str:
        return f"today, {point.date:%-d %B %Y}" if point.today else f"{point.date:%-d %B %Y}"

    meetings = len([point for point in trend if not point.today])
    if len(trend) == 1:
        return f"On {when(first)}: {summary(first.counts)}."
    return (
        f"RAG status of the plan's actions at {meetings} meeting{'s' if meetings != 1 else ''}"
        f"{' and today' if last.today else ''}. "
        f"On {when(first)}: {summary(first.counts)}. "
        f"On {when(last)}: {summary(last.counts)}."
    )
