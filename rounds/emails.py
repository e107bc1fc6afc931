"""Builds each kind of e-mail the round sends. Each is recorded and sent once only by
notifications.emails.email_send_once, which says why it records first and sends second.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from govuk.words import plural
from impact.reviews import reviews_due
from notifications import emails as notifications
from notifications.emails import EmailMultiAlternatives, email_to
from people.models import User
from rounds.models import EmailKind, UpdateRound
from rounds.selectors import owners_of


def round_occasion(update_round: UpdateRound) -> str:
    return f"round-{update_round.pk}"


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def long_date(day: datetime.date) -> str:
    """'Friday 6 March', as GOV.UK writes dates in a sentence."""
    return f"{day:%A} {day.day} {day:%B}"


def actions_phrase(count: int) -> str:
    return "your action" if count == 1 else f"your {count} actions"


@dataclass
class Outgoing:
    """One e-mail to one person, ready to send."""

    kind: EmailKind
    recipient: User
    occasion: str
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    update_round: UpdateRound | None = None

    @property
    def key(self) -> tuple[str, int, str]:
        """What makes it the same e-mail as one sent before."""
        return (self.kind, self.recipient.pk, self.occasion)

    def build(self) -> EmailMultiAlternatives:
        context = {
            "recipient": self.recipient,
            "subject": self.subject,
            "site_url": settings.SITE_URL,
            **self.context,
        }
        return email_to(
            self.recipient,
            subject=self.subject,
            template=f"emails/{self.template}",
            context=context,
        )


def already_sent(outgoing: list[Outgoing]) -> set[tuple[str, int, str]]:
    """Which of these e-mails were sent before. One query."""
    return notifications.already_sent(email.key for email in outgoing)


def send(outgoing: Outgoing) -> bool:
    """Records and sends the e-mail unless it was sent before; says whether it went now."""
    return notifications.email_send_once(
        outgoing.build(),
        kind=outgoing.kind,
        recipient=outgoing.recipient,
        occasion=outgoing.occasion,
        about=outgoing.update_round,
    )


@dataclass
class Delivery:
    """What one batch of e-mails came to: each e-mail sent, each that failed and why."""

    sent: list[Outgoing] = field(default_factory=list)
    failed: list[tuple[Outgoing, Exception]] = field(default_factory=list)

    @property
    def people(self) -> int:
        return len({email.recipient.pk for email in self.sent})


def send_each(outgoing: list[Outgoing]) -> Delivery:
    """Sends each e-mail on its own: one refused address or a mail server failing halfway
    leaves the others sent and recorded, and the failed ones unrecorded, so that the next
    run of send_reminders sends them."""
    delivery = Delivery()
    for email in outgoing:
        try:
            went = send(email)
        except Exception as error:  # noqa: BLE001 - whatever the mail server did, go on
            delivery.failed.append((email, error))
            continue
        if went:
            delivery.sent.append(email)
    return delivery


# Links every e-mail carries.


def update_form_url(action) -> str:
    return absolute(reverse("actions:progress_update_new", args=[action.pk]))


def action_url(action) -> str:
    return absolute(reverse("actions:action_detail", args=[action.pk]))


def review_form_url(action) -> str:
    return absolute(reverse("impact:sustainability_review_new", args=[action.pk]))


def owners_reviews_due(update_round: UpdateRound) -> dict[User, list]:
    """Each owner's sustainability reviews due by the round's meeting, asked of them as
    their updates are: the action's lead officer, or the managers. Read once for a round:
    its e-mails are built in one batch from the same round."""
    cached = update_round.__dict__.get("_owners_reviews_due")
    if cached is None:
        closures = {
            closure.action_id: closure
            for closure in reviews_due(plan=update_round.plan, on=update_round.meeting_date)
        }
        owners = owners_of(
            actions=[closure.action for closure in closures.values()],
            partnership_id=update_round.plan.partnership_id,
        )
        cached = {
            owner: [closures[action.pk] for action in actions] for owner, actions in owners.items()
        }
        update_round.__dict__["_owners_reviews_due"] = cached
    return cached


def round_wording(update_round: UpdateRound, *, today: datetime.date | None = None) -> dict:
    """The names and dates every round e-mail says, and by when it asks. Once the deadline
    has passed, an update is still worth having before the meeting: say that, not a date
    gone by."""
    today = today or timezone.localdate()
    partnership = update_round.plan.partnership
    meeting = f"{partnership.short_name} executive"
    meeting_date = long_date(update_round.meeting_date)
    deadline = long_date(update_round.deadline)
    deadline_passed = today > update_round.deadline
    return {
        "partnership": partnership,
        # Which plan the round is for: a partnership may have more than one inspection's.
        "plan_name": update_round.plan.name,
        "meeting": meeting,
        "meeting_date": meeting_date,
        "deadline": deadline,
        "deadline_passed": deadline_passed,
        "by_when": f"before the {meeting} on {meeting_date}"
        if deadline_passed
        else f"by {deadline}",
    }


def update_request(
    *,
    kind: EmailKind,
    update_round: UpdateRound,
    recipient: User,
    actions: list,
    occasion: str,
) -> Outgoing:
    """The e-mail asking an owner to update their actions: when the round opens, the
    reminders, and the manager's chase. One e-mail, all their actions."""
    wording = round_wording(update_round)
    for_meeting = "" if wording["deadline_passed"] else f" for the {wording['meeting']}"
    what = f"update {actions_phrase(len(actions))}{for_meeting} {wording['by_when']}"
    subjects = {
        EmailKind.ROUND_OPEN: what[0].upper() + what[1:],
        EmailKind.REMINDER: f"Reminder: {what}",
        EmailKind.LAST_REMINDER: f"Last reminder: {what} (today)",
        EmailKind.CHASE: f"Please {what}",
    }
    return Outgoing(
        kind=kind,
        recipient=recipient,
        occasion=occasion,
        subject=subjects[kind],
        template="update_request",
        update_round=update_round,
        context={
            **wording,
            "kind": kind,
            "actions": [(action, update_form_url(action)) for action in actions],
            "led_by_others": any(action.lead_officer_id != recipient.pk for action in actions),
            "reviews_due": [
                (closure, review_form_url(closure.action))
                for closure in owners_reviews_due(update_round).get(recipient, [])
            ],
        },
    )


