"""Everything that changes an action, its progress or its closure.

Each service checks the rules, runs in one transaction, records who did it (for the
change history) and claims the action's version, so a change made from an out-of-date
page is refused rather than silently overwriting someone else's.
"""

import datetime
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from actions import suggested
from actions.date_moves import plan_move_check, record_plan_move
from actions.evidence import evidence_title
from actions.fields import action_field, details_checked
from actions.models import (
    Action,
    Closure,
    ClosureStatus,
    Contribution,
    Evidence,
    Finding,
    Plan,
    ProgressUpdate,
)
from actions.rag import RAG
from actions.rules import date_not_in_future, sustainability_review_due
from audit.models import EventKind
from audit.trail import record
from notifications.emails import email_each
from partnerships.models import Agency
from partnerships.versioning import StaleEdit, version_claim
from people.models import User

# UploadedFile is generic only to type checkers: the alias is read lazily, never at run time.
type Upload = UploadedFile[bytes]


class EditConflict(StaleEdit[Action]):
    """Someone else changed the action after this person opened the page."""

    @property
    def action(self) -> Action:
        return self.record


def _changed_by(action: Action, user: User) -> None:
    # django-simple-history records this attribute as who made the change.
    action._history_user = user  # type: ignore[attr-defined]


def _claim(action: Action, *, expected_version: int, user: User) -> None:
    try:
        version_claim(action, expected_version=expected_version)
    except StaleEdit as stale:
        raise EditConflict(stale.record, since_version=expected_version) from stale
    _changed_by(action, user)


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance.save()


# --- The audit trail --------------------------------------------------------------------


def plan_trail_name(plan: Plan) -> str:
    """The plan as the audit trail names it. A JTAI's plan goes by its inspection, in the
    words inspections.services.trail_name gives set-up entries, so one inspection has one
    name throughout the trail. The inspection is reached through the plan's reverse link:
    this layer imports nothing of inspections/."""
    inspection = getattr(plan, "inspection", None)
    if inspection is None:
        return f"the {plan}"
    subject = inspection.subject
    if len(subject) > 80:
        subject = subject[:80].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"the inspection of {plan.partnership.local_area} ({subject})"


def action_trail_name(action: Action) -> str:
    """ "action 1.2 of the inspection of Lewisham (…)": by its reference, which the plan's
    readers know it by."""
    return f"action {action.reference} of {plan_trail_name(action.finding.plan)}"


def _governance(
    kind: EventKind, *, action: Action, user: User | None, address: str | None, detail: str
) -> None:
    record(
        kind,
        user=user,
        address=address,
        partnership_id=action.finding.plan.partnership_id,
        detail=detail,
    )


# How an entry names a changed field, where its label alone would not say (the
# description's label is "Action").
_CHANGED_WORDS = {"description": "wording", "rag": "RAG status"}


def _field_words(name: str) -> str:
    if name in _CHANGED_WORDS:
        return _CHANGED_WORDS[name]
    label = action_field(name).label
    return label[:1].lower() + label[1:]


# An action's place in its list changes only through action_move, with a direct update:
# saving the rest of the action must not write back a position read before a move.
_ACTION_FIELDS_SAVED = [
    f.attname
    for f in Action._meta.concrete_fields
    if f.name not in ("id", "position", "created_at")
]


def _save_action(action: Action) -> None:
    action.full_clean()
    # Action.save (which keeps the original target date) is not annotated.
    action.save(update_fields=_ACTION_FIELDS_SAVED)


def _check_reference_free(
    finding: Finding, reference: str, *, action: Action | None = None
) -> None:
    clash = finding.actions.filter(reference=reference)
    if action is not None:
        clash = clash.exclude(pk=action.pk)
    if clash.exists():
        raise ValidationError(
            {
                "reference": f"Action {reference} already exists in area for improvement "
                f"{finding.number}: choose another reference"
            }
        )


