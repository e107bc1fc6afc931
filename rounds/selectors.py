"""The queries update rounds need: each action's return, who owns it, and the returns page,
each in a fixed number of queries however many actions."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict, TypeGuard

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from actions.models import Action, Plan, PlanStatus, ProgressUpdate
from actions.rag import RAG
from notifications.models import SentEmail
from partnerships.models import Agency
from partnerships.scoping import get_for_user_or_404
from people.models import Role, User
from rounds.models import EmailKind, ReturnReview, ReviewDecision, UpdateRound

if TYPE_CHECKING:  # django-stubs-ext is installed for development only
    from django_stubs_ext import WithAnnotations


class ReturnFields(TypedDict):
    """What with_return adds to an action: its return in the round, if any, and the
    manager's decision on it."""

    return_id: int | None
    review_decision: str | None


type ActionReturn = WithAnnotations[Action, ReturnFields]


class ReturnStatus:
    """Where an action stands in a round, as the returns page and the action page say it."""

    NOT_RETURNED = ("Not returned", "govuk-tag--grey")
    TO_CHECK = ("Returned: to check", "govuk-tag--blue")
    ACCEPTED = ("Accepted", "govuk-tag--green")
    SENT_BACK = ("Returned for more detail", "govuk-tag--orange")


def return_status(*, action: ActionReturn) -> tuple[str, str]:
    """Reads the annotations `round_actions` adds."""
    if action.return_id is None:
        return ReturnStatus.NOT_RETURNED
    if action.review_decision == ReviewDecision.ACCEPTED:
        return ReturnStatus.ACCEPTED
    if action.review_decision == ReviewDecision.SENT_BACK:
        return ReturnStatus.SENT_BACK
    return ReturnStatus.TO_CHECK


class ReturnNote:
    """What the meeting's red and overdue list says of an action the round has no accepted
    update for: the dashboard, the pack and its Word copy read these words, and the key."""

    NONE = "No update this round"
    TO_CHECK = "Update not yet checked"
    SENT_BACK = "Sent back for more detail"
    KEY = (
        f'Red and overdue actions without an update the manager has accepted are marked "{NONE}", '
        f'"{TO_CHECK}" or "{SENT_BACK}".'
    )


def return_note(*, action: ActionReturn) -> str:
    """Reads the annotations `with_return` adds; empty once the manager has accepted it."""
    if action.return_id is None:
        return ReturnNote.NONE
    if action.review_decision == ReviewDecision.ACCEPTED:
        return ""
    if action.review_decision == ReviewDecision.SENT_BACK:
        return ReturnNote.SENT_BACK
    return ReturnNote.TO_CHECK


def current_round(*, plan: Plan, today: datetime.date) -> UpdateRound | None:
    """The round for the plan's next executive meeting (or today's), if one is open."""
    return (
        UpdateRound.objects.filter(plan=plan, meeting_date__gte=today)
        .order_by("meeting_date", "pk")
        .first()
    )


def _returns(update_round: UpdateRound) -> QuerySet[ProgressUpdate]:
    """Each action's updates since the round opened, latest first: its return is the first."""
    return ProgressUpdate.objects.filter(
        action=OuterRef("pk"), created_at__gte=update_round.opened_at
    ).order_by("-created_at", "-pk")


def with_return(*, actions: QuerySet[Action], update_round: UpdateRound) -> QuerySet[ActionReturn]:
    """Annotates each action with its return in the round: the latest update recorded since
    the round opened, and the manager's decision on it. An owner's revision is a newer
    update, so a return sent back stays "returned for more detail" only until revised.
    Each annotation is a subquery run for every action: add only what every caller needs."""
    reviews = ReturnReview.objects.filter(update=OuterRef("return_id"))
    return actions.annotate(
        return_id=Subquery(_returns(update_round).values("pk")[:1]),
        review_decision=Subquery(reviews.values("decision")[:1]),
    )


