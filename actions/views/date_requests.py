"""The pages of a new target date: an owner asks for it, the manager or an executive member
approves or refuses it, and the plan's requests awaiting a decision (actions.date_requests)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actions import date_requests
from actions.date_request_forms import DateDecision, DateDecisionForm, DateRequestForm
from actions.models import Plan, PlanStatus, TargetDateRequest, TargetDateRequestStatus
from actions.views.pages import action_if, versioned_form_page
from audit.trail import client_address
from partnerships.scoping import get_for_user_or_404
from people import permissions, sessions
from people.models import User

_action_to_ask = action_if(permissions.can_request_target_date)
_action_to_decide = action_if(permissions.can_decide_target_date)


def _warn_not_emailed(request: HttpRequest, people: list[User], *, about: str) -> None:
    if people:
        names = ", ".join(str(person) for person in people)
        messages.warning(
            request, f"The e-mail telling {names} {about} could not be sent: tell them yourself"
        )


@sessions.keeps_typed_form(_action_to_ask)
def date_request_new(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_ask(request.user, pk)
    if request.method != "POST" and date_requests.pending_request(action):
        messages.info(request, date_requests.ONE_AT_A_TIME)
        return redirect(action)

    def save(data):
        outcome = date_requests.date_request_create(
            action=action,
            user=request.user,
            proposed_date=data["proposed_date"],
            reason=data["reason"],
            address=client_address(request),
        )
        _warn_not_emailed(request, outcome.not_emailed, about="that a new date awaits a decision")

    return versioned_form_page(
        request,
        action=action,
        form_class=DateRequestForm,
        template="actions/date_request_form.html",
        save=save,
        success="Your request for a new target date has been sent. The target date stays "
        "as it is until the manager or an executive member approves it; you will be e-mailed "
        "their decision",
        form_kwargs={"action": action},
        context={"overdue": action.is_overdue},
    )


@sessions.keeps_typed_form(_action_to_decide)
def date_request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_decide(request.user, pk)
    pending = (
        TargetDateRequest.objects.filter(action=action, status=TargetDateRequestStatus.PENDING)
        .select_related("requested_by")
        .first()
    )
    if pending is None:
        messages.info(request, date_requests.NOTHING_PENDING)
        return redirect(action)
    pending.action = action
    decided: list[TargetDateRequest] = []

    def save(data):
        outcome = date_requests.date_request_decide(
            action=action,
            user=request.user,
            approved=data["decision"] == DateDecision.APPROVED,
            comment=data["decision_comment"],
            expected_version=data["version"],
            address=client_address(request),
        )
        decided.append(outcome.date_request)
        _warn_not_emailed(request, outcome.not_emailed, about="of the decision")

    def success() -> str:
        if decided and decided[0].status == TargetDateRequestStatus.APPROVED:
            return (
                f"The new target date is approved: action {action.reference} is now due on "
                f"{action.target_date:%-d %B %Y}, and its owner has been told"
            )
        return (
            f"The new target date is refused: action {action.reference} stays due on "
            f"{action.target_date:%-d %B %Y}, and its owner has been told why"
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=DateDecisionForm,
        template="actions/date_request_decide.html",
        save=save,
        success=success,
        form_kwargs={"date_request": pending, "user": request.user},
        context={
            "date_request": pending,
            "self_decision": date_requests.self_decision(pending, request.user),
        },
    )


def date_requests_pending(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's new target dates awaiting a decision, the longest waiting first. `pk` is
    the plan's inspection, as every page of a JTAI's plan is named."""
    plan = get_for_user_or_404(
        Plan.objects.select_related("partnership", "inspection__partnership", "inspection__theme"),
        request.user,
        inspection__pk=pk,
    )
    # Those who decide a plan's new target dates (permissions.can_decide_target_date): its
    # manager and executive members, as for judging its areas.
    permissions.require(permissions.can_decide_target_dates(request.user, plan))
    pending = list(
        date_requests.awaiting_decision(plan=plan)
        .for_user(request.user)
        .select_related("action__finding", "action__lead_agency", "requested_by")
        .order_by("requested_at", "pk")
    )
    return render(
        request,
        "actions/date_requests_pending.html",
        {
            "plan": plan,
            "inspection": plan.inspection,
            "pending": pending,
            "plan_closed": plan.status == PlanStatus.CLOSED,
        },
    )
