"""Writes a checked plan: the new actions with their supporting agencies and latest
updates, and the changes rows sent back make to actions already in the plan."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from actions import services as action_services
from actions.models import Action, ProgressUpdate, evidence_file_name
from actions.rag import RAG
from audit.models import EventKind
from audit.trail import record
from govuk.words import plural
from spreadsheets.importers.matching import LAST_POSITION, ImportResult
from spreadsheets.importers.updating import RowUpdate


@dataclass(frozen=True)
class SourceFile:
    """The file the rows came from, kept as the evidence of the updates it brought."""

    content: bytes
    filename: str
    content_type: str = "application/octet-stream"


@transaction.atomic
def import_plan(
    *,
    result: ImportResult,
    user,
    source: SourceFile | None = None,
    address: str | None = None,
) -> list[Action]:
    """Writes the checked rows: one action each, with its latest update if the sheet had one.

    Written in bulk, with the change history recorded in bulk too: parse_plan has already
    checked every value the database would refuse. The audit trail records the import
    once, with how many actions it added and updated (not an entry per row).
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
    _apply_updates(result.to_update, user=user, source=source)
    _import_recorded(result, user=user, address=address, added=len(created), source=source)
    return created


def _import_recorded(
    result: ImportResult, *, user, address: str | None, added: int, source: SourceFile | None
) -> None:
    findings = [row.finding for row in result.rows if row.finding is not None]
    plan = (
        findings[0].plan
        if findings
        else result.updates[0].action.finding.plan
        if result.updates
        else None
    )
    if plan is None:  # no row named an area or an action: nothing was read
        return
    updated = len(result.to_update)
    done = [f"{plural(added, 'action')} added", f"{updated} updated"]
    if result.refused:
        done.append(f"{plural(len(result.refused), 'row')} refused")
    into = action_services.plan_trail_name(plan)
    record(
        EventKind.PLAN_IMPORTED,
        user=user,
        address=address,
        partnership_id=plan.partnership_id,
        detail=f"Imported {source.filename if source else 'a plan'} into {into}: "
        + ", ".join(done),
    )


def _apply_updates(updates: list[RowUpdate], *, user, source: SourceFile | None) -> None:
    """Each change through the service that makes it by hand, with its rules and history:
    a changed detail or date through action_edit, a new progress update through
    progress_update_record, given by the action's lead officer (or the manager when it has
    none) and entered by the manager. The file is stored once and is the evidence of them
    all. A row refused on the check page is not among them."""
    stored = ""
    for update in updates:
        action = update.action
        if update.details:
            action_services.action_edit(
                action=action,
                user=user,
                expected_version=action.version,
                details=update.details,
                supporting_agencies=list(action.supporting_agencies.all()),
                target_date_change_reason=update.target_date_change_reason,
                in_trail=False,  # the import's one entry counts it
            )
        if not update.narrative:
            continue
        recorded = action_services.progress_update_record(
            action=action,
            author=action.lead_officer or user,
            entered_by=user,
            rag=update.rag or action.rag,
            narrative=update.narrative,
            rag_change_reason=update.narrative
            if RAG(update.rag or action.rag).is_worse_than(action.rag)
            else "",
            expected_version=action.version,
        )
        if source is not None:
            if not stored:
                stored = default_storage.save(
                    evidence_file_name(None, source.filename), ContentFile(source.content)
                )
            action_services.evidence_attach_stored(
                update=recorded,
                user=user,
                stored_name=stored,
                original_name=source.filename,
                content_type=source.content_type,
                size=len(source.content),
            )


def import_button_words(result: ImportResult) -> str:
    """What the check page's button does: "Import 1 action", "Import 12 actions", or
    "Make the changes" when the file only changes actions already in the plan."""
    if result.to_update and not result.to_add:
        return "Make the changes"
    return f"Import {plural(len(result.to_add), 'action')}"


def import_summary(result: ImportResult, *, added: int, filename: str) -> str:
    """What the import did, in the words the manager is told after confirming."""
    updated = len(result.to_update)
    untouched = result.unchanged
    done = []
    if added:
        done.append(f"{plural(added, 'action')} added")
    if updated:
        done.append(f"{plural(updated, 'action')} updated")
    said = f"From {filename}: " + (" and ".join(done) if done else "nothing new")
    if untouched > 0:
        said += f"; {plural(untouched, 'action')} already in the plan left as they are"
    if result.refused:
        said += f"; {plural(len(result.refused), 'row')} not applied, as the check page said"
    return said
