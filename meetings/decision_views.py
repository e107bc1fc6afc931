"""The pages of the executive's asks and decisions: an owner asks for help from the action's
page; the manager records the meeting's decisions and marks them done from the meeting's."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from actions.models import Action
from audit.trail import client_address
from meetings.decision_forms import AskForm, DecisionDoneForm, DecisionForm
from meetings.decisions import (
    ask_record,
    decision_mark_done,
    decision_record,
    decisions_at,
    matters_arising,
    open_asks,
)
from meetings.models import Decision, Meeting
from partnerships.scoping import get_for_user_or_404
from people import permissions
from people.models import User


def decision_context(*, meeting: Meeting, user) -> dict:
    """What the meeting page's decisions part shows: the decisions made there, the matters
    arising (decisions from earlier meetings not yet done) and the asks awaiting a decision.
    Three queries, and two more for the decisions' actions when there are decisions."""
    return {
        "decisions_made": list(decisions_at(meeting=meeting)),
        "matters_arising": list(matters_arising(plan=meeting.plan, before=meeting.date)),
        "open_asks": list(open_asks(plan=meeting.plan, by=meeting.date)),
        "can_record_decisions": permissions.can_record_decisions(user, meeting.plan),
    }


def ask_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The action's owner says what they ask of the executive, while it is Red or overdue."""
    action = get_for_user_or_404(
        Action.objects.with_page_relations().select_related("finding__plan__inspection"),
        request.user,
        pk=pk,
    )
    permissions.require(permissions.can_ask_executive(request.user, action))
    form = AskForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            ask_record(
                action=action,
                user=request.user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Your ask of the executive is recorded: it waits for a decision at the next "
                "meeting",
            )
            return redirect(action.get_absolute_url() + "#asks-and-decisions")
    return render(request, "meetings/decisions/ask_form.html", {"action": action, "form": form})


def _meeting_for_user(request: HttpRequest, pk: int) -> Meeting:
    return get_for_user_or_404(
        Meeting.objects.select_related("plan__inspection__partnership"), request.user, pk=pk
    )


def _meeting_url(meeting: Meeting, part: str) -> str:
    return reverse("meetings:meeting_detail", args=[meeting.pk]) + f"#{part}"


def decision_new(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager records a decision the executive made at the meeting."""
    meeting = _meeting_for_user(request, pk)
    plan = meeting.plan
    permissions.require(permissions.can_record_decisions(request.user, plan))
    asks = open_asks(plan=plan, by=meeting.date)
    initial = {}
    if answering := asks.filter(pk=request.GET.get("ask") or 0).first():
        # From an ask on the meeting page: it and its action are ticked already.
        initial = {"asks": [answering.pk], "actions": [answering.action_id]}
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        people=User.objects.active_in(plan.partnership_id)
        .select_related("agency")
        .order_by("first_name", "last_name", "username"),
        actions=Action.objects.current()
        .filter(finding__plan=plan)
        .order_by("finding__number", "position", "pk"),
        asks=asks,
    )
    if form.is_valid():
        try:
            decision_record(
                meeting=meeting,
                user=request.user,
                text=form.cleaned_data["text"],
                owner=form.cleaned_data["owner"],
                due_date=form.cleaned_data["due_date"],
                actions=list(form.cleaned_data["actions"]),
                asks=list(form.cleaned_data.get("asks", [])),
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"The decision is recorded at {meeting}")
            return redirect(_meeting_url(meeting, "decisions"))
    return render(
        request,
        "meetings/decisions/decision_form.html",
        {"meeting": meeting, "inspection": plan.inspection, "form": form},
    )


def _done_form(decision: Decision, data=None) -> DecisionDoneForm:
    return DecisionDoneForm(data, prefix=f"decision-{decision.pk}")


def decision_done(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager marks decisions done: those still outstanding as at the meeting, each
    with what was done. The decision marked is named in the form, within the meeting's plan."""
    meeting = _meeting_for_user(request, pk)
    plan = meeting.plan
    permissions.require(permissions.can_record_decisions(request.user, plan))
    outstanding = list(matters_arising(plan=plan, before=meeting.date)) + [
        decision for decision in decisions_at(meeting=meeting) if not decision.is_done
    ]
    bound = None
    if request.method == "POST":
        try:
            decision_pk = int(request.POST.get("decision", ""))
        except ValueError:
            raise Http404 from None
        decision = get_object_or_404(
            Decision.objects.select_related("meeting__plan__inspection", "owner", "done_by"),
            pk=decision_pk,
            meeting__plan=plan,
        )
        bound = _done_form(decision, request.POST)
        if bound.is_valid():
            try:
                decision_mark_done(
                    decision=decision,
                    user=request.user,
                    note=bound.cleaned_data["note"],
                    address=client_address(request),
                )
            except ValidationError as error:
                bound.add_error(None, error)
            else:
                messages.success(
                    request, "The decision is marked as done: it no longer carries forward"
                )
                return redirect(_meeting_url(meeting, "matters-arising"))
        if decision.pk not in {listed.pk for listed in outstanding}:
            # Done meanwhile, or made at a later meeting: shown with its refusal.
            decision.refresh_from_db()
            outstanding.insert(0, decision)
    forms = [
        (
            decision,
            bound
            if bound is not None and bound.prefix == f"decision-{decision.pk}"
            # Unbound forms for the rest: they post one at a time.
            else _done_form(decision),
        )
        for decision in outstanding
    ]
    return render(
        request,
        "meetings/decisions/decision_done.html",
        {
            "meeting": meeting,
            "inspection": plan.inspection,
            "decisions": forms,
            "form": bound,
        },
    )
