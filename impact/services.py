"""Adding and changing an area's measures of impact, and recording their readings. Each is
one transaction, checks who may do it, validates the record and writes the audit trail."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from actions.models import Action, Finding
from actions.rules import date_not_in_future
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from impact.models import Measure, Reading
from impact.reviews import reopen_if_measure_slipped
from impact.selectors import value_in_words
from people import permissions
from people.models import User

# The fields of a measure a manager sets, in the order its form asks for them.
MEASURE_FIELDS = (
    "name",
    "definition",
    "source",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "action",
)


def _check_measure(measure: Measure) -> None:
    errors = {}
    if measure.action_id is not None and (
        measure.action is None or measure.action.finding_id != measure.finding_id
    ):
        errors["action"] = "Choose an action of this area for improvement"
    if measure.target_date <= measure.baseline_date:
        errors["target_date"] = "The target date must be after the baseline date"
    # A reading is 0 or more, a percentage at most 100 (reading_record): so are these.
    for field, value, what in (
        ("baseline_value", measure.baseline_value, "baseline"),
        ("target_value", measure.target_value, "target"),
    ):
        if value < 0:
            errors[field] = f"The {what} must be 0 or more"
        elif measure.unit == "percentage" and value > 100:
            errors[field] = f"A percentage {what} must be 100 or less"
    sign = 1 if measure.direction == "higher" else -1
    if "target_value" not in errors and (measure.target_value - measure.baseline_value) * sign <= 0:
        better = "higher" if sign == 1 else "lower"
        errors["target_value"] = (
            f"The target must be {better} than the baseline, as {better} is better for this measure"
        )
    if errors:
        raise ValidationError(errors)


def _area_name(finding: Finding) -> str:
    return f"area for improvement {finding.number} of {plan_trail_name(finding.plan)}"


@transaction.atomic
def measure_add(
    *,
    finding: Finding,
    user: User,
    name: str,
    definition: str,
    source: str,
    unit: str,
    direction: str,
    baseline_value: Decimal,
    baseline_date: datetime.date,
    target_value: Decimal,
    target_date: datetime.date,
    action: Action | None = None,
    address: str | None = None,
) -> Measure:
    """Adds a measure to an area for improvement: the number that will show whether the
    area changes for children, with where it started and where the partnership aims it."""
    if not permissions.can_manage_measures(user, finding.plan):
        raise PermissionDenied
    last = Measure.objects.filter(finding=finding).order_by("-position").first()
    measure = Measure(
        finding=finding,
        action=action,
        name=name.strip(),
        definition=definition.strip(),
        source=source.strip(),
        unit=unit,
        direction=direction,
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        target_value=target_value,
        target_date=target_date,
        position=(last.position + 1) if last else 0,
        created_by=user,
    )
    measure.full_clean()
    _check_measure(measure)
    measure.save()
    record(
        EventKind.MEASURE_ADDED,
        user=user,
        address=address,
        partnership_id=finding.plan.partnership_id,
        detail=f"Added measure ‘{measure.name}’ to {_area_name(finding)}",
    )
    return measure


@transaction.atomic
def measure_change(
    *,
    measure: Measure,
    user: User,
    changes: dict[str, object],
    address: str | None = None,
) -> Measure:
    """Changes what a measure counts, its baseline or its target. Its readings stay: the
    status is worked out again from them against the new baseline and target, and the
    audit trail names what changed. (A measure has no version column, so two managers
    editing one measure at once are not told of each other: the second save wins.)"""
    if not permissions.can_manage_measures(user, measure.finding.plan):
        raise PermissionDenied
    unknown = set(changes) - set(MEASURE_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a measure: {', '.join(sorted(unknown))}")
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    changed: list[str] = []
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(measure, name) != value:
            setattr(measure, name, value)
            changed.append(str(getattr(Measure._meta.get_field(name), "verbose_name", name)))
    if not changed:
        return measure
    measure.full_clean()
    _check_measure(measure)
    measure.save()
    record(
        EventKind.MEASURE_CHANGED,
        user=user,
        address=address,
        partnership_id=measure.finding.plan.partnership_id,
        detail=f"Changed measure ‘{measure.name}’ of {_area_name(measure.finding)}: "
        + ", ".join(changed),
    )
    return measure


@transaction.atomic
def reading_record(
    *,
    measure: Measure,
    user: User,
    value: Decimal,
    date: datetime.date,
    note: str = "",
    address: str | None = None,
) -> Reading:
    """Records a measure's value as at a date, with a note of what lies behind it. One
    reading a day: a second for a date already read is refused, naming the first."""
    if not permissions.can_record_reading(user, measure):
        raise PermissionDenied
    date_not_in_future(date, field="date", what="The date of the reading")
    if date < measure.baseline_date:
        raise ValidationError(
            {
                "date": "The date of the reading must be on or after the baseline date, "
                f"{measure.baseline_date:%-d %B %Y}"
            }
        )
    if value < 0:
        raise ValidationError({"value": "The reading must be 0 or more"})
    if measure.unit == "percentage" and value > 100:
        raise ValidationError({"value": "A percentage must be 100 or less"})
    already = Reading.objects.filter(measure=measure, date=date).first()
    if already is not None:
        raise ValidationError({"date": _already_read(measure, already)})
    reading = Reading(measure=measure, value=value, date=date, note=note.strip(), entered_by=user)
    reading.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            reading.save()
    except IntegrityError as error:
        # Two people recording the same day at once: the database keeps the first.
        raise ValidationError({"date": _already_read(measure, None, date=date)}) from error
    record(
        EventKind.READING_RECORDED,
        user=user,
        address=address,
        partnership_id=measure.finding.plan.partnership_id,
        detail=f"Recorded {value_in_words(value, measure.unit)} for measure "
        f"‘{measure.name}’ of {_area_name(measure.finding)}, as at {date:%-d %B %Y}",
    )
    # A measure of a closed action falling back past its baseline reopens the action.
    reopen_if_measure_slipped(reading=reading, address=address)
    return reading


def _already_read(
    measure: Measure, already: Reading | None, *, date: datetime.date | None = None
) -> str:
    day = already.date if already else date
    said = f" ({value_in_words(already.value, measure.unit)})" if already else ""
    return (
        f"There is already a reading for {day:%-d %B %Y}{said}. Choose another date: one "
        "reading a day"
    )
