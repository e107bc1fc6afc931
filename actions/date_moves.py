"""The record that a target date moved with an approval.

Every move of an action's target date has an approved TargetDateRequest behind it: an
owner's request approved by the manager or an executive member (actions.date_requests), or
the manager's own move in the plan, recorded here as approved by them, with their reason.
"""

import datetime

from django.utils import timezone

from actions.models import Action, TargetDateRequest, TargetDateRequestStatus
from people.models import User


def record_plan_move(
    *, action: Action, user: User, previous_date: datetime.date, reason: str
) -> TargetDateRequest:
    """The manager moved the date in the plan: their edit is the approval, on record."""
    now = timezone.now()
    return TargetDateRequest.objects.create(
        action=action,
        requested_by=user,
        requested_at=now,
        current_date=previous_date,
        proposed_date=action.target_date,
        reason=reason,
        status=TargetDateRequestStatus.APPROVED,
        decided_by=user,
        decided_at=now,
        decision_comment="Moved by the partnership manager in the plan.",
    )
