"""A plan sent back with updates: each row naming an action already in the plan (by the
export's Action ID column, or by its area and reference) says what changed, and the
service's own rules decide whether it may. Writes nothing: writing.import_plan applies
what is listed here, all or nothing, after the manager confirms."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from actions import services as action_services
from actions.date_moves import plan_move_check
from actions.models import Action
from actions.rag import RAG
from people.models import User


@dataclass(frozen=True)
class Change:
    """One value the row changes, as the check page words it."""

    what: str
    before: str
    after: str


@dataclass
class RowUpdate:
    """What one row will change in its action, or why it cannot."""

    row_number: int
    action: Action
    changes: list[Change] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    target_date_change_reason: str = ""
    rag: str | None = None
    narrative: str = ""

    @property
    def writes(self) -> bool:
        return bool(self.changes) and not self.refused


def _day(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "none"


def _first_error(error: ValidationError) -> str:
    return next(iter(error.messages), str(error))


def row_updates(
    *, actions: list[Action], rows: list[Any], columns: set[str], by: User | None = None
) -> list[RowUpdate]:
    """For every row that names an action already in the plan, by the export's Action ID
    or by its area and reference, what it would change. `actions` are the plan's, each
    annotated with `latest_narrative`; `columns`, the fields the sheet has columns for (a
    sheet without a RAG column changes no RAG). Reads nothing more from the database."""
    by_id = {action.pk: action for action in actions}
    by_reference = {(action.finding_id, action.reference): action for action in actions}
    updates = []
    for row in rows:
        action = by_id.get(row.action_id or 0)
        if action is None and row.finding is not None:
            action = by_reference.get((row.finding.pk, row.reference))
        if action is not None:
            updates.append(_compare(row, action, columns, by=by))
    return updates


def _compare(row: Any, action: Action, columns: set[str], *, by: User | None) -> RowUpdate:
    update = RowUpdate(row.row_number, action)
    if row.action_version is not None and row.action_version != action.version:
        update.refused.append(
            f"action {action.reference} was changed in the service after this file was "
            "exported: export the plan again and make the changes in the new file"
        )
        return update

    for name, label in (("description", "Action"), ("success_measure", "Success measure")):
        value = getattr(row, name) if name in columns else ""
        if value and value != getattr(action, name):
            update.details[name] = value
            update.changes.append(Change(label, getattr(action, name), value))
    if "start_date" in columns and row.start_date and row.start_date != action.start_date:
        update.details["start_date"] = row.start_date
        update.changes.append(Change("Start date", _day(action.start_date), _day(row.start_date)))
    if "target_date" in columns and row.target_date and row.target_date != action.target_date:
        reason = (row.values.get("target_date_change_reason") or "").strip()
        if reason == action.target_date_change_reason:
            reason = ""  # the reason the date moved last time is no reason for this move
        try:
            action_services.target_date_change_check(
                action=action, target_date=row.target_date, target_date_change_reason=reason
            )
            if by is not None:
                plan_move_check(action=action, user=by, target_date=row.target_date)
        except ValidationError as error:
            update.refused.append(_first_error(error))
        else:
            update.details["target_date"] = row.target_date
            update.target_date_change_reason = reason
            update.changes.append(
                Change("Target date", _day(action.target_date), _day(row.target_date))
            )

    narrative = (row.latest_update or "").strip() if "latest_update" in columns else ""
    new_update = bool(narrative) and narrative != (action.latest_narrative or "").strip()
    rag_changed = "rag" in columns and row.rag != action.rag
    if rag_changed and not new_update:
        update.refused.append(
            f"the RAG changed from {action.rag_status.label} to {RAG(row.rag).label} with no "
            "new progress update: say what happened in the update column"
        )
    elif new_update:
        try:
            rag = row.rag if rag_changed else action.rag
            # The reason writing._apply_updates will give: the narrative, for a RAG that got
            # worse. A RAG better than the product suggests (an overdue action still Green)
            # is then refused here, for this row, as the service would refuse it.
            worse = RAG(rag).is_worse_than(action.rag)
            action_services.progress_update_check(
                action=action, rag=rag, rag_change_reason=narrative if worse else ""
            )
        except ValidationError as error:
            update.refused.append(_first_error(error))
        else:
            update.rag, update.narrative = rag, narrative
            if rag_changed:
                update.changes.append(Change("RAG", action.rag_status.label, RAG(row.rag).label))
            update.changes.append(Change("New progress update", "", narrative))
    return update