def last_reminder_copy(*, update_round: UpdateRound, manager: User, due: dict) -> Outgoing:
    """The manager's copy of the day's last reminders: every owner with what they have not
    updated, in one e-mail, so they know whom to chase."""
    wording = round_wording(update_round)
    actions = sum(len(owned) for owned in due.values())
    return Outgoing(
        kind=EmailKind.LAST_REMINDER_COPY,
        recipient=manager,
        occasion=round_occasion(update_round),
        subject=f"Copy: {plural(len(due), 'owner')} {'has' if len(due) == 1 else 'have'} not "
        f"updated {plural(actions, 'action')} for the {wording['meeting']}, due today",
        template="last_reminder_copy",
        update_round=update_round,
        context={
            **wording,
            "owners": [
                (owner, [(action, action_url(action)) for action in owned])
                for owner, owned in due.items()
            ],
            "returns_url": absolute(update_round.get_absolute_url()),
        },
    )


def sent_back(*, review, recipient: User, action) -> Outgoing:
    wording = round_wording(review.update_round)
    return Outgoing(
        kind=EmailKind.SENT_BACK,
        recipient=recipient,
        occasion=f"review-{review.pk}",
        subject=f"Add more detail to your update on action {action.reference} {wording['by_when']}",
        template="sent_back",
        update_round=review.update_round,
        context={
            **wording,
            "action": action,
            "review": review,
            "update_url": update_form_url(action),
            "action_url": action_url(action),
        },
    )


def overdue_digest(*, recipient: User, actions: list, week: str, partnership) -> Outgoing:
    count = len(actions)
    return Outgoing(
        kind=EmailKind.OVERDUE_DIGEST,
        recipient=recipient,
        occasion=week,
        subject=f"{count} of your actions {'is' if count == 1 else 'are'} overdue in the "
        f"{partnership.short_name} plan",
        template="overdue_digest",
        context={
            "partnership": partnership,
            "actions": [(action, update_form_url(action)) for action in actions],
        },
    )


def closures_occasion(update_round: UpdateRound, closures: list) -> str:
    """The round and the set of closures awaiting agreement: a closure proposed after the
    first e-mail makes a new set, and so a new e-mail before the meeting."""
    ids = ",".join(str(pk) for pk in sorted(closure.pk for closure in closures))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    return f"{round_occasion(update_round)}/closures-{digest}"


def closures_awaiting(*, update_round: UpdateRound, recipient: User, closures: list) -> Outgoing:
    wording = round_wording(update_round)
    return Outgoing(
        kind=EmailKind.CLOSURES_AWAITING,
        recipient=recipient,
        occasion=closures_occasion(update_round, closures),
        subject=f"{plural(len(closures), 'action')} proposed complete for the "
        f"{wording['meeting']} on {wording['meeting_date']}",
        template="closures_awaiting",
        update_round=update_round,
        context={
            **wording,
            "closures": [(closure, action_url(closure.action)) for closure in closures],
        },
    )
