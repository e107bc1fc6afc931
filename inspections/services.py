"""Every change a manager makes to the partnership's set-up: its agencies, an inspection's
details and its areas for improvement. Views call these; each change is whole or nothing."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, ProtectedError, Value, When
from django.dispatch import Signal

from actions.models import Finding, Plan, PlanKind, PlanStatus
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from inspections.models import Inspection, Inspectorate, Theme
from partnerships.models import Agency, Partnership
from partnerships.versioning import StaleEdit, version_claim
from people.models import User

# --- Agencies -------------------------------------------------------------------------


def _duplicate_name(agency: Agency) -> bool:
    return (
        Agency.objects.filter(partnership=agency.partnership_id, name__iexact=agency.name)
        .exclude(pk=agency.pk)
        .exists()
    )


def _save_agency(agency: Agency) -> Agency:
    if _duplicate_name(agency):
        raise ValidationError(
            {"name": f"Your partnership already has an agency called {agency.name}"}
        )
    agency.full_clean()
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError as error:  # someone added the same name a moment ago
        raise ValidationError(
            {"name": f"Your partnership already has an agency called {agency.name}"}
        ) from error
    return agency


def _settings_changed(
    partnership_id: int, *, by: User | None, address: str | None, detail: str
) -> None:
    record(
        EventKind.SETTINGS_CHANGED,
        user=by,
        address=address,
        partnership_id=partnership_id,
        detail=detail,
    )


def _inspection_set_up(
    inspection: Inspection, *, by: User | None, address: str | None, detail: str
) -> None:
    """Setting up an inspection and changing its details or areas for improvement are one
    kind of entry, naming the inspection as trail_name does."""
    record(
        EventKind.INSPECTION_SET_UP,
        user=by,
        address=address,
        partnership_id=inspection.partnership_id,
        detail=detail,
    )


@transaction.atomic
def agency_create(
    *,
    partnership: Partnership,
    name: str,
    short_name: str,
    kind: str,
    by: User | None,
    address: str | None,
) -> Agency:
    """A new partner agency, offered from now on as a lead or supporting agency and as a
    person's agency."""
    agency = _save_agency(
        Agency(partnership=partnership, name=name, short_name=short_name, kind=kind)
    )
    _settings_changed(
        partnership.pk,
        by=by,
        address=address,
        detail=f"Added agency {agency.name}",
    )
    return agency


@transaction.atomic
def agency_edit(
    *,
    agency: Agency,
    expected_version: int,
    name: str,
    short_name: str,
    kind: str,
    by: User | None,
    address: str | None,
) -> Agency:
    """Renames or reclassifies an agency; its people and actions follow it. Refused
    (StaleEdit) when another manager saved it after this one opened the page."""
    version_claim(agency, expected_version=expected_version)
    was = agency.name
    agency.name, agency.short_name, agency.kind = name, short_name, kind
    _save_agency(agency)
    renamed = f" (was {was})" if agency.name != was else ""
    _settings_changed(
        agency.partnership_id,
        by=by,
        address=address,
        detail=f"Changed agency {agency.name}{renamed}",
    )
    return agency


def agency_uses(agency: Agency) -> list[str]:
    """What still refers to the agency, in words: why it cannot be removed."""
    uses = []
    people = agency.people.count()
    if people:
        uses.append(f"{people} {'person belongs' if people == 1 else 'people belong'} to it")
    led = agency.led_actions.count()
    if led:
        uses.append(f"it leads {led} action{'s' if led != 1 else ''}")
    supported = agency.supported_actions.count()
    if supported:
        uses.append(f"it supports {supported} action{'s' if supported != 1 else ''}")
    return uses


