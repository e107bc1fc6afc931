"""Everything that changes an update round: opening it, chasing owners, checking returns."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from actions.models import Plan, PlanStatus
from actions.services import action_trail_name, plan_trail_name
from audit.models import EventKind
from audit.trail import record
from govuk.working_days import working_days_from
from people.models import User
from rounds import emails
from rounds.models import (
    DEADLINE_WORKING_DAYS_BEFORE_MEETING,
    EmailKind,
    ReturnReview,
    ReviewDecision,
    UpdateRound,
)
from rounds.selectors import (
    ActionReturn,
    current_round,
    emailed_today,
    owners_due,
    owners_of,
)


def suggest_deadline(meeting_date: datetime.date) -> datetime.date:
    """5 working days before the meeting, bank holidays skipped: time to check the returns
    and send the papers."""
    return working_days_from(meeting_date, -DEADLINE_WORKING_DAYS_BEFORE_MEETING)


def round_open(
    *,
    plan: Plan,
    user: User,
    meeting_date: datetime.date,
    deadline: datetime.date | None = None,
    address: str | None = None,
) -> tuple[UpdateRound, emails.Delivery]:
    """Asks every owner to update their open actions before the meeting: each gets one
    e-mail listing them all. The deadline, when not given, is the suggested one.

    The round is saved first and the e-mails sent after: a mail server failing halfway
    neither loses the round nor, on a second try, e-mails again the owners it reached.
    Each e-mail that fails is left unrecorded, so send_reminders sends it on its next run.
    Called inside a caller's transaction (ATOMIC_REQUESTS), the e-mails go before that
    commits: the view that opens rounds is outside it. The audit trail records the opening
    with the round, whatever the mail server does."""
    update_round = _round_create(
        plan=plan,
        user=user,
        meeting_date=meeting_date,
        deadline=deadline or suggest_deadline(meeting_date),
        address=address,
    )
    delivery = emails.send_each(
        [
            emails.update_request(
                kind=EmailKind.ROUND_OPEN,
                update_round=update_round,
                recipient=owner,
                actions=actions,
                occasion=emails.round_occasion(update_round),
            )
            for owner, actions in owners_due(update_round=update_round).items()
        ]
    )
    return update_round, delivery


def _round_create(
    *,
    plan: Plan,
    user: User,
    meeting_date: datetime.date,
    deadline: datetime.date,
    address: str | None,
) -> UpdateRound:
    if plan.status == PlanStatus.CLOSED:
        # A closed plan's actions take no more updates, so a round would ask for none.
        raise ValidationError(
            "This plan is closed, so its actions take no more updates and no round can be opened"
        )
    today = timezone.localdate()
    if meeting_date < today:
        raise ValidationError({"meeting_date": "The meeting date must be today or in the future"})
    if deadline < today:
        raise ValidationError({"deadline": "The deadline must be today or in the future"})
    if deadline > meeting_date:
        raise ValidationError({"deadline": "The deadline must be on or before the meeting date"})
    try:
        with transaction.atomic():
            # One round at a time per plan: two managers opening rounds at once queue on
            # the plan's row (PostgreSQL), and the second then finds the first's round.
            Plan.objects.select_for_update().filter(pk=plan.pk).exists()
            if open_round := current_round(plan=plan, today=today):
                raise _already_open(open_round)
            update_round = UpdateRound(
                plan=plan,
                meeting_date=meeting_date,
                deadline=deadline,
                opened_by=user,
                opened_at=timezone.now(),
            )
            update_round.full_clean()
            update_round.save()
            record(
                EventKind.ROUND_OPENED,
                user=user,
                address=address,
                partnership_id=plan.partnership_id,
                detail=f"Opened the update round on {plan_trail_name(plan)} for the meeting "
                f"on {meeting_date:%-d %B %Y}, updates due by {deadline:%-d %B %Y}",
            )
    except IntegrityError:
        raise _already_open(current_round(plan=plan, today=today)) from None
    return update_round


def _already_open(open_round: UpdateRound | None) -> ValidationError:
    when = f" on {open_round.meeting_date:%-d %B %Y}" if open_round else ""
    return ValidationError({"meeting_date": f"A round is already open for the meeting{when}"})


@transaction.atomic
def owner_chase(*, update_round: UpdateRound, owner: User, user: User) -> None:
    """Sends one owner a reminder now of the actions they have not yet returned. Once a
    day, counting the service's own round e-mails: an owner reminded this morning is not
    chased again this afternoon."""
    actions = owners_due(update_round=update_round).get(owner)
    if not actions:
        raise ValidationError(f"{owner} has no actions left to update in this round")
    today = timezone.localdate()
    if owner.pk in emailed_today(update_round=update_round, today=today):
        raise ValidationError(f"{owner} was already e-mailed about this round today")
    sent = emails.send(
        emails.update_request(
            kind=EmailKind.CHASE,
            update_round=update_round,
            recipient=owner,
            actions=actions,
            occasion=f"{emails.round_occasion(update_round)}/{today:%Y-%m-%d}",
        )
    )
    if not sent:
        raise ValidationError(f"{owner} was already sent a reminder today")


class ReturnChanged(ValidationError):
    """The owner recorded another update after the manager opened the check page: the
    decision would judge an update the manager never read."""


ALREADY_CHECKED = "Someone has already checked this update"


@dataclass
class ReturnChecked:
    review: ReturnReview
    # Owners whose "more detail" e-mail the mail server refused: the manager tells them.
    not_emailed: list[User]


@transaction.atomic
def return_check(
    *,
    update_round: UpdateRound,
    action: ActionReturn,
    user: User,
    update_id: int,
    decision: str,
    comment: str = "",
    address: str | None = None,
) -> ReturnChecked:
    """The manager accepts the update the page showed them, or sends it back for more detail
    with a comment: the owner then gets an e-mail, and the update shows "returned for more
    detail" until they revise it. `action` comes from selectors.action_return, read now;
    `update_id` is the update the manager read. The audit trail records the decision."""
    if action.return_id is None:
        raise ValidationError("This action has not been updated in this round yet")
    if action.return_id != update_id:
        raise ReturnChanged(
            "The owner has updated this action since you opened it: check the new update"
        )
    if action.review_decision:
        raise ValidationError(ALREADY_CHECKED)
    comment = comment.strip()
    if decision == ReviewDecision.SENT_BACK and not comment:
        raise ValidationError({"comment": "Enter what more detail the update needs"})
    review = ReturnReview(
        update_round=update_round,
        update_id=update_id,
        decision=decision,
        comment=comment if decision == ReviewDecision.SENT_BACK else "",
        reviewed_by=user,
    )
    # The one-review-per-update rule is left to the database, where two managers checking
    # the same update at once meet.
    review.full_clean(exclude=["update"])
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ValidationError(ALREADY_CHECKED) from None
    name = action_trail_name(action)
    meeting = f"the round for the meeting on {update_round.meeting_date:%-d %B %Y}"
    record(
        EventKind.RETURN_CHECKED,
        user=user,
        address=address,
        partnership_id=update_round.plan.partnership_id,
        detail=f"Accepted the update on {name} in {meeting}"
        if decision == ReviewDecision.ACCEPTED
        else f"Returned the update on {name} in {meeting} for more detail: {comment}",
    )
    not_emailed = []
    if decision == ReviewDecision.SENT_BACK:
        owners = owners_of(actions=[action], partnership_id=update_round.plan.partnership_id)
        # The decision stands whatever the mail server does; a refused e-mail is the
        # manager's to follow up, not a reason to lose the review.
        delivery = emails.send_each(
            [emails.sent_back(review=review, recipient=owner, action=action) for owner in owners]
        )
        not_emailed = [email.recipient for email, _ in delivery.failed]
    return ReturnChecked(review=review, not_emailed=not_emailed)
