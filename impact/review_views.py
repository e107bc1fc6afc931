"""The sustainability review's page: the owner records whether a closed action's change held."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actions.models import Action, Closure
from audit.trail import client_address
from impact import reviews
from impact.review_forms import SustainabilityReviewForm
from partnerships.scoping import get_for_user_or_404
from people import permissions


def _action_to_review(request: HttpRequest, pk: int) -> tuple[Action, Closure]:
    """The action, if it is the person's partnership's (404) and theirs to review (403), with
    the agreed closure its review is of (404 for one made Complete with no closure)."""
    closures = Closure.objects.select_related("agreed_by")
    action = get_for_user_or_404(
        Action.objects.with_page_relations().prefetch_related(Prefetch("closures", closures)),
        request.user,
        pk=pk,
    )
    permissions.require(permissions.can_review_sustainability(request.user, action))
    closure = reviews.agreed_closure(action)
    if closure is None:
        raise Http404("This action has no agreed closure to review")
    closure.action = action
    return action, closure


def sustainability_review_new(request: HttpRequest, pk: int) -> HttpResponse:
    action, closure = _action_to_review(request, pk)
    form = SustainabilityReviewForm(
        request.POST if request.method == "POST" else None, action=action, closure=closure
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = reviews.sustainability_review_record(
                closure=closure,
                user=request.user,
                held=data["held"],
                note=data["note"],
                evidence=data.get("evidence"),
                reading=data.get("reading"),
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if data["held"]:
                messages.success(request, f"Action {action.reference} is now Embedded")
            else:
                messages.success(
                    request,
                    f"Action {action.reference} is reopened at Red for the executive, "
                    "with your words as the reason",
                )
            for manager in recorded.not_emailed:
                messages.warning(
                    request,
                    f"{manager.get_full_name()} could not be e-mailed: tell them the action "
                    "is reopened",
                )
            return redirect(action)
    return render(
        request,
        "impact/reviews/review_form.html",
        {"action": action, "closure": closure, "form": form},
    )
