"""The partnership's figures for the suggested RAG (actions.suggested), as its manager sets
them on the partnership's settings page: on track at or above, off track below, and the
days an open action may go without an update before it is flagged "not updated".

Here rather than in actions: the settings page lives in people (below actions), and the
figures are the partnership's own, held on its record at the ground floor.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import EventKind
from audit.trail import record
from partnerships.versioning import version_claim

OFF_TRACK_NOT_BELOW_ON_TRACK = (
    "The off-track figure must be lower than the on-track figure, so that Amber lies between them"
)

# What the audit trail calls each figure.
SUGGESTION_SETTINGS = {
    "on_track_percent": ("Green at or above", "%"),
    "off_track_percent": ("Red below", "%"),
    "update_interval_days": ("not updated after", " days"),
}


def suggestion_settings_check(*, on_track_percent: int, off_track_percent: int) -> None:
    """Amber is the band between the two figures, so off-track must be below on-track."""
    if off_track_percent >= on_track_percent:
        raise ValidationError({"off_track_percent": OFF_TRACK_NOT_BELOW_ON_TRACK})


@transaction.atomic
def suggestion_settings_change(
    *,
    partnership: Any,
    on_track_percent: int,
    off_track_percent: int,
    update_interval_days: int,
    expected_version: int,
    by: Any,
    address: str | None,
) -> bool:
    """The manager changes the figures the product suggests a RAG by. Returns whether
    anything changed; only a change goes in the audit trail, with the figures before and
    after. Refused (StaleEdit) when the partnership's settings were saved by someone else
    after this page was opened; refused (ValidationError) when off-track is not below
    on-track."""
    suggestion_settings_check(
        on_track_percent=on_track_percent, off_track_percent=off_track_percent
    )
    partnership.refresh_from_db(fields=[*SUGGESTION_SETTINGS, "version"])
    wanted = {
        "on_track_percent": on_track_percent,
        "off_track_percent": off_track_percent,
        "update_interval_days": update_interval_days,
    }
    before = {name: getattr(partnership, name) for name in wanted}
    changed = [name for name, value in wanted.items() if before[name] != value]
    if not changed:
        return False
    version_claim(partnership, expected_version=expected_version)
    for name in changed:
        setattr(partnership, name, wanted[name])
    partnership.full_clean()
    partnership.save(update_fields=[*changed, "version"])
    words = []
    for name in changed:
        label, unit = SUGGESTION_SETTINGS[name]
        words.append(f"{label} {wanted[name]}{unit} (was {before[name]}{unit})")
    record(
        EventKind.SETTINGS_CHANGED,
        partnership_id=partnership.pk,
        detail="Suggested status: " + "; ".join(words),
        user=by,
        address=address,
    )
    return True
