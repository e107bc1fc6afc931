from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from inspections import selectors
from inspections.models import Inspection, InspectionStatus
from people import permissions


def landing(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: an executive member to the dashboard of the plan under
    monitoring (when there is exactly one), an action owner to their actions, everyone
    else to the partnership's plans."""
    if permissions.lands_on_dashboard(request.user):
        monitored = list(
            Inspection.objects.for_user(request.user)
            .filter(status=InspectionStatus.MONITORING)
            .values_list("pk", flat=True)[:2]
        )
        if len(monitored) == 1:
            return redirect("dashboard", pk=monitored[0])
    if permissions.lands_on_my_actions(request.user):
        return redirect("my_actions")
    return redirect("home")


def home(request: HttpRequest) -> HttpResponse:
    plans = selectors.partnership_overview(user=request.user, today=timezone.localdate())
    return render(request, "inspections/home.html", {"plans": plans})


def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_for_page(user=request.user, pk=pk)
    return render(
        request,
        "inspections/inspection_detail.html",
        {"inspection": inspection, "can_plan": permissions.can_plan(request.user, inspection)},
    )


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    # Public by law (PSBAR 2018): anyone may read it, signed in or not.
    return render(request, "pages/accessibility.html")