@transaction.atomic
def agency_remove(*, agency: Agency, by: User | None, address: str | None) -> None:
    """Removes an agency nobody and nothing refers to. Archived actions count: their
    history names their agencies."""
    uses = agency_uses(agency)
    if uses:
        raise ValidationError(f"{agency.name} cannot be removed: {' and '.join(uses)}")
    try:
        agency.delete()
    except ProtectedError as error:  # a record added since, or of a kind not counted above
        raise ValidationError(f"{agency.name} cannot be removed: it is still in use") from error
    _settings_changed(
        agency.partnership_id,
        by=by,
        address=address,
        detail=f"Removed agency {agency.name}",
    )


# --- Inspections ----------------------------------------------------------------------


class InspectionChanged(StaleEdit[Inspection]):
    """Someone else saved the inspection's details after this person opened the page."""

    @property
    def inspection(self) -> Inspection:
        return self.record


DETAIL_FIELDS = [
    "subject",
    "theme",
    "onsite_start",
    "onsite_end",
    "letter_date",
    "statement_due",
    "principal_authority",
    "addressees",
    "headline_findings",
    "strengths",
]


# How the audit trail names a changed detail, where its field's name would not read well.
FIELD_NAMES = {
    "onsite_start": "first day on site",
    "onsite_end": "last day on site",
    "letter_date": "letter date",
    "statement_due": "statement due date",
    "principal_authority": "principal authority",
    "headline_findings": "headline findings",
}


@transaction.atomic
def inspection_create(
    *,
    partnership: Partnership,
    subject: str,
    theme: Theme | None = None,
    inspectorates: list[str],
    onsite_start: datetime.date | None,
    onsite_end: datetime.date | None,
    letter_date: datetime.date | None,
    statement_due: datetime.date | None,
    principal_authority: str,
    addressees: list[str],
    headline_findings: str,
    strengths: list[str],
    findings: list[str],
    letter_content: bytes | None = None,
    letter_filename: str = "",
    by: User | None,
    address: str | None,
) -> Inspection:
    """Sets up an inspection with its areas for improvement, numbered in the letter's
    order, and the original letter when there is one. The inspection's plan starts with it:
    drafting the statement, with the areas for improvement and no actions yet."""
    plan = Plan.objects.create(partnership=partnership, kind=PlanKind.JTAI)
    inspection = Inspection(
        partnership=partnership,
        plan=plan,
        subject=subject,
        theme=theme,
        onsite_start=onsite_start,
        onsite_end=onsite_end,
        letter_date=letter_date,
        statement_due=statement_due,
        principal_authority=principal_authority,
        addressees="\n".join(addressees),
        headline_findings=headline_findings,
        strengths="\n".join(strengths),
        letter_filename=letter_filename if letter_content is not None else "",
    )
    inspection.full_clean(exclude=["letter"])  # before the letter's file is written
    if letter_content is not None:
        inspection.letter.save(letter_filename, ContentFile(letter_content), save=False)
    inspection.save()
    inspection.inspectorates.set(Inspectorate.objects.filter(short_name__in=inspectorates))
    Finding.objects.bulk_create(
        Finding(plan=plan, number=number, text=text)
        for number, text in enumerate(findings, start=1)
    )
    count = len(findings)
    how = (
        f"from its letter, {letter_filename}"
        if letter_content is not None
        else f"by hand, with {count} area{'s' if count != 1 else ''} for improvement"
    )
    _inspection_set_up(
        inspection,
        by=by,
        address=address,
        detail=f"Set up {trail_name(inspection)} {how}",
    )
    return inspection


# Sent, with the plan, before a plan is closed. What must be true first (every area judged
# addressed at a meeting, no update round open) is known only in the layers above, so
# meetings.judgements answers it: a receiver refuses by raising ValidationError, before
# anything is saved, and the edit page shows the refusal beside the status.
plan_closing = Signal()


