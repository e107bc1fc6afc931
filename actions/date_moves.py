"""The record that a target date moved with an approval.

Every move of an action's target date has an approved TargetDateRequest behind it: an
owner's request approved by the manager or an executive member (actions.date_requests), or
the manager's own move in the plan, recorded here as approved by them, with their reason.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from actions.models import Action, TargetDateRequest, TargetDateRequestStatus
from people.models import User


def plan_move_check(*, action: Action, user: User, target_date: datetime.date | None) -> None:
    """Whether the manager may move the date in the plan: not of an action they lead, whose
    new date they would be approving for themselves. They ask, as any owner does."""
    if target_date is None or target_date == action.target_date:
        return
    if action.lead_officer_id == user.pk:
        raise ValidationError(
            {
                "target_date": "You lead this action, so someone else decides its new date: "
                "ask for a new target date from the action's page, and another manager or an "
                "executive member approves or refuses it"
            }
        )


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
