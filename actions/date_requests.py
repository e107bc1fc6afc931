"""A new target date, asked for and decided.

An owner whose action is past its target date, or soon will be, asks for a new date with
the reason; the partnership's managers are e-mailed that it awaits a decision. A manager or
an executive member (never the person who asked) approves it, and the action's date moves
with the reason on record and the date first agreed kept; or refuses it, saying why, and
the date stays. Either way the owner is told. Every rule and its words are here: the forms
run the same checks, so a page shows these words beside the field they are about.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from actions import services
from actions.models import Action, Plan, PlanStatus, TargetDateRequest, TargetDateRequestStatus
from audit.models import EventKind
from notifications.emails import email_each
from people.models import Role, User

# An owner is asked to say early that a date will slip: within this many days of the
# target date (or past it), the action's page offers a new date prominently.
ASK_WINDOW_DAYS = 30

ONE_AT_A_TIME = (
    "A new target date for this action is already waiting for a decision: the manager or "
    "an executive member must approve or refuse it before another can be asked for"
)
NOTHING_PENDING = "No new target date for this action is waiting for a decision"


def may_ask_now(action: Action, *, today: datetime.date | None = None) -> bool:
    """Whether the action's page prompts its owner to ask for a new date: it is overdue,
    or its target date is within ASK_WINDOW_DAYS. (The owner may ask earlier too: the link
    is always there for them, only less prominent, since a slip known early is better told
    early.)"""
    today = today or timezone.localdate()
    if action.is_archived or action.is_complete:
        return False
    return action.target_date <= today + datetime.timedelta(days=ASK_WINDOW_DAYS)


def awaiting_decision(*, plan: Plan | int | OuterRef) -> QuerySet[TargetDateRequest]:
    """A plan's new target dates awaiting a decision, for actions still in it. `plan` is a
    Plan, its id, or an OuterRef to one (the home page counts each plan's in one query)."""
    return TargetDateRequest.objects.filter(
        # As a Q: an OuterRef is as good as a plan here, whatever django-stubs says.
        Q(action__finding__plan=plan),
        action__archived_at__isnull=True,
        status=TargetDateRequestStatus.PENDING,
    )


def pending_request(action: Action) -> TargetDateRequest | None:
    """The request awaiting a decision, if any (there is at most one: a database rule). From
    the prefetched requests where the page fetched them."""
    return next(
        (r for r in action.date_requests.all() if r.status == TargetDateRequestStatus.PENDING),
        None,
    )


def is_plan_move(date_request: TargetDateRequest) -> bool:
    """Whether the request is the manager's own move in the plan (actions.date_moves): the
    only one its maker decides, since nobody decides a request of their own."""
    return (
        date_request.status == TargetDateRequestStatus.APPROVED
        and date_request.requested_by_id == date_request.decided_by_id
    )


def _why_closed(action: Action) -> str | None:
    """Why no new date can be asked for or approved now, if none can."""
    if action.is_archived:
        return "This action is archived: its target date no longer moves"
    if action.is_complete:
        return "This action is complete: its target date no longer moves"
    if action.finding.plan.status == PlanStatus.CLOSED:
        return "This plan is closed: its target dates no longer move"
    return None


def _date_errors(action: Action, proposed_date: datetime.date) -> dict[str, str]:
    if proposed_date == action.target_date:
        return {
            "proposed_date": "The new target date must be different from the current one "
            f"({action.target_date:%-d %B %Y})"
        }
    if proposed_date < timezone.localdate():
        return {"proposed_date": "The new target date must be today or in the future"}
    return {}


def date_request_check(*, action: Action, proposed_date: datetime.date | None, reason: str) -> None:
    """The rules of asking, which the request form also runs: the action open, no other
    request waiting, a date that moves it and is not in the past, and a reason."""
    closed = _why_closed(action)
    if closed:
        raise ValidationError(closed)
    if action.date_requests.filter(status=TargetDateRequestStatus.PENDING).exists():
        raise ValidationError(ONE_AT_A_TIME)
    errors = _date_errors(action, proposed_date) if proposed_date is not None else {}
    if not reason.strip():
        errors["reason"] = "Enter why the target date must move"
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class DateRequestOutcome:
    date_request: TargetDateRequest
    # Whom the mail server refused: the person who acted tells them instead.
    not_emailed: list[User]


def date_request_create(
    *,
    action: Action,
    user: User,
    proposed_date: datetime.date,
    reason: str,
    address: str | None = None,
) -> DateRequestOutcome:
    """An owner asks for a new target date with the reason. The request is saved with the
    date as it stands, the audit trail records it, and the partnership's managers are
    e-mailed that it awaits a decision (the request stands whatever the mail server does)."""
    with transaction.atomic():
        date_request_check(action=action, proposed_date=proposed_date, reason=reason)
        date_request = TargetDateRequest(
            action=action,
            requested_by=user,
            current_date=action.target_date,
            proposed_date=proposed_date,
            reason=reason.strip(),
        )
        date_request.full_clean(validate_constraints=False)
        try:
            # Two people asking at once: the database's one-pending rule stops the second.
            with transaction.atomic():
                date_request.save()
        except IntegrityError as clash:
            raise ValidationError(ONE_AT_A_TIME) from clash
        services._governance(
            EventKind.TARGET_DATE_REQUESTED,
            action=action,
            user=user,
            address=address,
            detail=f"Asked for a new target date for {services.action_trail_name(action)}: "
            f"{proposed_date:%-d %B %Y} instead of {action.target_date:%-d %B %Y}. "
            f"{date_request.reason}",
        )
    return DateRequestOutcome(date_request=date_request, not_emailed=_email_managers(date_request))


def self_decision(date_request: TargetDateRequest, user: User) -> str | None:
    """Why this person may not decide this request, if they may not: nobody decides the
    date they asked for themselves."""
    if date_request.requested_by_id == user.pk:
        return (
            "You asked for this new target date, so another manager or an executive member "
            "must approve or refuse it"
        )
    return None


def date_request_decision_check(
    *, date_request: TargetDateRequest, user: User, approved: bool, comment: str
) -> None:
    """The rules of a decision, which the decision form also runs: not the requester's own;
    an approval only while the action is open and the date still ahead; a refusal says why."""
    refusal = self_decision(date_request, user)
    if refusal:
        raise ValidationError(refusal)
    action = date_request.action
    if approved:
        closed = _why_closed(action)
        if closed:
            raise ValidationError(closed)
        if date_request.proposed_date < timezone.localdate():
            raise ValidationError(
                f"The new target date asked for ({date_request.proposed_date:%-d %B %Y}) has "
                "passed: refuse it and ask the owner for another"
            )
    elif not comment.strip():
        raise ValidationError(
            {"decision_comment": "Enter why the new target date is refused: the owner is told"}
        )


def _pending_for_decision(action: Action) -> TargetDateRequest:
    date_request = action.date_requests.filter(status=TargetDateRequestStatus.PENDING).first()
    if date_request is None:
        raise ValidationError(NOTHING_PENDING)
    date_request.action = action  # the caller's copy, with its relations and version
    return date_request


def _decided(date_request: TargetDateRequest, *, user: User, status: str, comment: str) -> None:
    """Records the decision, once: of two decisions made at once the second finds the
    request decided (one UPDATE ... WHERE status = pending, under the row's lock)."""
    now = timezone.now()
    claimed = TargetDateRequest.objects.filter(
        pk=date_request.pk, status=TargetDateRequestStatus.PENDING
    ).update(status=status, decided_by=user, decided_at=now, decision_comment=comment)
    if not claimed:
        raise ValidationError("Someone else decided this request while you were looking at it")
    date_request.status, date_request.decided_by, date_request.decided_at = status, user, now
    date_request.decision_comment = comment


@transaction.atomic
def date_request_approve(
    *,
    action: Action,
    user: User,
    comment: str = "",
    expected_version: int,
    address: str | None = None,
) -> TargetDateRequest:
    """The manager or an executive member approves the new date: the action's target date
    moves to it, with the owner's reason as the reason for the change; the date first
    agreed stays on the action. The change history names who approved it."""
    date_request = _pending_for_decision(action)
    comment = comment.strip()
    date_request_decision_check(
        date_request=date_request, user=user, approved=True, comment=comment
    )
    services._claim(action, expected_version=expected_version, user=user)
    _decided(date_request, user=user, status=TargetDateRequestStatus.APPROVED, comment=comment)
    action.target_date = date_request.proposed_date
    action.target_date_change_reason = date_request.reason
    services._save_action(action)
    services._governance(
        EventKind.TARGET_DATE_APPROVED,
        action=action,
        user=user,
        address=address,
        detail=f"Approved a new target date for {services.action_trail_name(action)}: "
        f"{date_request.proposed_date:%-d %B %Y} instead of "
        f"{date_request.current_date:%-d %B %Y}, as asked by {date_request.requested_by}"
        + (f". {comment}" if comment else ""),
    )
    return date_request


@transaction.atomic
def date_request_refuse(
    *,
    action: Action,
    user: User,
    comment: str,
    address: str | None = None,
) -> TargetDateRequest:
    """The manager or an executive member refuses the new date, saying why: the target
    date stays as it is and the request stays on record with the reason."""
    date_request = _pending_for_decision(action)
    comment = comment.strip()
    date_request_decision_check(
        date_request=date_request, user=user, approved=False, comment=comment
    )
    _decided(date_request, user=user, status=TargetDateRequestStatus.REFUSED, comment=comment)
    services._governance(
        EventKind.TARGET_DATE_REFUSED,
        action=action,
        user=user,
        address=address,
        detail=f"Refused a new target date for {services.action_trail_name(action)} "
        f"({date_request.proposed_date:%-d %B %Y}, asked by {date_request.requested_by}): "
        f"{comment}",
    )
    return date_request


def date_request_decide(
    *,
    action: Action,
    user: User,
    approved: bool,
    comment: str,
    expected_version: int,
    address: str | None = None,
) -> DateRequestOutcome:
    """Records the decision (date_request_approve or date_request_refuse), then e-mails it
    to whoever asked and the action's lead officer. The decision stands whatever the mail
    server does."""
    if approved:
        date_request = date_request_approve(
            action=action,
            user=user,
            comment=comment,
            expected_version=expected_version,
            address=address,
        )
    else:
        date_request = date_request_refuse(
            action=action, user=user, comment=comment, address=address
        )
    return DateRequestOutcome(date_request=date_request, not_emailed=_email_decision(date_request))


# --- E-mails -------------------------------------------------------------------------------


def _context(date_request: TargetDateRequest) -> dict[str, object]:
    action = date_request.action
    return {
        "date_request": date_request,
        "action": action,
        "partnership": action.finding.plan.partnership,
        "site_url": settings.SITE_URL,
        "action_url": settings.SITE_URL + action.get_absolute_url(),
        "decide_url": settings.SITE_URL + reverse("actions:date_request_decide", args=[action.pk]),
    }


def _email_managers(date_request: TargetDateRequest) -> list[User]:
    action = date_request.action
    managers = list(
        User.objects.filter(
            partnership_id=action.finding.plan.partnership_id,
            role=Role.MANAGER,
            is_active=True,
        )
        .exclude(email="")
        .exclude(pk=date_request.requested_by_id)
        .order_by("last_name", "first_name", "pk")
    )
    return email_each(
        managers,
        subject=f"Action {action.reference}: a new target date awaits your decision",
        template="emails/date_request_made",
        context=_context(date_request),
    )


def _email_decision(date_request: TargetDateRequest) -> list[User]:
    action = date_request.action
    people = [date_request.requested_by]
    if action.lead_officer is not None and action.lead_officer_id != date_request.requested_by_id:
        people.append(action.lead_officer)
    approved = date_request.status == TargetDateRequestStatus.APPROVED
    return email_each(
        [person for person in people if person.is_active and person.email],
        subject=f"Action {action.reference}: new target date "
        + ("approved" if approved else "refused"),
        template="emails/date_request_decided",
        context={**_context(date_request), "approved": approved},
    )
