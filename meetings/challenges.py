"""The independent scrutineer's challenges: raised on an action, an area for improvement or
a meeting of a plan, answered by the partnership's manager, and listed, while open, in the
meeting pack."""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, Finding, Plan
from actions.services import plan_trail_name
from audit.models import EventKind
from audit.trail import record
from meetings.models import Challenge, Meeting
from notifications.emails import email_send_once, email_to
from people import permissions
from people.models import Role, User

logger = logging.getLogger(__name__)

# SentEmail.kind of each e-mail a challenge sends: each goes once per challenge and person.
EMAIL_RAISED = "challenge_raised"
EMAIL_ANSWERED = "challenge_answered"

RELATIONS = ("action", "finding", "meeting", "raised_by")


def open_challenges(*, plan: Plan) -> QuerySet[Challenge]:
    """The plan's challenges the manager has not answered yet, the oldest first: what the
    meeting pack lists. One query."""
    return (
        Challenge.objects.filter(plan=plan)
        .open()
        .select_related(*RELATIONS)
        .order_by("raised_at", "pk")
    )


def plan_challenges(*, plan: Plan) -> QuerySet[Challenge]:
    """Every challenge on the plan: the open ones first, then the newest. One query."""
    return (
        Challenge.objects.filter(plan=plan)
        .select_related(*RELATIONS, "answered_by")
        .order_by(F("answered_at").desc(nulls_first=True), "-raised_at", "-pk")
    )


def subject_challenges(
    *, action: Action | None = None, meeting: Meeting | None = None
) -> QuerySet[Challenge]:
    """The challenges on one action or one meeting, the open ones first, then the newest,
    for the page of what they are about. One query."""
    challenges = Challenge.objects.select_related("raised_by", "answered_by")
    if action is not None:
        challenges = challenges.filter(action=action)
    else:
        challenges = challenges.filter(meeting=meeting)
    return challenges.order_by(F("answered_at").desc(nulls_first=True), "-raised_at", "-pk")


def challenge_subject_words(challenge: Challenge) -> str:
    """What the challenge is about, as a sentence names it: 'action 1.2', 'area for
    improvement 3', 'the meeting LSCP executive, 1 December 2026'."""
    if challenge.meeting_id:
        return f"the meeting {challenge.meeting}"
    return challenge.subject_name


def challenge_url(challenge: Challenge) -> str:
    """The challenge on its plan's challenges page."""
    inspection = challenge.plan.inspection
    return reverse("meetings:challenge_list", args=[inspection.pk]) + f"#challenge-{challenge.pk}"


def _check_subject(
    *, plan: Plan, action: Action | None, finding: Finding | None, meeting: Meeting | None
) -> None:
    subjects = [subject for subject in (action, finding, meeting) if subject is not None]
    if len(subjects) != 1:
        raise ValidationError("Challenge one action, one area for improvement or one meeting")
    if action is not None and (action.finding.plan_id != plan.pk or action.is_archived):
        raise ValidationError({"action": "The action is not in this plan"})
    if finding is not None and finding.plan_id != plan.pk:
        raise ValidationError({"finding": "The area for improvement is not in this plan"})
    if meeting is not None and meeting.plan_id != plan.pk:
        raise ValidationError({"meeting": "The meeting is not of this plan"})


def challenge_raise(
    *,
    plan: Plan,
    user: User,
    text: str,
    action: Action | None = None,
    finding: Finding | None = None,
    meeting: Meeting | None = None,
    address: str | None = None,
) -> Challenge:
    """Records the scrutineer's challenge on one action, area for improvement or meeting of
    the plan, which the manager must answer, and e-mails the partnership's managers that it
    awaits them. The challenge stands whatever the mail server does."""
    with transaction.atomic():
        if not permissions.can_raise_challenge(user, plan):
            raise PermissionDenied
        _check_subject(plan=plan, action=action, finding=finding, meeting=meeting)
        text = text.strip()
        if not text:
            raise ValidationError({"text": "Enter your challenge"})
        challenge = Challenge(
            plan=plan,
            action=action,
            finding=finding,
            meeting=meeting,
            text=text,
            raised_by=user,
            raised_at=timezone.now(),
        )
        challenge.full_clean()
        challenge.save()
        record(
            EventKind.CHALLENGE_RAISED,
            user=user,
            address=address,
            partnership_id=plan.partnership_id,
            detail=f"Raised a challenge on {challenge_subject_words(challenge)} of "
            f"{plan_trail_name(plan)}, for the manager to answer",
        )
    managers = User.objects.active_in(plan.partnership_id, Role.MANAGER).exclude(email="")
    for manager in managers:
        _email(
            challenge,
            recipient=manager,
            kind=EMAIL_RAISED,
            subject=f"A challenge on {challenge_subject_words(challenge)} awaits your answer",
            template="emails/challenge_raised",
        )
    return challenge


def challenge_answer(
    *, challenge: Challenge, user: User, answer: str, address: str | None = None
) -> Challenge:
    """Records the manager's answer to a challenge on the partnership's behalf, and e-mails
    it to the scrutineer who raised it. A challenge is answered once: the answer is on the
    record as the scrutineer read it."""
    with transaction.atomic():
        if not permissions.can_answer_challenge(user, challenge.plan):
            raise PermissionDenied
        # Locked, so that of two answers sent at once only the first is recorded.
        locked = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if locked.is_answered:
            raise ValidationError(
                "This challenge has already been answered: its answer cannot be changed"
            )
        answer = answer.strip()
        if not answer:
            raise ValidationError({"answer": "Enter your answer"})
        challenge.answer = answer
        challenge.answered_by = user
        challenge.answered_at = timezone.now()
        challenge.full_clean()
        challenge.save(update_fields=["answer", "answered_by", "answered_at"])
        record(
            EventKind.CHALLENGE_ANSWERED,
            user=user,
            address=address,
            partnership_id=challenge.plan.partnership_id,
            detail=f"Answered the challenge on {challenge_subject_words(challenge)} of "
            f"{plan_trail_name(challenge.plan)}",
        )
    scrutineer = challenge.raised_by
    if scrutineer.is_active and scrutineer.email:
        _email(
            challenge,
            recipient=scrutineer,
            kind=EMAIL_ANSWERED,
            subject=f"Your challenge on {challenge_subject_words(challenge)} is answered",
            template="emails/challenge_answered",
        )
    return challenge


def _email(
    challenge: Challenge, *, recipient: User, kind: str, subject: str, template: str
) -> None:
    message = email_to(
        recipient,
        subject=subject,
        template=template,
        context={
            "recipient": recipient,
            "subject": subject,
            "challenge": challenge,
            "subject_words": challenge_subject_words(challenge),
            "partnership": challenge.plan.partnership,
            "site_url": settings.SITE_URL,
            "challenge_url": settings.SITE_URL + challenge_url(challenge),
        },
    )
    try:
        email_send_once(
            message,
            kind=kind,
            recipient=recipient,
            occasion=f"challenge-{challenge.pk}",
            about=challenge,
        )
    except Exception:  # whatever the mail server did, the challenge and its answer stand
        logger.exception("The %s e-mail to %s was not sent", kind, recipient.email)
