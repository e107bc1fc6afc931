"""The suggested RAG: what the product makes of an action from the facts it holds, beside
the RAG its owner gave. The owner's RAG stands; where it is better than the suggestion,
every page and document shows both, in the words `Suggestion.words` gives.

The rule, worded once (RULE_IN_WORDS says it to people):

- past its target date and not complete: Red;
- otherwise, when the latest update gives a per cent complete: the Camms rule. The time
  gone is the share of the days from the action's start to its target date that have
  passed. The start is the action's own start date; without one, the date of the
  inspection's letter (the day the plan began); without that, the day the action was
  added. Progress divided by time gone, in per cent of what is due by now, at or above
  the partnership's on-track figure is Green, below its off-track figure Red, between
  them Amber;
- otherwise no suggestion.

Apart from the suggestion, an open action with no update for longer than the partnership's
update interval is flagged "not updated" (a flag, not a RAG).

The functions here are pure (dates and numbers in, a Suggestion out), so the thresholds'
edges are tested exactly; `action_suggestion` reads them off an action annotated by
`actions.selectors.with_suggestion` (a list) or loaded by `action_for_page` (its page).
"""

import datetime
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils import timezone

from actions.rag import RAG, is_overdue

DEFAULT_ON_TRACK_PERCENT = 90
DEFAULT_OFF_TRACK_PERCENT = 70
DEFAULT_UPDATE_INTERVAL_DAYS = 62


@dataclass(frozen=True)
class Thresholds:
    """A partnership's figures for the suggestion (Partnership.on_track_percent and so on)."""

    on_track_percent: int = DEFAULT_ON_TRACK_PERCENT
    off_track_percent: int = DEFAULT_OFF_TRACK_PERCENT
    update_interval_days: int = DEFAULT_UPDATE_INTERVAL_DAYS

    @classmethod
    def of(cls, partnership: Any) -> "Thresholds":
        return cls(
            on_track_percent=partnership.on_track_percent,
            off_track_percent=partnership.off_track_percent,
            update_interval_days=partnership.update_interval_days,
        )


def rule_in_words(thresholds: Thresholds) -> str:
    """How the suggestion is worked out, as the pages and documents state it."""
    return (
        "The product suggests Red for an action past its target date and not complete. "
        "Otherwise, when the latest update gives a per cent complete, it compares that with "
        "the time gone: the share of the days from the action's start (its start date, or "
        "else the date of the inspection letter, or else the day it was added to the plan) "
        "to its target date that have passed. Progress of "
        f"{thresholds.on_track_percent}% or more of what is due by now suggests Green, "
        f"less than {thresholds.off_track_percent}% suggests Red, and in between Amber. "
        "An open action with no update for more than "
        f"{thresholds.update_interval_days} days is flagged not updated."
    )


@dataclass(frozen=True)
class Suggestion:
    """The product's RAG for an action (None: the facts suggest nothing), the words that
    explain it, the owner's RAG beside it, and whether the action is flagged not updated."""

    rag: RAG | None
    words: str = ""
    owner_rag: str = ""
    not_updated: bool = False
    not_updated_words: str = ""

    @property
    def owner_rag_status(self) -> RAG:
        return RAG(self.owner_rag)

    @property
    def owner_better(self) -> bool:
        """The owner's RAG is better than the suggestion: then both are shown, and the
        owner saving it is asked why."""
        return (
            self.rag is not None and bool(self.owner_rag) and self.rag.is_worse_than(self.owner_rag)
        )

    @property
    def reason_asked(self) -> str:
        """What the owner is told when saving a RAG better than the suggestion."""
        label = self.rag.label if self.rag else ""
        return (
            f"The product suggests {label}: {self.words}. "
            f"Say why the action is {self.owner_rag_status.label}."
        )


def _half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def time_gone_share(*, start: datetime.date, target: datetime.date, on: datetime.date) -> Fraction:
    """The share of the days from start to target that have passed by `on`, from 0 to 1."""
    total = (target - start).days
    if total <= 0:
        return Fraction(1) if on >= target else Fraction(0)
    gone = min(max((on - start).days, 0), total)
    return Fraction(gone, total)


def progress_words(*, time_gone: Fraction, percent_complete: int) -> str:
    """The explanation of a suggestion from progress, e.g. "80% of the time gone, 20% done"."""
    return f"{_half_up(time_gone * 100)}% of the time gone, {percent_complete}% done"


def overdue_words(target: datetime.date) -> str:
    return f"the target date, {target:%-d %B %Y}, has passed and the action is not complete"


def camms_rag(*, time_gone: Fraction, percent_complete: int, thresholds: Thresholds) -> RAG:
    """Progress reported against progress due (time gone), in per cent: Green at or above
    on-track, Red below off-track, Amber between. Worked in whole numbers, with no
    rounding, so a figure exactly on a threshold is on it."""
    if time_gone == 0:
        return RAG.GREEN  # nothing is due yet
    # percent_complete / (time_gone * 100) * 100 compared with each threshold
    progress_of_due = Fraction(percent_complete) / time_gone
    if progress_of_due >= thresholds.on_track_percent:
        return RAG.GREEN
    if progress_of_due < thresholds.off_track_percent:
        return RAG.RED
    return RAG.AMBER


