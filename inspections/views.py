from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actions import selectors as action_selectors
from actions.models import PlanStatus
from actions.views.plan import action_list_page
from inspections import selectors
from inspections.models import Inspection
from partnerships.scoping import get_for_user_or_404
from people import permissions


def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: an executive member to the dashboard of the plan under
    monitoring (when there is exactly one), an action owner to their actions, everyone
    else to the partnership's plans."""
    if permissions.lands_on_dashboard(request.user):
        monitored = list(
            Inspection.objects.for_user(request.user)
            .filter(plan__status=PlanStatus.MONITORING)
            .values_list("pk", flat=True)[:2]
        )
        if len(monitored) == 1:
            return redirect("meetings:dashboard", pk=monitored[0])
    if permissions.lands_on_my_actions(request.user):
        return redirect("actions:my_actions")
    return redirect("meetings:home")


def inspection_actions(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_for_user_or_404(Inspection.objects.for_pages(), request.user, pk=pk)
    queryset = action_selectors.actions_for_list(user=request.user).filter(
        finding__plan=inspection.plan_id
    )
    return action_list_page(
        request,
        queryset=queryset.order_by("finding__number", "position", "pk"),
        inspection=inspection,
    )


def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_for_page(user=request.user, pk=pk)
    return render(
        request,
        "inspections/inspection_detail.html",
        {
            "inspection": inspection,
            "areas": selectors.areas_for_page(inspection=inspection),
            "can_plan": permissions.can_plan(request.user, inspection),
            "can_read_returns": permissions.can_read_returns(request.user, inspection.plan),
        },
    )


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    # Public by law (PSBAR 2018): anyone may read it, signed in or not.
    return render(request, "pages/accessibility.html")
