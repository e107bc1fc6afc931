"""What send_reminders sends on a given day: only what is due that day and not yet sent.

Per round, each owner gets at most one of these a day, the one the calendar calls for, and
none on a day the manager chased them or the round opened:
- from the day the round opens: the round-open e-mail, if they have not had it;
- from 2 working days before the deadline: one reminder, if anything is not yet returned;
- on the deadline: a last reminder, with a copy to the partnership's managers.
Once a week (the first run of each week): each owner's overdue actions. From the deadline
to the meeting: executive members hear of the closures awaiting their agreement.
"""

import datetime

from django.utils import timezone

from actions.models import Action, Closure, ClosureStatus
from actions.rag import overdue_q
from govuk.working_days import working_days_from
from people.models import Role
from rounds import emails
from rounds.models import EmailKind, UpdateRound
from rounds.selectors import active_people, emailed_today, owners_due, owners_of

REMINDER_WORKING_DAYS_BEFORE_DEADLINE = 2


def round_stage(update_round: UpdateRound, today: datetime.date) -> EmailKind | None:
    """Which e-mail the round calls for today. After the deadline the manager chases."""
    if today < timezone.localdate(update_round.opened_at) or today > update_round.deadline:
        return None
    if today == update_round.deadline:
        return EmailKind.LAST_REMINDER
    reminder_day = working_days_from(update_round.deadline, -REMINDER_WORKING_DAYS_BEFORE_DEADLINE)
    if today >= reminder_day:
        return EmailKind.REMINDER
    return EmailKind.ROUND_OPEN


def short_notice(update_round: UpdateRound) -> bool:
    """Whether the deadline comes too soon after the round opens for the reminder before it."""
    opened = timezone.localdate(update_round.opened_at)
    return update_round.deadline < working_days_from(opened, REMINDER_WORKING_DAYS_BEFORE_DEADLINE)


def round_emails(update_round: UpdateRound, *, today: datetime.date) -> list[emails.Outgoing]:
    kind = round_stage(update_round, today)
    if kind is None:
        return []
    # At most one of these a day: an owner chased, or sent the round-open e-mail, today
    # hears from the service again tomorrow.
    already = emailed_today(update_round=update_round, today=today)
    due = owners_due(update_round=update_round)
    outgoing = [
        emails.update_request(
            kind=kind,
            update_round=update_round,
            recipient=owner,
            actions=actions,
            occasion=emails.round_occasion(update_round),
        )
        for owner, actions in due.items()
        if owner.pk not in already
    ]
    if kind == EmailKind.LAST_REMINDER and due:
        managers = active_people(partnership_id=update_round.plan.partnership_id, role=Role.MANAGER)
        outgoing += [
            emails.last_reminder_copy(
                update_round=update_round,
                manager=manager,
                due={owner: actions for owner, actions in due.items() if owner != manager},
            )
            for manager in managers
            if set(due) - {manager}
        ]
    return outgoing


def closure_emails(update_round: UpdateRound, *, today: datetime.date) -> list[emails.Outgoing]:
    """Before the meeting, executive members see what they will be asked to agree."""
    if not update_round.deadline <= today <= update_round.meeting_date:
        return []
    closures = list(
        Closure.objects.filter(
            status=ClosureStatus.PROPOSED,
            action__finding__plan=update_round.plan_id,
            action__archived_at__isnull=True,
        )
        .select_related("action__lead_agency", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    if not closures:
        return []
    executives = active_people(partnership_id=update_round.plan.partnership_id, role=Role.EXECUTIVE)
    return [
        emails.closures_awaiting(update_round=update_round, recipient=person, closures=closures)
        for person in executives
    ]


def iso_week(today: datetime.date) -> str:
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def overdue_digests(*, today: datetime.date) -> list[emails.Outgoing]:
    """Once a week, each owner's actions whose target date has passed and are not complete."""
    actions = (
        Action.objects.current()
        .filter(overdue_q(today))
        .select_related(
            "lead_officer",
            "finding__plan__partnership",
            # The e-mail names each action's inspection (Plan.name).
            "finding__plan__inspection__partnership",
            "finding__plan__inspection__theme",
        )
        .order_by("finding__plan__partnership", "target_date", "pk")
    )
    by_partnership: dict = {}
    for action in actions:
        by_partnership.setdefault(action.finding.plan.partnership, []).append(action)
    return [
        emails.overdue_digest(
            recipient=owner, actions=owned, week=iso_week(today), partnership=partnership
        )
        for partnership, overdue in by_partnership.items()
        for owner, owned in owners_of(actions=overdue, partnership_id=partnership.pk).items()
    ]


def due_emails(*, today: datetime.date) -> list[emails.Outgoing]:
    """Everything due today that has not been sent before."""
    outgoing: list[emails.Outgoing] = []
    open_rounds = UpdateRound.objects.filter(meeting_date__gte=today).select_related(
        "plan__inspection__partnership", "plan__inspection__theme"
    )
    for update_round in open_rounds:
        outgoing += round_emails(update_round, today=today)
        outgoing += closure_emails(update_round, today=today)
    outgoing += overdue_digests(today=today)
    sent = emails.already_sent(outgoing)
    return [email for email in outgoing if email.key not in sent]
