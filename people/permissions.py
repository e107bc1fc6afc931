"""Who may do what. Every rule about roles lives here; views and templates ask these functions.

Reading is settled by partnership scoping (partnerships.scoping): everyone signed in reads
everything of their own partnership. These rules decide who may change what.
"""

from django.core.exceptions import PermissionDenied

from people.models import Role


def _in_partnership(user, partnership_id) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.partnership_id is not None
        and user.partnership_id == partnership_id
    )


def is_partnership_manager(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.MANAGER
        and user.partnership_id is not None
    )


def _action_partnership_id(action) -> int:
    return action.finding.plan.partnership_id


def can_plan(user, plan) -> bool:
    """Create, edit, reorder and archive the actions of a plan (or of an inspection's plan:
    either names its partnership)."""
    return _in_partnership(user, plan.partnership_id) and user.role == Role.MANAGER


def can_update_action(user, action) -> bool:
    """Record progress and propose closure: managers; owners of the agency that leads it; and
    its lead officer, who may sit in a supporting agency. A complete action takes no more
    updates until it is reopened, and a closed plan's actions none at all."""
    if action.is_archived or action.is_complete:
        return False
    # actions.models.PlanStatus.CLOSED: this layer imports nothing of actions/, so the
    # status is compared with its stored value.
    if action.finding.plan.status == "closed":
        return False
    if not _in_partnership(user, _action_partnership_id(action)):
        return False
    if user.role == Role.MANAGER:
        return True
    return user.role == Role.OWNER and (
        user.agency_id == action.lead_agency_id or user.pk == action.lead_officer_id
    )


def can_request_target_date(user, action) -> bool:
    """Ask for a new target date, with the reason: whoever updates the action. Whether the
    request may be made now (one at a time) is actions.date_requests' rule."""
    return can_update_action(user, action)


def can_decide_target_date(user, action) -> bool:
    """Approve or refuse a new target date: as for agreeing a closure, the manager and the
    executive's members. Nobody decides their own request (actions.date_requests)."""
    return can_agree_closure(user, action) and action.finding.plan.status != "closed"


def can_decide_target_dates(user, plan) -> bool:
    """See a plan's new target dates awaiting a decision, to decide them: as for one
    action's (can_decide_target_date), the manager and the executive's members."""
    return (
        _in_partnership(user, plan.partnership_id)
        and user.role in (Role.MANAGER, Role.EXECUTIVE)
        and plan.status != "closed"
    )


def can_contribute(user, action) -> bool:
    """Record a supporting agency's part in an action: an owner of an agency the action
    names as supporting it, while the action is open. The lead's people update it instead."""
    if action.is_archived or action.is_complete or action.finding.plan.status == "closed":
        return False
    if not _in_partnership(user, _action_partnership_id(action)):
        return False
    if user.role != Role.OWNER or user.agency_id is None:
        return False
    if user.agency_id == action.lead_agency_id or user.pk == action.lead_officer_id:
        return False
    # From the prefetched agencies where the page fetched them: no query per action.
    return any(agency.pk == user.agency_id for agency in action.supporting_agencies.all())


# Who may be named lead officer: the people who can then update the action.
LEAD_OFFICER_ROLES = (Role.OWNER, Role.MANAGER)


def can_agree_closure(user, action) -> bool:
    """Record the partnership's agreement that an action is complete, or reopen it."""
    return (
        not action.is_archived
        and _in_partnership(user, _action_partnership_id(action))
        and user.role in (Role.MANAGER, Role.EXECUTIVE)
    )


def can_judge_areas(user, plan) -> bool:
    """Record the executive's judgement of a plan's areas for improvement at a meeting:
    as for agreeing a closure, the partnership's manager and its executive members."""
    return (
        user.is_authenticated
        and user.is_active
        and _in_partnership(user, plan.partnership_id)
        and user.role in (Role.MANAGER, Role.EXECUTIVE)
    )


def can_ask_executive(user, action) -> bool:
    """State what the owner asks of the executive for an action: those who update it, while
    it is Red or overdue (what "Red" means: it needs the executive's help)."""
    return can_update_action(user, action) and (action.rag == "red" or action.is_overdue)


def can_record_decisions(user, plan) -> bool:
    """Record the executive's decisions at a meeting and mark them done: the manager, who
    keeps the meeting's record."""
    return _in_partnership(user, plan.partnership_id) and user.role == Role.MANAGER


