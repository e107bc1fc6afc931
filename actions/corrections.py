"""An owner corrects their own last update: a typo, the wrong figure, the RAG they meant.

The update then shows the corrected words; what it said before is kept (UpdateCorrection)
and the change history and the audit trail say who corrected it and when. A correction is
for a slip noticed soon after: once the manager has checked the update, or a day has gone,
the owner records a new update instead, so what the manager checked is what stays.
"""

import copy
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions import services
from actions.models import Action, ProgressUpdate, UpdateCorrection
from audit.models import EventKind
from people import permissions
from people.models import User

# How long after recording an update its author may still correct it.
CORRECTION_WINDOW = datetime.timedelta(hours=24)

RECORD_A_NEW_UPDATE = "record a new update instead"


def correction_closes_at(update: ProgressUpdate) -> datetime.datetime:
    """When the author's chance to correct the update ends, unless the manager checks it
    first."""
    return update.created_at + CORRECTION_WINDOW


def _latest_update(action: Action) -> ProgressUpdate | None:
    # The action's page has its updates prefetched, newest first (ProgressUpdate's
    # ordering): read from there, this costs it no query.
    return next(iter(action.updates.all()), None)


def _checked_by_the_manager(update: ProgressUpdate) -> bool:
    # rounds.models.ReturnReview, read through its reverse relation: rounds sits above
    # actions, and this is no import of it.
    return update.reviews.exists()


def update_correction_refusal(
    *, update: ProgressUpdate, user: User, now: datetime.datetime | None = None
) -> str | None:
    """Why this person may not correct this update now, if they may not: only its author,
    only the action's latest update and only one they wrote themselves (not the note a
    closure step records), within CORRECTION_WINDOW of recording it and before the manager
    has checked it, and only while they may still update the action. The check against
    the manager's review, the one that needs a query, comes last."""
    action = update.action
    if not permissions.can_update_action(user, action):
        return "This action can no longer be updated, so its updates cannot be corrected"
    if update.author_id != user.pk:
        author = update.author.get_full_name() or update.author.username
        return f"Only {author}, who wrote this update, can correct it"
    latest = _latest_update(action)
    if latest is None or latest.pk != update.pk:
        return f"Only the action's latest update can be corrected: {RECORD_A_NEW_UPDATE}"
    # Every update recorded through progress_update_record carries a submission key; the
    # notes closure_propose, closure_not_agree and action_reopen write have none. Those
    # say what the service did, not what the owner reported, so they stay as written.
    if update.submission_key is None:
        return "This update records a step of the action's closure and cannot be corrected"
    closes_at = correction_closes_at(update)
    if (now or timezone.now()) >= closes_at:
        recorded_at = timezone.localtime(update.created_at)
        return (
            "An update can be corrected only in the 24 hours after it is recorded, and this "
            f"one was recorded at {recorded_at:%H:%M} on {recorded_at:%-d %B %Y}: "
            + RECORD_A_NEW_UPDATE
        )
    if _checked_by_the_manager(update):
        return (
            "The manager has checked this update, so it can no longer be corrected: "
            + RECORD_A_NEW_UPDATE
        )
    return None


def action_before_update(update: ProgressUpdate) -> Action:
    """The action as it stood before the update, for judging a correction by the rules of a
    new update: its RAG then was the update's previous RAG. A copy: the action itself is
    untouched."""
    before = copy.copy(update.action)
    if update.previous_rag:
        before.rag = update.previous_rag
    return before


@transaction.atomic
def update_correct(
    *,
    update: ProgressUpdate,
    user: User,
    narrative: str,
    rag: str,
    percent_complete: int | None,
    rag_change_reason: str,
    expected_version: int,
    address: str | None = None,
) -> UpdateCorrection:
    """The author corrects their last update: it takes the corrected words, RAG, per cent
    complete and reason, and so does the action's RAG. The rules of a new update apply,
    judged against the RAG the action had before it (a worse RAG says why). What it said
    before is kept and shown with it; the audit trail records the correction. Its evidence
    stays as it was (more can be added from the action's page)."""
    refusal = update_correction_refusal(update=update, user=user)
    if refusal:
        raise ValidationError(refusal)
    services.progress_update_check(
        action=action_before_update(update),
        rag=rag,
        rag_change_reason=rag_change_reason,
        percent_complete=percent_complete,
    )
    action = update.action
    services._claim(action, expected_version=expected_version, user=user)
    correction = UpdateCorrection(
        update=update,
        corrected_by=user,
        previous_narrative=update.narrative,
        previous_rag=update.rag,
        previous_percent_complete=update.percent_complete,
        previous_rag_change_reason=update.rag_change_reason,
    )
    services._save(correction)
    update.narrative = narrative
    update.rag = rag
    update.percent_complete = percent_complete
    update.rag_change_reason = rag_change_reason
    update.corrected_at = correction.corrected_at
    services._save(update)
    action.rag = rag
    services._save_action(action)
    services._governance(
        EventKind.UPDATE_CORRECTED,
        action=action,
        user=user,
        address=address,
        detail=f"Corrected the update of {update.date:%-d %B %Y} on "
        f"{services.action_trail_name(action)}",
    )
    return correction
