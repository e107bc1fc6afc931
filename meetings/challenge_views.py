"""The scrutineer's challenges: raised on an action, an area or a meeting, answered by the
manager, and listed on the plan's challenges page, which everyone in the partnership reads."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from actions.models import Action, Finding, Plan
from audit.trail import client_address
from inspections.models import Inspection
from inspections.selectors import inspection_for_user
from meetings import challenges
from meetings.challenge_forms import ChallengeAnswerForm, ChallengeForm
from meetings.challenges import challenge_subject_words, challenge_url, plan_challenges
from meetings.models import Meeting
from partnerships.scoping import get_for_user_or_404
from people import permissions


def _raise(
    request: HttpRequest,
    *,
    plan: Plan,
    inspection: Inspection,
    about: dict[str, Action | Finding | Meeting],
    subject_words: str,
    back_url: str,
    done_url: str,
) -> HttpResponse:
    permissions.require(permissions.can_raise_challenge(request.user, plan))
    form = ChallengeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            challenge = challenges.challenge_raise(
                plan=plan,
                user=request.user,
                text=form.cleaned_data["text"],
                address=client_address(request),
                **about,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                f"Your challenge on {challenge_subject_words(challenge)} is sent to the "
                "partnership manager to answer",
            )
            return redirect(f"{done_url}#challenge-{challenge.pk}")
    return render(
        request,
        "meetings/challenges/challenge_form.html",
        {
            "form": form,
            "inspection": inspection,
            "subject_words": subject_words,
            "back_url": back_url,
        },
    )


def challenge_raise_action(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_for_user_or_404(
        Action.objects.with_page_relations().select_related("finding__plan__inspection"),
        request.user,
        pk=pk,
    )
    plan = action.finding.plan
    url = action.get_absolute_url()
    return _raise(
        request,
        plan=plan,
        inspection=plan.inspection,
        about={"action": action},
        subject_words=f"action {action.reference}",
        back_url=url,
        done_url=url,
    )


def challenge_raise_area(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    inspection = inspection_for_user(user=request.user, pk=pk)
    finding = get_object_or_404(Finding, pk=finding_pk, plan=inspection.plan_id)
    return _raise(
        request,
        plan=inspection.plan,
        inspection=inspection,
        about={"finding": finding},
        subject_words=f"area for improvement {finding.number}",
        back_url=inspection.get_absolute_url() + f"#finding-{finding.number}",
        done_url=reverse("meetings:challenge_list", args=[inspection.pk]),
    )


def challenge_raise_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_for_user_or_404(
        Meeting.objects.select_related("plan__inspection__partnership"), request.user, pk=pk
    )
    url = meeting.get_absolute_url()
    return _raise(
        request,
        plan=meeting.plan,
        inspection=meeting.plan.inspection,
        about={"meeting": meeting},
        subject_words=f"the meeting {meeting}",
        back_url=url,
        done_url=url,
    )


def challenge_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every challenge on the plan, the open ones first, with the manager's answers."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    plan = inspection.plan
    can_raise = permissions.can_raise_challenge(request.user, plan)
    return render(
        request,
        "meetings/challenges/challenge_list.html",
        {
            "inspection": inspection,
            "challenges": list(plan_challenges(plan=plan)),
            "rights": {
                "raise": can_raise,
                "answer": permissions.can_answer_challenge(request.user, plan),
            },
            "findings": list(Finding.objects.filter(plan=plan).order_by("number"))
            if can_raise
            else [],
        },
    )


def challenge_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager's answer to one challenge, named by ?challenge=<id>: the challenge is
    reached through the plan's page address, so another plan's is not there."""
    inspection = inspection_for_user(user=request.user, pk=pk)
    plan = inspection.plan
    try:
        challenge_pk = int(request.GET.get("challenge", ""))
    except ValueError:
        raise Http404 from None
    challenge = get_object_or_404(plan_challenges(plan=plan), pk=challenge_pk)
    permissions.require(permissions.can_answer_challenge(request.user, plan))
    form = ChallengeAnswerForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            challenges.challenge_answer(
                challenge=challenge,
                user=request.user,
                answer=form.cleaned_data["answer"],
                address=client_address(request),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                f"Your answer to the challenge on {challenge_subject_words(challenge)} is "
                "recorded and sent to the scrutineer",
            )
            return redirect(challenge_url(challenge))
    return render(
        request,
        "meetings/challenges/challenge_answer.html",
        {
            "form": form,
            "inspection": inspection,
            "challenge": challenge,
            "subject_words": challenge_subject_words(challenge),
        },
    )
