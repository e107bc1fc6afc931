"""{% date_requests_of action user as target_dates %}: what the action page's part on new
target dates shows, from the requests the page prefetched (no query), so the action's view
need not know of it."""

from dataclasses import dataclass
from typing import Any

from django import template

from actions import date_requests
from actions.models import TargetDateRequest, TargetDateRequestStatus
from people import permissions

register = template.Library()


@dataclass(frozen=True)
class DecidedRequest:
    date_request: TargetDateRequest
    # The manager's own move in the plan (actions.date_moves), not an owner's request.
    moved_in_plan: bool


@dataclass(frozen=True)
class TargetDates:
    pending: TargetDateRequest | None
    decided: list[DecidedRequest]
    can_ask: bool
    # The action is overdue or due within date_requests.ASK_WINDOW_DAYS: the page prompts.
    ask_now: bool
    can_decide: bool
    asked_by_viewer: bool
    window_days: int = date_requests.ASK_WINDOW_DAYS


@register.simple_tag
def date_requests_of(action: Any, user: Any) -> TargetDates:
    every = list(action.date_requests.all())
    pending = next((r for r in every if r.status == TargetDateRequestStatus.PENDING), None)
    return TargetDates(
        pending=pending,
        decided=[
            DecidedRequest(date_request=r, moved_in_plan=date_requests.is_plan_move(r))
            for r in every
            if r.status != TargetDateRequestStatus.PENDING
        ],
        can_ask=pending is None and permissions.can_request_target_date(user, action),
        ask_now=date_requests.may_ask_now(action),
        can_decide=pending is not None
        and permissions.can_decide_target_date(user, action)
        and date_requests.self_decision(pending, user) is None,
        asked_by_viewer=pending is not None and pending.requested_by_id == user.pk,
    )
