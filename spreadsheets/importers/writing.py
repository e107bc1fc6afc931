"""Writes a checked plan: the actions, their supporting agencies and latest updates."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions.models import Action, ProgressUpdate
from spreadsheets.importers.matching import LAST_POSITION, ImportResult


@transaction.atomic
def import_plan(*, result: ImportResult, user) -> list[Action]:
    """Writes the checked rows: one action each, with its latest update if the sheet had one.

    Written in bulk, with the change history recorded in bulk too: parse_plan has already
    checked every value the database would refuse.
    """
    if result.errors:
        raise ValueError("A plan with errors is never written")
    positions = {}
    actions = []
    for row in result.to_add:
        finding = row.finding
        if finding.pk not in positions:
            positions[finding.pk] = finding.actions.aggregate(last=Max("position"))["last"] or 0
        positions[finding.pk] += 1
        if positions[finding.pk] > LAST_POSITION:  # added to since parse_plan checked it
            raise ValueError(f"Area for improvement {finding.number} is full")
        action = Action(
            finding=finding,
            reference=row.reference,
            position=positions[finding.pk],
            description=row.description,
            lead_agency=row.lead_agency,
            lead_officer=row.lead_officer,
            start_date=row.start_date,
            target_date=row.target_date,
            original_target_date=row.target_date,
            success_measure=row.success_measure,
            rag=row.rag,
        )
        for name, value in row.values.items():  # the columns with no rule of their own
            setattr(action, name, value)
        actions.append(action)
    created = bulk_create_with_history(actions, Action, default_user=user)
    Supporting = Action.supporting_agencies.through
    Supporting.objects.bulk_create(
        Supporting(action=action, agency=agency)
        for action, row in zip(created, result.to_add, strict=True)
        for agency in row.supporting_agencies
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action,
            author=user,
            date=row.last_updated or timezone.localdate(),
            narrative=row.latest_update,
            rag=row.rag,
        )
        for action, row in zip(created, result.to_add, strict=True)
        if row.latest_update
    )
    return created
