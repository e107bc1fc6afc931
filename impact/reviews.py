"""The watch after closure: months after the partnership agreed an action complete, its
owner checks that the change held. A review that held makes the action Embedded; one that
slipped, or a measure of the action falling back past its baseline, reopens the action to
the executive with the reason, and the partnership's managers are e-mailed."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from actions.models import Action, Closure, ClosureStatus, Evidence, Plan
from actions.rag import RAG
from actions.services import action_reopen, action_trail_name
from audit.models import EventKind
from audit.trail import record
from impact.models import Direction, Reading, SustainabilityReview
from impact.selectors import value_in_words
from notifications.emails import email_each
from partnerships.models import Agency
from people.models import Role, User
from people.permissions import can_review_sustainability

if TYPE_CHECKING:  # django-stubs-ext is installed for development only
    from django_stubs_ext import WithAnnotations

# The status an action returns to when its change did not hold: Red, "needs executive
# help", so the executive sees it at the top of the dashboard at its next meeting.
REOPENED_RAG = RAG.RED

NOT_AGREED = "Only an action whose closure the partnership agreed has a sustainability review"
NOTE_REQUIRED = "Enter what shows whether the change held"
EVIDENCE_NOT_OF_THE_ACTION = "Select evidence of this action"
READING_NOT_OF_THE_AREA = "Select a reading of one of this area's measures"


# --- Embedded ---------------------------------------------------------------------------


def agreed_closure(action: Action) -> Closure | None:
    """The closure that made the action Complete, from its closures (prefetched on the
    action page): none for an action made Complete by an imported plan."""
    if not action.is_complete:
        return None
    return next((c for c in action.closures.all() if c.status == ClosureStatus.AGREED), None)


def is_embedded(*, action: Action, reviews: list[SustainabilityReview]) -> bool:
    """Embedded: Complete, and the latest review of its current agreed closure found the
    change held. `reviews` are the action's reviews, latest first (action_reviews)."""
    closure = agreed_closure(action)
    of_closure = [review for review in reviews if closure and review.closure_id == closure.pk]
    return bool(of_closure) and of_closure[0].held


def action_reviews(action: Action) -> list[SustainabilityReview]:
    """Every sustainability review of the action's closures, latest first, with what each
    names. One query, and none for an action never agreed complete (its closures are
    prefetched on the action page)."""
    if not any(
        closure.agreed_on and closure.status in REVIEWED for closure in action.closures.all()
    ):
        return []
    return list(
        SustainabilityReview.objects.filter(closure__action=action).select_related(
            "closure", "reviewed_by", "evidence", "reading__measure"
        )
    )


# The closures a review can be of: agreed, or agreed and since reopened.
REVIEWED = (ClosureStatus.AGREED, ClosureStatus.REOPENED)


def with_embedded(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Annotates each action with `embedded`, is_embedded as a database condition, for a
    list or a count: complete, and the latest review of its agreed closure held."""
    latest = SustainabilityReview.objects.filter(
        closure__action=OuterRef("pk"), closure__status=ClosureStatus.AGREED
    ).order_by("-reviewed_at", "-pk")
    return actions.annotate(
        latest_review_held=Coalesce(
            Subquery(latest.values("held")[:1]), False, output_field=BooleanField()
        ),
        embedded=ExpressionWrapper(
            Q(rag=RAG.COMPLETE, latest_review_held=True), output_field=BooleanField()
        ),
    )


# --- Reviews due ------------------------------------------------------------------------


class DueFields(TypedDict):
    """What reviews_due adds to a closure: whether its review date has passed."""

    review_overdue: bool


type ReviewDue = WithAnnotations[Closure, DueFields]


def reviews_due(
    *, plan: Plan, on: datetime.date, agency: Agency | None = None
) -> QuerySet[ReviewDue]:
    """The agreed closures of the plan's current complete actions (of those `agency` leads,
    when given) whose sustainability review is due by `on` and not yet recorded, soonest
    first; each says whether its date has passed (`review_overdue`, as at today). One query,
    with the action, its area and its lead officer and agency."""
    closures = Closure.objects.filter(
        status=ClosureStatus.AGREED,
        action__finding__plan=plan,
        action__archived_at__isnull=True,
        action__rag=RAG.COMPLETE,
        sustainability_review_due__lte=on,
        sustainability_reviews__isnull=True,
    )
    if agency is not None:
        closures = closures.filter(action__lead_agency=agency)
    return (
        closures.annotate(
            review_overdue=ExpressionWrapper(
                Q(sustainability_review_due__lt=timezone.localdate()),
                output_field=BooleanField(),
            )
        )
        .select_related("action__finding", "action__lead_officer", "action__lead_agency")
        .order_by("sustainability_review_due", "action__finding__number", "action__position")
    )


# --- Recording a review -----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRecorded:
    review: SustainabilityReview
    # Managers the mail server refused, when the change slipped: the page says so.
    not_emailed: list[User]


def sustainability_review_check(
    *,
    closure: Closure,
    note: str,
    evidence: Evidence | None = None,
    reading: Reading | None = None,
) -> None:
    """The rules of a review, which its form also runs so the page shows them at once: of
    an agreed closure of a complete action, saying what shows it, citing only the action's
    own evidence and a reading of its area's measures."""
    action = closure.action
    if closure.status != ClosureStatus.AGREED or not action.is_complete:
        raise ValidationError(NOT_AGREED)
    errors: dict[str, str] = {}
    if not note.strip():
        errors["note"] = NOTE_REQUIRED
    if evidence is not None and evidence.action_id != action.pk:
        errors["evidence"] = EVIDENCE_NOT_OF_THE_ACTION
    if reading is not None and reading.measure.finding_id != action.finding_id:
        errors["reading"] = READING_NOT_OF_THE_AREA
    if errors:
        raise ValidationError(errors)