def _attach_evidence(
    *,
    action: Action,
    user: User,
    link: str = "",
    file: Upload | None = None,
    update: ProgressUpdate | None = None,
    closure: Closure | None = None,
    contribution: Contribution | None = None,
) -> Evidence | None:
    if not link and not file:
        return None
    # Evidence is an item with a title and a date, whichever page it came in by.
    evidence = Evidence(
        action=action,
        update=update,
        closure=closure,
        contribution=contribution,
        link=link,
        added_by=user,
        title=evidence_title(file_name=file.name or "" if file else "", link=link),
        date=update.date if update else timezone.localdate(),
    )
    if file:
        evidence.file = file
        # A browser's upload always has a name and a type (empty if it sent none).
        evidence.original_name = file.name or ""
        evidence.content_type = (
            getattr(file, "detected_content_type", "") or file.content_type or ""
        )
        evidence.size = file.size
    _save(evidence)
    return evidence


def _record(
    action: Action,
    *,
    author: User,
    rag: str,
    narrative: str,
    reason: str = "",
    entered_by: User | None = None,
    percent_complete: int | None = None,
    submission_key: uuid.UUID | None = None,
) -> ProgressUpdate:
    update = ProgressUpdate(
        action=action,
        author=author,
        entered_by=entered_by,
        date=timezone.localdate(),
        narrative=narrative,
        rag=rag,
        previous_rag=action.rag,
        rag_change_reason=reason,
        percent_complete=percent_complete,
        submission_key=submission_key,
    )
    _save(update)
    action.rag = rag
    _save_action(action)
    return update


@transaction.atomic
def progress_update_record(
    *,
    action: Action,
    author: User,
    rag: str,
    narrative: str,
    rag_change_reason: str = "",
    percent_complete: int | None = None,
    evidence_link: str = "",
    evidence_file: Upload | None = None,
    expected_version: int,
    entered_by: User | None = None,
    submission_key: uuid.UUID | None = None,
) -> ProgressUpdate:
    """The owner says how the action is going; the action takes the RAG they gave. When
    someone else types it in for them (`entered_by`), the history names who did. A RAG
    better than the product suggests (actions.suggested, with this update's per cent
    complete, today) is refused without a reason, in words that state the suggestion.

    `submission_key` is the form's one-time key: sent again (Save, browser Back, Save), it
    records nothing more and gives back the update recorded the first time. Every update
    recorded here has a key (one is made when none is given), which is how
    actions.corrections tells the owner's own reports from the notes of closure steps."""
    if submission_key is not None:
        already = action.updates.filter(submission_key=submission_key).first()
        if already is not None:
            return already
    progress_update_check(
        action=action,
        rag=rag,
        rag_change_reason=rag_change_reason,
        percent_complete=percent_complete,
    )
    _claim(action, expected_version=expected_version, user=entered_by or author)
    update = _record(
        action,
        author=author,
        rag=rag,
        narrative=narrative,
        reason=rag_change_reason,
        entered_by=entered_by,
        percent_complete=percent_complete,
        submission_key=submission_key or uuid.uuid4(),
    )
    _attach_evidence(
        action=action, user=author, link=evidence_link, file=evidence_file, update=update
    )
    return update


def progress_update_check(
    *,
    action: Action,
    rag: str,
    rag_change_reason: str,
    percent_complete: int | None = None,
) -> None:
    """progress_update_record's rules, which its form also runs, so the page shows them
    beside the other errors at once rather than after they are mended."""
    if rag not in RAG.reportable():
        raise ValidationError(
            {"rag": "An action becomes Complete only when the partnership agrees"}
        )
    if percent_complete is not None and not 0 <= percent_complete <= 100:
        raise ValidationError({"percent_complete": "Per cent complete must be between 0 and 100"})
    reason_given = bool(rag_change_reason.strip())
    if RAG(rag).is_worse_than(action.rag) and not reason_given:
        # A status that gets worse says why: what went wrong, and the recovery plan.
        raise ValidationError(
            {
                "rag_change_reason": "Explain why the status has changed from "
                f"{action.rag_status.label} to {RAG(rag).label}"
            }
        )
    suggestion = suggested.suggestion_for_new_update(
        action, rag=rag, percent_complete=percent_complete
    )
    if suggestion.owner_better and not reason_given:
        # The owner's RAG stands, but one better than the facts suggest says why. The one
        # reason field serves both rules (no second column): it records why the owner
        # chose this RAG, whether it got worse or is better than the suggestion, and when
        # both apply one answer covers both.
        raise ValidationError({"rag_change_reason": suggestion.reason_asked})