def can_raise_challenge(user, plan) -> bool:
    """Challenge an action, an area or a meeting: the independent scrutineer, whose part is
    to hold the partnership to account."""
    return _in_partnership(user, plan.partnership_id) and user.role == Role.SCRUTINEER


def can_answer_challenge(user, plan) -> bool:
    """Answer the scrutineer's challenge on the partnership's behalf: the manager."""
    return _in_partnership(user, plan.partnership_id) and user.role == Role.MANAGER


def can_run_update_round(user, plan) -> bool:
    """Open the update round before an executive meeting, chase owners and check their returns."""
    return _in_partnership(user, plan.partnership_id) and user.role == Role.MANAGER


# Those who read what the partnership did, as an inspector would ask for it: the manager,
# and the independent scrutineer, who reads everything and edits nothing.
RECORD_READERS = (Role.MANAGER, Role.SCRUTINEER)


def can_read_returns(user, plan) -> bool:
    """See an update round's returns: who has updated and who has not. Reading only; chasing
    and checking stay can_run_update_round's."""
    return _in_partnership(user, plan.partnership_id) and user.role in RECORD_READERS


def can_read_audit_trail(user) -> bool:
    """Read the partnership's audit trail and export it as CSV. Nobody changes it."""
    return (
        user.is_authenticated
        and user.is_active
        and user.partnership_id is not None
        and user.role in RECORD_READERS
    )


# Whom a partnership's two-factor setting applies to: those who change or agree the plan.
TWO_FACTOR_ROLES = (Role.MANAGER, Role.EXECUTIVE)


def must_use_two_factor(user) -> bool:
    """Whether this person's partnership requires them to sign in with a two-factor code."""
    return (
        user.is_authenticated
        and user.role in TWO_FACTOR_ROLES
        and user.partnership is not None
        and user.partnership.two_factor_required
    )


def can_turn_off_two_factor(user) -> bool:
    return not must_use_two_factor(user)


def can_change_partnership_security(user) -> bool:
    return is_partnership_manager(user)


def require(allowed: bool) -> None:
    """Refuses the request (403) unless the rule allowed it."""
    if not allowed:
        raise PermissionDenied


def lands_on_dashboard(user) -> bool:
    return user.is_authenticated and user.role == Role.EXECUTIVE


def lands_on_my_actions(user) -> bool:
    return user.is_authenticated and user.role == Role.OWNER


def has_own_actions(user) -> bool:
    """Whether "My actions" means anything to this person: those who update actions."""
    return user.is_authenticated and user.role in LEAD_OFFICER_ROLES


def can_manage_measures(user, plan) -> bool:
    """Add and change an area's measures of impact (what is counted, baseline and target):
    the manager, who keeps the plan."""
    return _in_partnership(user, plan.partnership_id) and user.role == Role.MANAGER


def can_record_reading(user, measure, *, area_agency_ids=None) -> bool:
    """Record a reading of a measure: the manager; an owner in an agency that leads one of
    the area's current actions; and the lead officer or an owner of the lead agency of the
    measure's own action. `area_agency_ids`, the lead agencies of the area's current
    actions, saves a query per measure on a page that lists many."""
    if not _in_partnership(user, measure.finding.plan.partnership_id):
        return False
    if user.role == Role.MANAGER:
        return True
    if user.role != Role.OWNER:
        return False
    action = measure.action
    if (
        action is not None
        and user.agency_id is not None
        and user.agency_id == action.lead_agency_id
    ):
        return True
    if action is not None and user.pk == action.lead_officer_id:
        return True
    if user.agency_id is None:
        return False
    if area_agency_ids is not None:
        return user.agency_id in area_agency_ids
    # The area's model, through the measure: this layer imports nothing of actions/.
    areas = type(measure.finding).objects.filter(
        pk=measure.finding_id,
        actions__lead_agency_id=user.agency_id,
        actions__archived_at__isnull=True,
    )
    return areas.exists()


def can_review_sustainability(user, action) -> bool:
    """Record the sustainability review of a complete action: whether the change held,
    months after the partnership agreed its closure. Those who updated it until it closed:
    managers, owners of the agency that leads it, and its lead officer."""
    if action.is_archived or not action.is_complete:
        return False
    if not _in_partnership(user, _action_partnership_id(action)):
        return False
    if user.role == Role.MANAGER:
        return True
    return user.role == Role.OWNER and (
        user.agency_id == action.lead_agency_id or user.pk == action.lead_officer_id
    )