def round_actions(*, update_round: UpdateRound) -> QuerySet[ActionReturn]:
    """Every action due an update in the round: the plan's open actions, with their return."""
    actions = (
        Action.objects.current()
        .filter(finding__plan=update_round.plan_id)
        .exclude(rag=RAG.COMPLETE)
    )
    return with_return(actions=actions, update_round=update_round)


def round_counts(*, update_round: UpdateRound, agency: Agency | None = None) -> dict[str, int]:
    """How many actions the round asks for, how many came back, and how many were accepted
    (of those `agency` leads, when given)."""
    actions = round_actions(update_round=update_round)
    if agency is not None:
        actions = actions.filter(lead_agency=agency)
    return actions.aggregate(
        due=Count("pk"),
        returned=Count("pk", filter=Q(return_id__isnull=False)),
        accepted=Count("pk", filter=Q(review_decision=ReviewDecision.ACCEPTED)),
    )


def can_receive_email(person: User | None, partnership_id: int) -> TypeGuard[User]:
    return bool(
        person is not None
        and person.is_active
        and person.partnership_id == partnership_id
        and person.email
    )


def active_people(*, partnership_id: int, role: Role) -> list[User]:
    """Those of the partnership's active people in this role whom the service can e-mail."""
    return list(User.objects.active_in(partnership_id, role).exclude(email=""))


def owners_of[A: Action](*, actions: Iterable[A], partnership_id: int) -> dict[User, list[A]]:
    """Who is asked about each action: its lead officer; or, when it has none who can take
    e-mail (none named, deactivated, moved away), the partnership's managers, who then
    update it or name a lead officer."""
    managers = None
    owners: dict[User, list[A]] = {}
    for action in actions:
        if can_receive_email(action.lead_officer, partnership_id):
            people = [action.lead_officer]
        else:
            if managers is None:
                managers = active_people(partnership_id=partnership_id, role=Role.MANAGER)
            people = managers
        for person in people:
            owners.setdefault(person, []).append(action)
    return owners


# Still due an update: not returned, or returned for more detail and not revised since.
STILL_DUE = Q(return_id__isnull=True) | Q(review_decision=ReviewDecision.SENT_BACK)


def is_still_due(action: ActionReturn) -> bool:
    """Reads the annotations `with_return` adds, as STILL_DUE does in the database."""
    return action.return_id is None or action.review_decision == ReviewDecision.SENT_BACK


def owners_due(*, update_round: UpdateRound) -> dict[User, list[ActionReturn]]:
    """Each owner with the round's actions they still have to update: not yet returned, or
    sent back for more detail and not revised since."""
    actions = (
        round_actions(update_round=update_round)
        .filter(STILL_DUE)
        .select_related("lead_officer", "finding")
        .order_by("finding__number", "position", "pk")
    )
    return owners_of(actions=actions, partnership_id=update_round.plan.partnership_id)


# The e-mails that ask an owner to update their actions in a round: one a day at most.
ROUND_REQUESTS = (
    EmailKind.ROUND_OPEN,
    EmailKind.REMINDER,
    EmailKind.LAST_REMINDER,
    EmailKind.CHASE,
)


def emailed_today(*, update_round: UpdateRound, today: datetime.date) -> set[int]:
    """The people already asked today to update their actions in the round."""
    return set(
        SentEmail.objects.about(update_round)
        .filter(kind__in=ROUND_REQUESTS, sent_at__date=today)
        .values_list("recipient_id", flat=True)
    )


@dataclass
class OwnerReturns:
    owner: User | None
    actions: list[ActionReturn] = field(default_factory=list)
    last_emailed: datetime.datetime | None = None

    @property
    def returned(self) -> int:
        return sum(1 for action in self.actions if action.return_id is not None)

    @property
    def still_due(self) -> int:
        """Not returned, or returned for more detail: what a chase asks for."""
        return sum(1 for action in self.actions if is_still_due(action))

    @property
    def returned_for_detail(self) -> int:
        """Returned, but sent back for more detail and not revised since: counted as
        returned, and said apart, since the owner has still to add to it."""
        return sum(
            1 for action in self.actions if action.return_id is not None and is_still_due(action)
        )