@transaction.atomic
def inspection_edit(
    *,
    inspection: Inspection,
    expected_version: int,
    status: str,
    inspectorates: list[str],
    addressees: list[str],
    strengths: list[str],
    by: User | None,
    address: str | None,
    **details: object,
) -> list[str]:
    """Corrects the inspection's details and status. Refused (InspectionChanged) when
    someone else saved them after this person opened the page. Returns the names of the
    fields that changed. Closing the plan is refused, with the reasons beside the status,
    until the plan is done (see plan_closing)."""
    if status == PlanStatus.CLOSED and inspection.plan.status != PlanStatus.CLOSED:
        plan_closing.send(sender=Plan, plan=inspection.plan)
    try:
        version_claim(inspection, expected_version=expected_version)
    except StaleEdit as stale:
        raise InspectionChanged(stale.record, since_version=expected_version) from stale
    before = {name: getattr(inspection, name) for name in DETAIL_FIELDS}
    before["status"] = inspection.plan.status
    before_inspectorates = set(inspection.inspectorates.values_list("short_name", flat=True))
    for name in DETAIL_FIELDS:
        if name in details:
            setattr(inspection, name, details[name])
    inspection.addressees = "\n".join(addressees)
    inspection.strengths = "\n".join(strengths)
    inspection.full_clean(exclude=["letter"])
    inspection.save()
    inspection.inspectorates.set(Inspectorate.objects.filter(short_name__in=inspectorates))
    plan = inspection.plan
    if status != plan.status:
        # Only the status: the statement's text on the same plan is the statement page's.
        plan.status = status
        plan.full_clean()
        plan.save(update_fields=["status", "updated_at"])
    after = {name: getattr(inspection, name) for name in DETAIL_FIELDS}
    after["status"] = plan.status
    changed = [name for name, value in before.items() if after[name] != value]
    if set(inspectorates) != before_inspectorates:
        changed.append("inspectorates")
    if changed:
        names = ", ".join(FIELD_NAMES.get(name, name.replace("_", " ")) for name in changed)
        _inspection_set_up(
            inspection,
            by=by,
            address=address,
            detail=f"Changed the details of {trail_name(inspection)}: {names}",
        )
    return changed


# --- Findings (areas for improvement) ---------------------------------------------------


class FindingChanged(StaleEdit[Finding]):
    """Someone else changed the finding's text or flag after this person opened the page."""

    @property
    def finding(self) -> Finding:
        return self.record


def _one_paragraph(text: str) -> str:
    # A finding is one paragraph of the letter: line breaks pasted with it are not its own.
    return " ".join(text.split())


def _lock(inspection: Inspection) -> None:
    # Changes to one plan's findings queue here, so two renumberings never interleave.
    Plan.objects.select_for_update().filter(pk=inspection.plan_id).first()


# Numbers are moved out of the way first: the unique (plan, number) constraint is
# checked row by row on SQLite and PostgreSQL, so a swap done in place would collide.
_PARKING = 10_000


def _renumber(inspection: Inspection, order: list[int]) -> None:
    """Numbers the inspection's findings 1..n in the order of the ids given."""
    current = dict(Finding.objects.filter(plan=inspection.plan_id).values_list("pk", "number"))
    wanted = {pk: number for number, pk in enumerate(order, start=1)}
    moving = [pk for pk, number in wanted.items() if current.get(pk) != number]
    if not moving:
        return
    Finding.objects.filter(pk__in=moving).update(number=F("number") + _PARKING)
    Finding.objects.filter(pk__in=moving).update(
        number=Case(*(When(pk=pk, then=Value(wanted[pk])) for pk in moving))
    )


def _order(inspection: Inspection) -> list[int]:
    return list(
        Finding.objects.filter(plan=inspection.plan_id)
        .order_by("number")
        .values_list("pk", flat=True)
    )