def not_updated_since(
    *, last_update_on: datetime.date, on: datetime.date, thresholds: Thresholds
) -> bool:
    """No update for longer than the partnership's interval."""
    return (on - last_update_on).days > thresholds.update_interval_days


def suggest(
    *,
    owner_rag: str,
    target_date: datetime.date,
    start: datetime.date,
    percent_complete: int | None,
    last_update_on: datetime.date | None,
    added_on: datetime.date,
    on: datetime.date,
    thresholds: Thresholds,
    archived: bool = False,
) -> Suggestion:
    """The suggested RAG of an action as at `on` (see the module's rule). `last_update_on`
    is its latest update's date (None: never updated, counted from `added_on`);
    `percent_complete` is the latest update's, when it gave one."""
    if archived or owner_rag == RAG.COMPLETE:
        return Suggestion(rag=None, owner_rag=owner_rag)
    # Counted from the latest update (or the day it was added), and never from before the
    # action starts: an action whose start is still to come is not "not updated".
    since = max(last_update_on or added_on, start)
    stale = not_updated_since(last_update_on=since, on=on, thresholds=thresholds)
    stale_words = (
        f"no update for {(on - since).days} days, more than the "
        f"{thresholds.update_interval_days} the partnership allows"
        if stale
        else ""
    )
    if is_overdue(owner_rag, target_date, on):
        rag: RAG | None = RAG.RED
        words = overdue_words(target_date)
    elif percent_complete is None:
        rag, words = None, ""
    else:
        gone = time_gone_share(start=start, target=target_date, on=on)
        rag = camms_rag(time_gone=gone, percent_complete=percent_complete, thresholds=thresholds)
        words = progress_words(time_gone=gone, percent_complete=percent_complete)
    return Suggestion(
        rag=rag,
        words=words,
        owner_rag=owner_rag,
        not_updated=stale,
        not_updated_words=stale_words,
    )


# --- Reading the facts off an action -----------------------------------------------------


def action_start(action: Any) -> datetime.date:
    """The start the time gone runs from: the action's start date, else the inspection
    letter's date (annotated as `plan_letter_date` on lists; read through the plan's
    inspection, selected with it, on the action's page), else the day it was added."""
    if action.start_date:
        return action.start_date  # type: ignore[no-any-return]
    if hasattr(action, "plan_letter_date"):
        letter = action.plan_letter_date
    else:
        inspection = getattr(action.finding.plan, "inspection", None)
        letter = inspection.letter_date if inspection is not None else None
    if letter:
        return letter  # type: ignore[no-any-return]
    return _added_on(action)


def _added_on(action: Any) -> datetime.date:
    if action.created_at is None:  # not saved yet
        return timezone.localdate()
    return timezone.localdate(action.created_at)


def action_suggestion(action: Any, *, on: datetime.date | None = None) -> Suggestion:
    """The suggestion for an action as at `on` (today by default). Its latest update's
    per cent and date come from `with_suggestion`'s annotations when present, otherwise
    from its prefetched updates (the action's page)."""
    on = on or timezone.localdate()
    if hasattr(action, "latest_percent"):
        percent, last_on = action.latest_percent, action.last_update_on
    else:
        latest = next(iter(action.updates.all()), None)
        percent = latest.percent_complete if latest else None
        last_on = latest.date if latest else None
    return suggest(
        owner_rag=action.rag,
        target_date=action.target_date,
        start=action_start(action),
        percent_complete=percent,
        last_update_on=last_on,
        added_on=_added_on(action),
        on=on,
        thresholds=Thresholds.of(action.finding.plan.partnership),
        archived=action.archived_at is not None,
    )


def suggestion_for_new_update(
    action: Any, *, rag: str, percent_complete: int | None, on: datetime.date | None = None
) -> Suggestion:
    """The suggestion once an update giving `rag` and `percent_complete` is saved on `on`
    (today): what progress_update_record holds the owner's RAG to. Reads the partnership
    and the plan's start only when a per cent is given and the action is not overdue, so
    checking a spreadsheet's rows (which give no per cent) reads nothing more."""
    on = on or timezone.localdate()
    if is_overdue(rag, action.target_date, on, archived=action.archived_at is not None):
        return Suggestion(rag=RAG.RED, words=overdue_words(action.target_date), owner_rag=rag)
    if percent_complete is None or action.archived_at is not None:
        return Suggestion(rag=None, owner_rag=rag)
    gone = time_gone_share(start=action_start(action), target=action.target_date, on=on)
    thresholds = Thresholds.of(action.finding.plan.partnership)
    return Suggestion(
        rag=camms_rag(time_gone=gone, percent_complete=percent_complete, thresholds=thresholds),
        words=progress_words(time_gone=gone, percent_complete=percent_complete),
        owner_rag=rag,
    )