@dataclass
class AgencyReturns:
    agency: Agency
    owners: list[OwnerReturns] = field(default_factory=list)

    @property
    def due(self) -> int:
        return sum(len(owner.actions) for owner in self.owners)

    @property
    def returned(self) -> int:
        return sum(owner.returned for owner in self.owners)

    @property
    def returned_for_detail(self) -> int:
        return sum(owner.returned_for_detail for owner in self.owners)

    @property
    def share(self) -> int:
        return round(100 * self.returned / self.due) if self.due else 0


@dataclass
class Returns:
    update_round: UpdateRound
    agencies: list[AgencyReturns]

    @property
    def due(self) -> int:
        return sum(agency.due for agency in self.agencies)

    @property
    def returned(self) -> int:
        return sum(agency.returned for agency in self.agencies)

    @property
    def returned_for_detail(self) -> int:
        return sum(agency.returned_for_detail for agency in self.agencies)

    @property
    def share(self) -> int:
        return round(100 * self.returned / self.due) if self.due else 0


def round_for_page(*, user: User | AnonymousUser, pk: int) -> UpdateRound:
    return get_for_user_or_404(
        UpdateRound.objects.select_related(
            "plan__inspection__partnership", "plan__inspection__theme"
        ),
        user,
        pk=pk,
    )


# The returns page's order: by the agency the owner works in (an action with no lead officer
# under its lead agency), then by owner, then as the plan lists the actions.
RETURNS_ORDER = (
    Coalesce("lead_officer__agency__name", "lead_agency__name"),
    "lead_officer__first_name",
    "lead_officer__last_name",
    "lead_officer_id",
    "finding__number",
    "position",
    "pk",
)


def round_returns(*, update_round: UpdateRound) -> Returns:
    """Every action of the round, returned or not, by the owner's agency then owner: each
    owner once, with all their actions, even those other agencies lead (a lead officer may
    sit in a supporting agency), so they are chased once. Two queries."""
    actions = (
        round_actions(update_round=update_round)
        .annotate(returned_at=Subquery(_returns(update_round).values("created_at")[:1]))
        .select_related("lead_agency", "lead_officer__agency", "finding")
        .order_by(*RETURNS_ORDER)
    )
    last_emailed = dict(
        SentEmail.objects.about(update_round)
        .values_list("recipient_id")
        .annotate(last=Max("sent_at"))
    )
    agencies: dict[int, AgencyReturns] = {}
    owners: dict[tuple[int, int | None], OwnerReturns] = {}
    for action in actions:
        owner = action.lead_officer
        group = owner.agency if owner and owner.agency else action.lead_agency
        agency = agencies.setdefault(group.pk, AgencyReturns(group))
        key = (group.pk, owner.pk if owner else None)
        if key not in owners:
            owners[key] = OwnerReturns(
                owner, last_emailed=last_emailed.get(owner.pk) if owner else None
            )
            agency.owners.append(owners[key])
        # The returns page's template reads it; no Action has it, so it is set by name.
        setattr(action, "return_status", return_status(action=action))  # noqa: B010
        owners[key].actions.append(action)
    return Returns(update_round, list(agencies.values()))


def action_return(*, update_round: UpdateRound, action_pk: int) -> ActionReturn:
    """One action of the round with its return, for the review page."""
    return get_object_or_404(
        round_actions(update_round=update_round).select_related(
            "lead_agency", "lead_officer", "finding"
        ),
        pk=action_pk,
    )


def return_update(*, action: ActionReturn) -> ProgressUpdate | None:
    """The update the manager checks: the action's return in the round, with its evidence
    and the check, if done."""
    if action.return_id is None:
        return None
    return (
        ProgressUpdate.objects.select_related("author")
        .prefetch_related("evidence", "reviews")
        .filter(pk=action.return_id)
        .first()
    )


