"""The demo's measures of impact: Lewisham's areas each with a number that shows whether the
area is changing for children, and monthly readings over the past months, so a fresh demo
shows impact moving (on track, improving, no change, worse) and one area with none yet.
Found by their natural keys before they are created, so loading twice changes nothing."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from actions.models import Finding
from impact.models import Direction, Measure, Reading, Unit
from people.models import User

# The measures were added once the plan was under way, with the baseline of that month
# (when the measure is recorded as created); the targets fall due half a year from now.
# Readings are monthly, the latest a few days ago, each entered on its own date.
BASELINE_DAYS_AGO = 240
TARGET_DAYS_AHEAD = 180
FIRST_READING_DAYS_AGO = 215
READING_EVERY_DAYS = 30


@dataclass(frozen=True)
class MeasureSeed:
    area: int
    name: str
    definition: str
    source: str
    unit: str
    direction: str
    baseline: str
    target: str
    readings: tuple[str, ...]  # monthly, oldest first
    entered_by: str


LEWISHAM_MEASURES = (
    MeasureSeed(
        1,
        "Hours children spend in police stations out of hours",
        "Average hours from charge to transfer for children held in custody between 6pm and "
        "8am, each month.",
        "Metropolitan Police custody records",
        Unit.HOURS,
        Direction.LOWER,
        "14",
        "6",
        ("13.6", "12.9", "12.1", "11.0", "10.4", "9.6", "9.1", "8.5"),
        "police.officer",
    ),
    MeasureSeed(
        2,
        "Emergency duty team posts vacant",
        "Vacant social work posts in the emergency duty team as a share of its establishment, "
        "at the month's end.",
        "Council workforce report",
        Unit.PERCENTAGE,
        Direction.LOWER,
        "28",
        "10",
        ("27.5", "28.4", "27.9", "28.6", "27.2", "28.1", "27.8", "28.3"),
        "council.officer",
    ),
    MeasureSeed(
        3,
        "Strategy meetings with health present",
        "Strategy meetings each month attended by a health professional who knows the child, "
        "as a share of all strategy meetings.",
        "MASH performance report",
        Unit.PERCENTAGE,
        Direction.HIGHER,
        "55",
        "90",
        ("56", "58", "61", "60", "63", "65", "66", "68"),
        "health.officer",
    ),
    MeasureSeed(
        5,
        "Strategy meeting invitations tracked",
        "Strategy meetings whose invitations, attendance and contributions are recorded in "
        "the tracker, as a share of all strategy meetings each month.",
        "Strategy meeting tracker",
        Unit.PERCENTAGE,
        Direction.HIGHER,
        "40",
        "95",
        ("46", "55", "61", "70", "74", "79", "83", "86"),
        "council.officer",
    ),
    MeasureSeed(
        6,
        "Pre-birth plans shared by 32 weeks of pregnancy",
        "Multi-agency pre-birth protection plans completed and shared with maternity by 32 "
        "weeks of pregnancy, as a share of all such plans.",
        "Lewisham and Greenwich Trust maternity safeguarding audit",
        Unit.PERCENTAGE,
        Direction.HIGHER,
        "48",
        "85",
        ("47", "46", "44", "45", "43", "42", "41", "40"),
        "health.officer",
    ),
    MeasureSeed(
        8,
        "Training attendees who changed their practice",
        "Attendees of multi-agency training who say, three months on, that they changed their "
        "practice because of it, as a share of those who answer the follow-up survey.",
        "LSCP training follow-up survey",
        Unit.PERCENTAGE,
        Direction.HIGHER,
        "35",
        "70",
        (),  # the first survey goes out next month: no data yet
        "manager",
    ),
)


def load_measures(*, plan, today: datetime.date) -> None:
    """The plan's measures and their readings, as LEWISHAM_MEASURES says."""
    people = {user.username: user for user in User.objects.filter(partnership=plan.partnership)}
    findings = {finding.number: finding for finding in Finding.objects.filter(plan=plan)}
    for position, seed in enumerate(LEWISHAM_MEASURES):
        finding = findings.get(seed.area)
        if finding is None:
            continue
        measure, created = Measure.objects.get_or_create(
            finding=finding,
            name=seed.name,
            defaults={
                "definition": seed.definition,
                "source": seed.source,
                "unit": seed.unit,
                "direction": seed.direction,
                "baseline_value": Decimal(seed.baseline),
                "baseline_date": today - datetime.timedelta(days=BASELINE_DAYS_AGO),
                "target_value": Decimal(seed.target),
                "target_date": today + datetime.timedelta(days=TARGET_DAYS_AHEAD),
                "position": position,
                "created_by": people["manager"],
            },
        )
        if created:
            # Recorded when the measure was added, with its baseline, not when the demo loaded.
            Measure.objects.filter(pk=measure.pk).update(created_at=_at(measure.baseline_date))
        if measure.readings.exists():
            continue  # loaded before: the dates then were of that day
        readings = Reading.objects.bulk_create(
            Reading(
                measure=measure,
                value=Decimal(value),
                date=today
                - datetime.timedelta(days=FIRST_READING_DAYS_AGO - READING_EVERY_DAYS * month),
                note="From the month's report." if month == len(seed.readings) - 1 else "",
                entered_by=people[seed.entered_by],
            )
            for month, value in enumerate(seed.readings)
        )
        for reading in readings:  # each entered on the day of its reading
            Reading.objects.filter(pk=reading.pk).update(entered_at=_at(reading.date))


def _at(date: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(10)))