def sustainability_review_record(
    *,
    closure: Closure,
    user: User,
    held: bool,
    note: str,
    evidence: Evidence | None = None,
    reading: Reading | None = None,
    address: str | None = None,
) -> ReviewRecorded:
    """The owner (or a manager) records whether the change held, with what shows it. One
    that held makes the action Embedded. One that slipped reopens the action, Red, to the
    executive with the owner's words as the reason, and e-mails the partnership's managers;
    the review and the reopening stand whatever the mail server does."""
    with transaction.atomic():
        review = _review_save(
            closure=closure,
            user=user,
            held=held,
            note=note,
            evidence=evidence,
            reading=reading,
            address=address,
        )
        if held:
            return ReviewRecorded(review=review, not_emailed=[])
        reason = f"The sustainability review found the change did not hold: {review.note}"
        _reopen(closure.action, user=user, reason=reason, address=address)
    not_emailed = _email_managers(
        closure.action,
        subject=f"Action {closure.action.reference} is reopened: the change did not hold",
        reason=reason,
        user=user,
    )
    return ReviewRecorded(review=review, not_emailed=not_emailed)


def _review_save(
    *,
    closure: Closure,
    user: User,
    held: bool,
    note: str,
    evidence: Evidence | None,
    reading: Reading | None,
    address: str | None,
) -> SustainabilityReview:
    action = closure.action
    if not can_review_sustainability(user, action):
        raise PermissionDenied
    sustainability_review_check(closure=closure, note=note, evidence=evidence, reading=reading)
    review = SustainabilityReview(
        closure=closure,
        held=held,
        note=note.strip(),
        evidence=evidence,
        reading=reading,
        reviewed_by=user,
        reviewed_at=timezone.now(),
    )
    review.full_clean()
    review.save()
    record(
        EventKind.SUSTAINABILITY_REVIEWED,
        user=user,
        address=address,
        partnership_id=action.finding.plan.partnership_id,
        detail=f"Recorded the sustainability review of {action_trail_name(action)}: "
        + ("the change held" if held else "the change did not hold"),
    )
    return review


def _reopen(action: Action, *, user: User, reason: str, address: str | None) -> None:
    action.refresh_from_db(fields=["rag", "version", "archived_at"])
    action_reopen(
        action=action,
        user=user,
        reason=reason,
        rag=REOPENED_RAG,
        expected_version=action.version,
        address=address,
    )


def _email_managers(action: Action, *, subject: str, reason: str, user: User | None) -> list[User]:
    """Tells the partnership's managers that a closed action is back, and why: they put it
    before the executive."""
    partnership = action.finding.plan.partnership
    managers = User.objects.active_in(partnership.pk, Role.MANAGER).exclude(email="")
    if user is not None:
        managers = managers.exclude(pk=user.pk)
    return email_each(
        managers,
        subject=subject,
        template="emails/review_slipped",
        context={
            "action": action,
            "reason": reason,
            "reopened_by": user,
            "partnership": partnership,
            "site_url": settings.SITE_URL,
            "action_url": settings.SITE_URL + action.get_absolute_url(),
        },
    )


# --- A measure falling back -------------------------------------------------------------


def is_past_baseline(*, value: Decimal, baseline: Decimal, direction: str) -> bool:
    """Worse than where the measure started, in the direction that counts as better."""
    return value < baseline if direction == Direction.HIGHER else value > baseline


def reopen_if_measure_slipped(*, reading: Reading, address: str | None = None) -> bool:
    """Called once a reading is recorded. When it is of a measure of a complete action,
    is that measure's latest reading, dates from after the closure was agreed, and is worse
    than the baseline, the action reopens, Red, to the executive with the measure as the
    reason, in the name of whoever entered the reading, and the managers are e-mailed.
    Says whether it reopened the action."""
    measure = reading.measure
    if measure.action_id is None:
        return False
    action = (
        Action.objects.select_related("finding__plan__partnership")
        .prefetch_related("closures")
        .get(pk=measure.action_id)
    )
    if action.is_archived or not action.is_complete:
        return False
    closure = agreed_closure(action)
    if closure is not None and closure.agreed_on and reading.date < closure.agreed_on:
        return False  # a reading from before the closure: the executive agreed knowing it
    if measure.readings.filter(date__gt=reading.date).exists():
        return False  # a later reading is where the measure stands
    if not is_past_baseline(
        value=reading.value, baseline=measure.baseline_value, direction=measure.direction
    ):
        return False
    reason = (
        f"The measure {measure.name} fell back past its baseline: "
        f"{value_in_words(reading.value, measure.unit)} on {reading.date:%-d %B %Y}, against a "
        f"baseline of {value_in_words(measure.baseline_value, measure.unit)} on "
        f"{measure.baseline_date:%-d %B %Y} ({measure.get_direction_display().lower()})"
    )
    with transaction.atomic():
        _reopen(action, user=reading.entered_by, reason=reason, address=address)
    _email_managers(
        action,
        subject=f"Action {action.reference} is reopened: its measure fell back past its baseline",
        reason=reason,
        user=None,
    )
    return True