def next_to_check(*, update_round: UpdateRound, after: Action) -> Action | None:
    """The next return of the round still to check, in the returns page's order after
    `after` (then from the top): the manager checks them one after another. One query."""
    waiting = list(
        round_actions(update_round=update_round)
        .filter(return_id__isnull=False, review_decision__isnull=True)
        .order_by(*RETURNS_ORDER)
        .only("pk", "reference")
    )
    pks = [action.pk for action in waiting]
    if after.pk in pks:
        start = pks.index(after.pk)
        waiting = waiting[start + 1 :] + waiting[:start]
    return waiting[0] if waiting else None


def return_flag(*, action: Action, today: datetime.date | None = None) -> ReturnReview | None:
    """The send-back on the action's return in a round still before its meeting, unless the
    owner has revised the update since. One query."""
    revised = ProgressUpdate.objects.filter(
        action=OuterRef("update__action"), created_at__gt=OuterRef("update__created_at")
    )
    return (
        ReturnReview.objects.filter(
            update__action=action,
            decision=ReviewDecision.SENT_BACK,
            update_round__meeting_date__gte=today or timezone.localdate(),
        )
        .filter(~Exists(revised))
        .select_related("reviewed_by")
        .order_by("-reviewed_at", "-pk")
        .first()
    )


@dataclass
class OfficerRound:
    """An open round as one officer sees it: the actions they lead in it, and those of them
    still to update (not returned, or returned for more detail and not revised since)."""

    update_round: UpdateRound
    actions: list[ActionReturn]

    @property
    def still_due(self) -> list[ActionReturn]:
        return [action for action in self.actions if is_still_due(action)]


@dataclass
class OfficerRounds:
    """What My actions and the home page say of the rounds open for an officer: a banner per
    round, and the sent-back review standing on each of the listed actions."""

    rounds: list[OfficerRound]
    sent_back: dict[int, ReturnReview]


def officer_rounds(
    *, user: User | AnonymousUser, today: datetime.date, listed: Iterable[Action] = ()
) -> OfficerRounds:
    """The open rounds (each plan's next, on a plan not closed) in which `user` leads actions,
    and, for the `listed` actions, the manager's send-back standing on their return. One
    query without an open round; then one per open round (a partnership has one or two),
    and one for the send-backs, however many actions."""
    if not user.is_authenticated or user.partnership_id is None:
        return OfficerRounds([], {})
    next_rounds: dict[int, UpdateRound] = {}
    for update_round in (
        UpdateRound.objects.filter(plan__partnership=user.partnership_id, meeting_date__gte=today)
        .exclude(plan__status=PlanStatus.CLOSED)
        .select_related("plan__inspection__partnership", "plan__inspection__theme")
        .order_by("meeting_date", "pk")
    ):
        next_rounds.setdefault(update_round.plan_id, update_round)
    if not next_rounds:
        return OfficerRounds([], {})
    rounds = []
    for update_round in next_rounds.values():
        actions = list(
            round_actions(update_round=update_round)
            .filter(lead_officer=user)
            .order_by("finding__number", "position", "pk")
            .only("pk", "reference", "description")
        )
        if actions:
            rounds.append(OfficerRound(update_round, actions))
    return OfficerRounds(rounds, _sent_back(listed, list(next_rounds.values())))


def _sent_back(actions: Iterable[Action], rounds: list[UpdateRound]) -> dict[int, ReturnReview]:
    """Each action's send-back in one of the open `rounds`, unless the owner has revised the
    update since, as `return_flag` reads it for one action. One query, none for no action."""
    pks = [action.pk for action in actions]
    if not pks:
        return {}
    revised = ProgressUpdate.objects.filter(
        action=OuterRef("update__action"), created_at__gt=OuterRef("update__created_at")
    )
    reviews = (
        ReturnReview.objects.filter(
            update__action__in=pks, decision=ReviewDecision.SENT_BACK, update_round__in=rounds
        )
        .filter(~Exists(revised))
        .select_related("update")
        .order_by("reviewed_at", "pk")
    )
    # Oldest first, so that each action keeps its latest send-back.
    return {review.update.action_id: review for review in reviews}
