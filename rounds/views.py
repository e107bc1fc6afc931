"""The manager's pages for the update round: open it, see the returns, chase, check."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.trail import client_address
from govuk.words import plural
from inspections.selectors import inspection_for_user
from people import permissions
from people.models import User
from rounds import selectors, services
from rounds.forms import ReviewForm, RoundForm
from rounds.models import ReturnReview, ReviewDecision, UpdateRound
from rounds.reminders import short_notice


# Outside the request's transaction: the round is saved before its e-mails go, so a mail
# server failing cannot take the round, or the record of e-mails already sent, with it.
@transaction.non_atomic_requests
def round_list(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    # The scrutineer reads the rounds and their returns; the manager also opens them.
    permissions.require(permissions.can_read_returns(request.user, inspection.plan))
    can_run = permissions.can_run_update_round(request.user, inspection)
    if request.method == "POST":
        permissions.require(can_run)
    form = RoundForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            update_round, delivery = services.round_open(
                plan=inspection.plan,
                user=request.user,
                meeting_date=form.cleaned_data["meeting_date"],
                deadline=form.cleaned_data["deadline"],
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"The round is open: {plural(len(delivery.sent), 'owner')} e-mailed, "
                f"each with a list of their actions to update",
            )
            if short_notice(update_round):
                messages.warning(
                    request,
                    "The deadline is less than 2 working days away, so owners get no reminder "
                    "before the last one on the deadline day",
                )
            if delivery.failed:
                messages.warning(
                    request,
                    f"{plural(len(delivery.failed), 'e-mail')} could not be sent. The daily "
                    f"reminders (send_reminders) send them on their next run",
                )
            return redirect(update_round)
    rounds = UpdateRound.objects.filter(plan=inspection.plan_id).order_by("-meeting_date", "-pk")
    return render(
        request,
        "rounds/round_list.html",
        {
            "inspection": inspection,
            "rounds": rounds,
            "form": form,
            "can_run": can_run,
            "current": selectors.current_round(plan=inspection.plan, today=timezone.localdate()),
        },
    )


def _round_for_manager(request, pk) -> UpdateRound:
    update_round = selectors.round_for_page(user=request.user, pk=pk)
    permissions.require(
        permissions.can_run_update_round(request.user, update_round.plan.inspection)
    )
    return update_round


def round_returns(request: HttpRequest, pk: int) -> HttpResponse:
    """Who has and has not updated: read by the manager, who chases and checks from it, and
    by the scrutineer, who reads it."""
    update_round = selectors.round_for_page(user=request.user, pk=pk)
    inspection = update_round.plan.inspection
    permissions.require(permissions.can_read_returns(request.user, inspection))
    return render(
        request,
        "rounds/round_returns.html",
        {
            "inspection": inspection,
            "update_round": update_round,
            "can_run": permissions.can_run_update_round(request.user, inspection),
            "returns": selectors.round_returns(update_round=update_round),
            "is_past": update_round.meeting_date < timezone.localdate(),
        },
    )


@require_POST
def round_chase(request: HttpRequest, pk: int, owner_pk: int) -> HttpResponse:
    update_round = _round_for_manager(request, pk)
    owner = get_object_or_404(User.objects.for_user(request.user), pk=owner_pk)
    try:
        services.owner_chase(update_round=update_round, owner=owner, user=request.user)
    except ValidationError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, f"{owner} has been sent a reminder")
    return redirect(update_round)


def return_review(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    update_round = _round_for_manager(request, pk)
    action = selectors.action_return(update_round=update_round, action_pk=action_pk)
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                checked = services.return_check(
                    update_round=update_round,
                    action=action,
                    user=request.user,
                    update_id=form.cleaned_data["update"],
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                    address=client_address(request),
                )
            except services.ReturnChanged as changed:
                # Show the new update, and judge that one next time.
                form = ReviewForm({**request.POST.dict(), "update": action.return_id})
                form.is_valid()
                form.add_error(None, changed)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _review_done(checked.review, action))
                if checked.not_emailed:
                    names = ", ".join(str(person) for person in checked.not_emailed)
                    messages.warning(
                        request,
                        f"The e-mail asking for more detail could not be sent to {names}: "
                        "tell them yourself",
                    )
                return redirect(f"{update_round.get_absolute_url()}#action-{action.pk}")
    else:
        form = ReviewForm(initial={"update": action.return_id})
    return render(
        request,
        "rounds/return_review.html",
        {
            "inspection": update_round.plan.inspection,
            "update_round": update_round,
            "action": action,
            "update": selectors.return_update(action=action),
            "status": selectors.return_status(action=action),
            "form": form,
            "next_return": selectors.next_to_check(update_round=update_round, after=action),
        },
    )


def _review_done(review: ReturnReview, action) -> str:
    if review.decision == ReviewDecision.ACCEPTED:
        return f"The update on action {action.reference} is accepted"
    return f"The update on action {action.reference} has been returned to its owner for more detail"