def target_date_change_check(
    *, action: Action, target_date: datetime.date | None, target_date_change_reason: str
) -> None:
    """A new target date keeps the original and says why: action_edit's rule, which its
    form also runs."""
    moved = target_date is not None and target_date != action.target_date
    if moved and not target_date_change_reason.strip():
        raise ValidationError(
            {
                "target_date_change_reason": "Explain why the target date has changed "
                f"from {action.target_date:%-d %B %Y}"
            }
        )


@transaction.atomic
def action_create(
    *,
    finding: Finding,
    user: User,
    details: Mapping[str, Any],
    supporting_agencies: Iterable[Agency] = (),
    address: str | None = None,
) -> Action:
    """A manager adds an action to the plan. `details` are the fields actions.fields marks
    as the manager's, by name. The audit trail records it."""
    details_checked(details)
    last = finding.actions.aggregate(last=Max("position"))["last"] or 0
    _check_reference_free(finding, details.get("reference", ""))
    action = Action(finding=finding, position=last + 1, **details)
    action.original_target_date = action.target_date
    _changed_by(action, user)
    _save(action)
    action.supporting_agencies.set(supporting_agencies)
    _governance(
        EventKind.ACTION_ADDED,
        action=action,
        user=user,
        address=address,
        detail=f"Added {action_trail_name(action)}, in area for improvement {finding.number}",
    )
    return action


def suggest_reference(finding: Finding) -> str:
    return f"{finding.number}.{finding.actions.count() + 1}"


@transaction.atomic
def action_edit(
    *,
    action: Action,
    user: User,
    expected_version: int,
    details: Mapping[str, Any],
    supporting_agencies: Iterable[Agency],
    target_date_change_reason: str = "",
    address: str | None = None,
    in_trail: bool = True,
) -> Action:
    """A manager changes the plan: `details` as for action_create, those given changed. A
    new target date keeps the original and needs a reason. The audit trail records which
    fields changed (nothing when none did); `in_trail=False` leaves that to a caller that
    records one entry for many changes (the plan's import)."""
    details_checked(details)
    if "reference" in details:
        _check_reference_free(action.finding, details["reference"], action=action)
    new_target = details.get("target_date", action.target_date)
    target_date_change_check(
        action=action,
        target_date=new_target,
        target_date_change_reason=target_date_change_reason,
    )
    plan_move_check(action=action, user=user, target_date=new_target)
    previous_date = action.target_date
    if new_target != previous_date:
        action.target_date_change_reason = target_date_change_reason
    _claim(action, expected_version=expected_version, user=user)
    changed = [name for name, value in details.items() if getattr(action, name) != value]
    for name, value in details.items():
        setattr(action, name, value)
    _save_action(action)
    if action.target_date != previous_date:
        record_plan_move(
            action=action, user=user, previous_date=previous_date, reason=target_date_change_reason
        )
    supporting = list(supporting_agencies)
    if {agency.pk for agency in supporting} != set(
        action.supporting_agencies.values_list("pk", flat=True)
    ):
        changed.append("supporting_agencies")
    action.supporting_agencies.set(supporting)
    if changed and in_trail:
        words = ", ".join(_field_words(name) for name in changed)
        _governance(
            EventKind.ACTION_CHANGED,
            action=action,
            user=user,
            address=address,
            detail=f"Changed {action_trail_name(action)}: {words}",
        )
    return action


def evidence_attach_stored(
    *,
    update: ProgressUpdate,
    user: User,
    stored_name: str,
    original_name: str,
    content_type: str,
    size: int,
) -> Evidence:
    """Attaches a file already in storage to an update: one copy of a spreadsheet sent
    back serves as the evidence of every update imported from it."""
    evidence = Evidence(
        action=update.action,
        update=update,
        added_by=user,
        original_name=original_name,
        content_type=content_type,
        size=size,
        title=evidence_title(file_name=original_name),
        date=update.date,
    )
    evidence.file.name = stored_name
    _save(evidence)
    return evidence


