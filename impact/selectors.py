"""The queries the impact pages, the dashboard, the meeting pack and the progress report read:
each area's measures with their latest reading and status, in one query however many
readings there are (the latest comes from the index on measure and date)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from actions.models import Action, Finding, Plan
from actions.rag import RAG, is_overdue
from impact.models import Measure, Reading, Unit
from impact.status import NO_MEASURES, ImpactStatus, area_status, measure_status


def with_latest_reading(
    measures: QuerySet[Measure], *, as_of: datetime.date | None = None
) -> QuerySet[Measure]:
    """Annotates each measure with its latest reading's value and date (`latest_value`,
    `latest_date`, None when it has none), by `as_of` when given."""
    readings = Reading.objects.filter(measure=OuterRef("pk"))
    if as_of is not None:
        readings = readings.filter(date__lte=as_of)
    latest = readings.order_by("-date", "-pk")
    return measures.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_date=Subquery(latest.values("date")[:1]),
    )


def value_in_words(value: Decimal | None, unit: str) -> str:
    """A measure's value as people write it: 72.5%, 14 days, 3 hours, 120."""
    if value is None:
        return "No reading"
    number = f"{value:f}"
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    if unit == Unit.PERCENTAGE:
        return f"{number}%"
    if unit in (Unit.DAYS, Unit.HOURS):
        word = "day" if unit == Unit.DAYS else "hour"
        return f"{number} {word}{'' if number == '1' else 's'}"
    return number


@dataclass(frozen=True)
class MeasureImpact:
    measure: Measure
    status: ImpactStatus
    latest_value: Decimal | None
    latest_date: datetime.date | None

    @property
    def latest_in_words(self) -> str:
        return value_in_words(self.latest_value, self.measure.unit)

    @property
    def baseline_in_words(self) -> str:
        return value_in_words(self.measure.baseline_value, self.measure.unit)

    @property
    def target_in_words(self) -> str:
        return value_in_words(self.measure.target_value, self.measure.unit)


@dataclass
class AreaImpact:
    """An area's impact: its measures, each with its status, and the area's (its worst)."""

    measures: list[MeasureImpact] = field(default_factory=list)

    @property
    def status(self) -> ImpactStatus | None:
        return area_status(m.status for m in self.measures)

    @property
    def label(self) -> str:
        return self.status.label if self.status else NO_MEASURES

    @property
    def tag_class(self) -> str:
        return self.status.tag_class if self.status else "govuk-tag--grey"

    @property
    def is_moving(self) -> bool:
        """Whether any measure shows the change: improving, on track or target met."""
        return any(m.status.is_moving for m in self.measures)

    @property
    def counts(self) -> list[tuple[ImpactStatus, int]]:
        """How many of its measures have each status, those with none left out."""
        counted = [(s, sum(m.status == s for m in self.measures)) for s in ImpactStatus]
        return [(status, count) for status, count in counted if count]


def measure_impact(measure: Measure) -> MeasureImpact:
    """The status of a measure annotated by with_latest_reading."""
    value = getattr(measure, "latest_value", None)
    on = getattr(measure, "latest_date", None)
    return MeasureImpact(measure, measure_status(measure, value=value, on=on), value, on)


def plan_impacts(*, plan: Plan | int, as_of: datetime.date | None = None) -> dict[int, AreaImpact]:
    """Every area's impact, by its finding's id (an area without measures is missing: use
    `.get(pk, AreaImpact())`). One query."""
    measures = with_latest_reading(
        Measure.objects.filter(finding__plan=plan).select_related("action"), as_of=as_of
    ).order_by("finding_id", "position", "pk")
    impacts: dict[int, AreaImpact] = {}
    for measure in measures:
        impacts.setdefault(measure.finding_id, AreaImpact()).measures.append(
            measure_impact(measure)
        )
    return impacts


def area_impact(*, finding: Finding) -> AreaImpact:
    """One area's impact. One query."""
    measures = with_latest_reading(
        Measure.objects.filter(finding=finding).select_related("action")
    ).order_by("position", "pk")
    return AreaImpact([measure_impact(measure) for measure in measures])


@dataclass(frozen=True)
class Delivery:
    """An area's delivery: how many of its current actions have each RAG status."""

    counts: list[tuple[RAG, int]]
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    @property
    def all_complete(self) -> bool:
        """Every action delivered (closure agreed), and there is at least one."""
        return self.total > 0 and all(
            count == 0 for status, count in self.counts if status != RAG.COMPLETE
        )

    @property
    def shown(self) -> list[tuple[RAG, int]]:
        return [(status, count) for status, count in self.counts if count]


def delivery_of(actions: list[Action], *, today: datetime.date) -> Delivery:
    """The delivery of these actions (current ones: the caller leaves out the archived)."""
    counts = dict.fromkeys(RAG, 0)
    for action in actions:
        counts[RAG(action.rag)] += 1
    overdue = sum(is_overdue(a.rag, a.target_date, today) for a in actions)
    return Delivery(list(counts.items()), overdue)