@transaction.atomic
def finding_create(
    *, inspection: Inspection, text: str, is_priority: bool, by: User | None, address: str | None
) -> Finding:
    """Adds an area for improvement after the last one."""
    _lock(inspection)
    last = Finding.objects.filter(plan=inspection.plan_id).order_by("-number").first()
    finding = Finding(
        plan_id=inspection.plan_id,
        number=(last.number + 1) if last else 1,
        text=_one_paragraph(text),
        is_priority=is_priority,
    )
    finding.full_clean()
    finding.save()
    _inspection_set_up(
        inspection,
        by=by,
        address=address,
        detail=f"Added area for improvement {finding.number} to {trail_name(inspection)}",
    )
    return finding


@transaction.atomic
def finding_edit(
    *,
    finding: Finding,
    text: str,
    is_priority: bool,
    expected_version: int,
    by: User | None,
    address: str | None,
) -> Finding:
    """Corrects a finding's words or its priority flag, unless someone else changed them
    after this person opened the page (FindingChanged)."""
    try:
        version_claim(finding, expected_version=expected_version)
    except StaleEdit as stale:
        raise FindingChanged(stale.record, since_version=expected_version) from stale
    current = Finding.objects.get(pk=finding.pk)
    was = (current.text, current.is_priority)
    current.text = _one_paragraph(text)
    current.is_priority = is_priority
    current.full_clean()
    current.save(update_fields=["text", "is_priority"])
    finding.text, finding.is_priority, finding.number = (
        current.text,
        current.is_priority,
        current.number,
    )
    what = [
        label
        for label, before, after in (
            ("text", was[0], current.text),
            ("priority flag", was[1], current.is_priority),
        )
        if before != after
    ]
    if what:
        _inspection_set_up(
            finding.plan.inspection,
            by=by,
            address=address,
            detail=f"Changed the {' and '.join(what)} of area for improvement "
            f"{finding.number}, in {trail_name(finding.plan.inspection)}",
        )
    return finding


@transaction.atomic
def finding_move(
    *, finding: Finding, direction: str, by: User | None, address: str | None
) -> int | None:
    """Moves a finding one place up or down; returns its new number, or None when it is
    already first or last. Its actions keep their references."""
    inspection = finding.plan.inspection
    _lock(inspection)
    order = _order(inspection)
    index = order.index(finding.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(order):
        return None
    order[index], order[other] = order[other], order[index]
    _renumber(inspection, order)
    _inspection_set_up(
        inspection,
        by=by,
        address=address,
        detail=f"Moved area for improvement {index + 1} {direction} to {other + 1}, "
        f"in {trail_name(inspection)}",
    )
    return other + 1


def finding_has_actions(finding: Finding) -> bool:
    # Archived actions count: their history answers this finding.
    return finding.actions.exists()


def findings_after(finding: Finding) -> int:
    """How many areas for improvement follow this one: they move up if it is removed."""
    return Finding.objects.filter(plan=finding.plan_id, number__gt=finding.number).count()


@transaction.atomic
def finding_remove(*, finding: Finding, by: User | None, address: str | None) -> int:
    """Removes an area for improvement that no action answers; the ones after it move
    up a number. Returns how many moved up."""
    inspection = finding.plan.inspection
    _lock(inspection)
    if finding_has_actions(finding):
        raise ValidationError(
            f"Area for improvement {finding.number} cannot be removed: actions answer it. "
            "Archived actions count too, because their history stays with it"
        )
    moving_up = findings_after(finding)
    try:
        finding.delete()
    except ProtectedError as error:
        raise ValidationError(
            f"Area for improvement {finding.number} cannot be removed: it is still in use"
        ) from error
    _renumber(inspection, _order(inspection))
    _inspection_set_up(
        inspection,
        by=by,
        address=address,
        detail=f"Removed area for improvement {finding.number} from {trail_name(inspection)}",
    )
    return moving_up


def trail_name(inspection: Inspection) -> str:
    """The inspection as the audit trail names it: by area and subject, which the people
    reading the trail know it by (its id means nothing to them). The wording is its plan's
    (actions.services.plan_trail_name), so one inspection has one name throughout."""
    return plan_trail_name(inspection.plan)