@transaction.atomic
def action_move(*, action: Action, user: User, direction: str) -> None:
    """Moves an action up or down among its finding's actions. References do not change,
    and nor does the version: a move never conflicts with someone's edit."""
    # ActionQuerySet.current is not annotated.
    current = action.finding.actions.current()
    siblings: list[Action] = list(current.order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == action.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            Action.objects.filter(pk=sibling.pk).update(position=position)


@transaction.atomic
def action_archive(
    *, action: Action, user: User, expected_version: int, address: str | None = None
) -> None:
    """Takes an action out of the plan. It is never deleted: its updates and history stay."""
    _claim(action, expected_version=expected_version, user=user)
    action.archived_at = timezone.now()
    _save_action(action)
    _governance(
        EventKind.ACTION_ARCHIVED,
        action=action,
        user=user,
        address=address,
        detail=f"Archived {action_trail_name(action)}",
    )


@transaction.atomic
def action_restore(
    *, action: Action, user: User, expected_version: int, address: str | None = None
) -> None:
    """Puts an archived action back in the plan."""
    _claim(action, expected_version=expected_version, user=user)
    action.archived_at = None
    _save_action(action)
    _governance(
        EventKind.ACTION_RESTORED,
        action=action,
        user=user,
        address=address,
        detail=f"Restored {action_trail_name(action)} to the plan",
    )


def open_closure(action: Action) -> Closure | None:
    """The closure that stands: proposed, or agreed. One not agreed or reopened has ended."""
    return action.closures.exclude(status__in=ClosureStatus.ended()).first()


@transaction.atomic
def closure_propose(
    *,
    action: Action,
    user: User,
    evidence_of_impact: str,
    sustainability_plan: str,
    evidence_link: str = "",
    evidence_file: Upload | None = None,
    expected_version: int,
    address: str | None = None,
) -> Closure:
    """The owner says the action is done. It shows as awaiting the partnership's agreement,
    and the audit trail records who proposed it. After a closure not agreed, the owner
    proposes again with new evidence."""
    if open_closure(action):
        raise ValidationError("This action has already been proposed complete")
    _claim(action, expected_version=expected_version, user=user)
    closure = Closure(
        action=action,
        status=ClosureStatus.PROPOSED,
        proposed_by=user,
        evidence_of_impact=evidence_of_impact,
        sustainability_plan=sustainability_plan,
    )
    _save(closure)
    update = _record(
        action,
        author=user,
        rag=action.rag,
        narrative=f"Proposed complete. Evidence of impact: {evidence_of_impact}",
    )
    _attach_evidence(
        action=action,
        user=user,
        link=evidence_link,
        file=evidence_file,
        update=update,
        closure=closure,
    )
    _governance(
        EventKind.CLOSURE_PROPOSED,
        action=action,
        user=user,
        address=address,
        detail=f"Proposed {action_trail_name(action)} complete",
    )
    return closure


MEETING_NOT_OF_THE_PLAN = "Select a meeting recorded for this plan"
PROPOSAL_IS_DECIDED_NOT_REOPENED = (
    "This action is proposed complete: record the partnership's decision on it, agreed or "
    "not agreed with the reason"
)


def closure_self_decision(*, closure: Closure, user: User) -> str | None:
    """Why this person may not record the partnership's decision on this closure, if they
    may not: whoever proposed an action complete does not also agree (or refuse) it."""
    if closure.proposed_by_id == user.pk:
        return (
            "You proposed this action complete, so someone else must record the "
            "partnership's decision on it"
        )
    return None


def closure_decision_check(
    *,
    closure: Closure,
    user: User,
    agreed: bool,
    decided_on: datetime.date | None,
    reason: str = "",
    meeting: models.Model | None = None,
) -> None:
    """The rules of a closure's decision, which the decision form also runs, so the page
    shows them beside the other errors at once: not the proposer's own; a date neither in
    the future nor before the proposal; a recorded meeting of the action's plan held between
    the proposal and that date; a reason when not agreed."""
    refusal = closure_self_decision(closure=closure, user=user)
    if refusal:
        raise ValidationError(refusal)
    errors: dict[str, str] = {}
    if decided_on is not None:
        what = "The date agreed" if agreed else "The date of the decision"
        try:
            date_not_in_future(decided_on, field="agreed_on", what=what)
        except ValidationError as error:
            errors.update({"agreed_on": error.message_dict["agreed_on"][0]})
        proposed_on = timezone.localtime(closure.proposed_at).date()
        if decided_on < proposed_on:
            errors["agreed_on"] = (
                f"{what} must be on or after the day the action was "
                f"proposed complete ({proposed_on:%-d %B %Y})"
            )
    if meeting is not None:
        # A meetings.Meeting: actions sits below meetings and cannot import its type, so
        # its fields are read by name.
        plan_id, held_on = (getattr(meeting, name) for name in ("plan_id", "date"))
        proposed_on = timezone.localtime(closure.proposed_at).date()
        if plan_id != closure.action.finding.plan_id:
            errors["meeting"] = MEETING_NOT_OF_THE_PLAN
        elif held_on < proposed_on:
            # A meeting held before the proposal cannot have decided it.
            errors["meeting"] = (
                "Select a meeting held on or after the day the action was proposed complete "
                f"({proposed_on:%-d %B %Y}): record the meeting first if it is not listed"
            )
        elif decided_on is not None and "agreed_on" not in errors and held_on > decided_on:
            # (A date already refused is not also held against the meeting.)
            errors["meeting"] = (
                "Select a meeting held on or before the date of the decision "
                f"({decided_on:%-d %B %Y})"
            )
    if not agreed and not reason.strip():
        errors["decision_reason"] = (
            "Enter why the partnership has not agreed that the action is complete"
        )
    if errors:
        raise ValidationError(errors)


def _proposed_closure(action: Action) -> Closure:
    closure = open_closure(action)
    if closure is None or closure.status != ClosureStatus.PROPOSED:
        raise ValidationError("Only an action proposed complete can be agreed or not agreed")
    return closure


@transaction.atomic
def closure_agree(
    *,
    action: Action,
    user: User,
    agreed_on: datetime.date,
    meeting: models.Model,
    expected_version: int,
    address: str | None = None,
) -> Closure:
    """The partnership agrees at a meeting that the action is complete: the audit trail
    records who recorded it, at which meeting and on what day. The meeting is one recorded
    for the plan (a meetings.Meeting). closure_decide also tells the owner."""
    closure = _proposed_closure(action)
    closure_decision_check(
        closure=closure, user=user, agreed=True, decided_on=agreed_on, meeting=meeting
    )
    _claim(action, expected_version=expected_version, user=user)
    # The name is kept as the record reads it, beside the meeting it points at.
    closure.agreed_at_meeting, closure.meeting_id = str(meeting), meeting.pk
    closure.status = ClosureStatus.AGREED
    closure.agreed_by = user
    closure.agreed_on = agreed_on
    closure.sustainability_review_due = sustainability_review_due(
        agreed_on, months=action.finding.plan.partnership.sustainability_review_months
    )
    _save(closure)
    _record(
        action,
        author=user,
        rag=RAG.COMPLETE,
        narrative=f"Closure agreed by the partnership {closure.decided_at}.",
    )
    _governance(
        EventKind.CLOSURE_AGREED,
        action=action,
        user=user,
        address=address,
        detail=f"Agreed {action_trail_name(action)} complete {closure.decided_at}",
    )
    return closure


@transaction.atomic
def closure_not_agree(
    *,
    action: Action,
    user: User,
    decided_on: datetime.date,
    meeting: models.Model,
    reason: str,
    expected_version: int,
    address: str | None = None,
) -> Closure:
    """The partnership does not agree at a meeting that the action is complete, and says
    why. The action stays open at the status it had, the closure stays on record with the
    reason, who recorded it and when, and the owner may propose it complete again."""
    closure = _proposed_closure(action)
    closure_decision_check(
        closure=closure,
        user=user,
        agreed=False,
        decided_on=decided_on,
        reason=reason,
        meeting=meeting,
    )
    _claim(action, expected_version=expected_version, user=user)
    closure.agreed_at_meeting, closure.meeting_id = str(meeting), meeting.pk
    reason = reason.strip()
    closure.status = ClosureStatus.NOT_AGREED
    closure.agreed_by = user
    closure.agreed_on = decided_on
    closure.decision_reason = reason
    _save(closure)
    where = closure.decided_at
    _record(
        action,
        author=user,
        rag=action.rag,
        # The reason is the decision's, already in the narrative: the status is unchanged,
        # so it is no reason for a change of status.
        narrative=f"Closure not agreed by the partnership {where}: {reason}",
    )
    _governance(
        EventKind.CLOSURE_NOT_AGREED,
        action=action,
        user=user,
        address=address,
        detail=f"Did not agree {action_trail_name(action)} complete {where}: {reason}",
    )
    return closure


@dataclass(frozen=True)
class ClosureDecided:
    closure: Closure
    # Owners the mail server refused: the person who recorded the decision tells them.
    not_emailed: list[User]


def closure_decide(
    *,
    action: Action,
    user: User,
    agreed: bool,
    decided_on: datetime.date,
    meeting: models.Model,
    reason: str = "",
    expected_version: int,
    address: str | None = None,
) -> ClosureDecided:
    """Records the partnership's decision on a closure (closure_agree or closure_not_agree)
    and then e-mails it to the owners: who proposed it and the action's lead officer. The
    decision is saved first and stands whatever the mail server does."""
    if agreed:
        closure = closure_agree(
            action=action,
            user=user,
            agreed_on=decided_on,
            meeting=meeting,
            expected_version=expected_version,
            address=address,
        )
    else:
        closure = closure_not_agree(
            action=action,
            user=user,
            decided_on=decided_on,
            meeting=meeting,
            reason=reason,
            expected_version=expected_version,
            address=address,
        )
    return ClosureDecided(closure=closure, not_emailed=_email_decision(closure))


def _email_decision(closure: Closure) -> list[User]:
    action = closure.action
    owners = [closure.proposed_by]
    if action.lead_officer is not None and action.lead_officer_id != closure.proposed_by_id:
        owners.append(action.lead_officer)
    agreed = closure.status == ClosureStatus.AGREED
    return email_each(
        [owner for owner in owners if owner.is_active and owner.email],
        subject=f"Action {action.reference} "
        + ("is complete: closure agreed" if agreed else "closure not agreed"),
        template="emails/closure_decided",
        context={
            "closure": closure,
            "action": action,
            "agreed": agreed,
            "partnership": action.finding.plan.partnership,
            "site_url": settings.SITE_URL,
            "action_url": settings.SITE_URL + action.get_absolute_url(),
        },
    )


@transaction.atomic
def action_reopen(
    *,
    action: Action,
    user: User,
    reason: str,
    rag: str,
    expected_version: int,
    address: str | None = None,
) -> Closure | None:
    """Reopens a completed action, with the reason. An action made Complete without a
    closure record (an imported plan) reopens too, and then there is no closure to return.
    A proposal to close is not reopened: it is decided at a meeting (closure_not_agree)."""
    closure = open_closure(action)
    if closure is not None and closure.status == ClosureStatus.PROPOSED:
        raise ValidationError(PROPOSAL_IS_DECIDED_NOT_REOPENED)
    if not action.is_complete:
        raise ValidationError("This action is not complete")
    if rag not in RAG.reportable():
        raise ValidationError({"rag": "Choose the status the action returns to"})
    _claim(action, expected_version=expected_version, user=user)
    if closure is not None:
        closure.status = ClosureStatus.REOPENED
        closure.reopened_by = user
        closure.reopened_at = timezone.now()
        closure.reopen_reason = reason
        _save(closure)
    _record(action, author=user, rag=rag, narrative=f"Reopened: {reason}", reason=reason)
    _governance(
        EventKind.ACTION_REOPENED,
        action=action,
        user=user,
        address=address,
        detail=f"Reopened {action_trail_name(action)}: {reason}",
    )
    return closure
