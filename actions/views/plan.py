from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions import fields as action_fields
from actions import selectors, services, suggested
from actions.filters import ActionFilter, filter_title
from actions.forms import (
    ActionForm,
    ClosureAgreementForm,
    ClosureDecision,
    ClosureProposalForm,
    ProgressUpdateForm,
    ReopenForm,
    VersionedForm,
)
from actions.models import Action, ClosureStatus, Evidence, Finding
from actions.rag import RAG
from actions.views.pages import action_if, versioned_form_page
from audit.downloads import file_download
from audit.trail import client_address
from partnerships.scoping import get_for_user_or_404
from people import permissions, sessions

ACTIONS_PER_PAGE = 50


def action_list_page(
    request, *, queryset, mine=False, inspection=None, template="actions/action_list.html"
):
    """A filterable, sortable, paged list of actions: the officer's own, or a plan's. Its
    title says what the filters hold and whose or which inspection's actions they are."""
    action_filter = ActionFilter(
        request.GET or None, queryset=queryset, user=request.user, inspection=inspection
    )
    title = filter_title(action_filter)
    if mine:
        title = "My actions" if title == "All actions" else f"My {title[0].lower()}{title[1:]}"
    if inspection is not None:
        title = f"{title} — {inspection.short_title}"
    actions = action_filter.qs if action_filter.is_bound else queryset.current()
    if mine:
        # My actions stays in its parts (selectors.MyActionsGroup) whichever column sorts
        # each part.
        actions = actions.order_by("my_group", *actions.query.order_by)
    # Each row's suggested RAG, read off the row's own query (no query per row).
    actions = selectors.with_suggestion(actions)
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "title": title,
            "inspection": inspection,
            "spans_plans": action_filter.spans_plans,
            "filter": action_filter,
            "page": page,
            "actions": page.object_list,
            # My actions in its parts, each headed (selectors.MyActionsGroup).
            "parts": _parts(page.object_list) if mine else None,
            "sort": request.GET.get("sort", ""),
            "filtered": any(
                value for name, value in request.GET.items() if name not in ("sort", "page")
            ),
        },
    )


def _parts(actions) -> list[tuple[str, list[Action]]]:
    """A page of My actions in its parts, in order: [(heading, actions)]."""
    parts: list[tuple[str, list[Action]]] = []
    for action in actions:
        heading = selectors.MyActionsGroup(action.my_group).label
        if not parts or parts[-1][0] != heading:
            parts.append((heading, []))
        parts[-1][1].append(action)
    return parts


def my_actions(request: HttpRequest) -> HttpResponse:
    # A closed plan's actions leave the list, unless the officer asks for one of its areas.
    chosen_plan = (
        Finding.objects.for_user(request.user)
        .filter(pk=request.GET["finding"])
        .values_list("plan", flat=True)
        .first()
        if request.GET.get("finding", "").isdigit()
        else None
    )
    return action_list_page(
        request,
        queryset=selectors.my_actions(user=request.user, closed_plan_shown=chosen_plan),
        mine=True,
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_for_page(user=request.user, pk=pk)
    closures = list(action.closures.all())
    open_closure = next((c for c in closures if not c.has_ended), None)
    user = request.user
    history = selectors.action_history(action=action)
    return render(
        request,
        "actions/action_detail.html",
        {
            "action": action,
            # From its prefetched updates and the inspection selected with it: no query.
            "suggestion": suggested.action_suggestion(action),
            "suggestion_rule": suggested.rule_in_words(
                suggested.Thresholds.of(action.finding.plan.partnership)
            ),
            "open_closure": open_closure,
            "past_closures": [c for c in closures if c.has_ended],
            "history": history,
            "last_changed": selectors.action_last_changed(action=action, history=history),
            "can_update": permissions.can_update_action(user, action),
            "can_plan": permissions.can_plan(user, action.finding.plan),
            "can_agree": permissions.can_agree_closure(user, action),
            "can_ask": permissions.can_ask_executive(user, action),
            "can_challenge": permissions.can_raise_challenge(user, action.finding.plan),
        },
    )


_action_to_update = action_if(permissions.can_update_action)
_action_to_plan = action_if(lambda user, action: permissions.can_plan(user, action.finding.plan))
_action_to_close = action_if(permissions.can_agree_closure)


@sessions.keeps_typed_form(_action_to_update)
def progress_update_new(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_update(request.user, pk)
    if request.method == "POST":
        # Save, browser Back, Save sends the form again with its one-time key, and with the
        # version it started from, which the first save moved on: known by its key, it is
        # no edit conflict but an update already recorded.
        key = ProgressUpdateForm.posted_submission_key(request.POST)
        if key is not None and action.updates.filter(submission_key=key).exists():
            messages.info(request, "This update was already saved: it is shown below")
            return redirect(action)

    def save(data):
        services.progress_update_record(
            action=action,
            author=request.user,
            rag=data["rag"],
            narrative=data["narrative"],
            rag_change_reason=data["rag_change_reason"],
            percent_complete=data["percent_complete"],
            evidence_link=data["evidence_link"],
            evidence_file=data["evidence_file"],
            expected_version=data["version"],
            submission_key=data["submission_key"],
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=ProgressUpdateForm,
        template="actions/progress_update_form.html",
        save=save,
        success="Your progress update has been recorded",
        form_kwargs={"action": action},
        initial={"rag": action.rag if action.rag != RAG.COMPLETE else None},
    )


def action_new(request: HttpRequest, finding_pk: int) -> HttpResponse:
    finding = get_for_user_or_404(
        Finding.objects.select_related("plan__inspection__partnership"), request.user, pk=finding_pk
    )
    permissions.require(permissions.can_plan(request.user, finding.plan))
    form_kwargs = {"partnership_id": finding.plan.partnership_id}
    if request.method == "POST":
        form = ActionForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                action = services.action_create(
                    address=client_address(request),
                    finding=finding,
                    user=request.user,
                    details={name: data[name] for name in action_fields.detail_names()},
                    supporting_agencies=data["supporting_agencies"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Action {action.reference} has been added to the plan")
                return redirect(action)
    else:
        form = ActionForm(
            initial={"version": 0, "reference": services.suggest_reference(finding)}, **form_kwargs
        )
    return render(request, "actions/action_form.html", {"finding": finding, "form": form})


@sessions.keeps_typed_form(_action_to_plan)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_plan(request.user, pk)

    def save(data):
        services.action_edit(
            address=client_address(request),
            action=action,
            user=request.user,
            expected_version=data["version"],
            details={name: data[name] for name in action_fields.detail_names()},
            supporting_agencies=data["supporting_agencies"],
            target_date_change_reason=data["target_date_change_reason"],
        )

    initial = {name: getattr(action, name) for name in action_fields.detail_names()}
    initial["supporting_agencies"] = list(action.supporting_agencies.all())
    return versioned_form_page(
        request,
        action=action,
        form_class=ActionForm,
        template="actions/action_form.html",
        save=save,
        success=f"Action {action.reference} has been changed",
        form_kwargs={"partnership_id": action.finding.plan.partnership_id, "action": action},
        initial=initial,
        context={"finding": action.finding},
    )


@require_POST
def action_move(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_plan(request.user, pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    services.action_move(action=action, user=request.user, direction=direction)
    messages.success(request, f"Action {action.reference} moved {direction}")
    return redirect(f"{action.finding.plan.inspection.get_absolute_url()}#action-{action.pk}")


@sessions.keeps_typed_form(_action_to_plan)
def action_archive(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_plan(request.user, pk)
    restoring = action.is_archived

    def save(data):
        service = services.action_restore if restoring else services.action_archive
        service(
            action=action,
            user=request.user,
            expected_version=data["version"],
            address=client_address(request),
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=VersionedForm,
        template="actions/action_archive.html",
        save=save,
        success=f"Action {action.reference} has been "
        + ("put back in the plan" if restoring else "archived"),
        context={"restoring": restoring},
    )


@sessions.keeps_typed_form(_action_to_update)
def closure_propose(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_update(request.user, pk)

    def save(data):
        services.closure_propose(
            address=client_address(request),
            action=action,
            user=request.user,
            evidence_of_impact=data["evidence_of_impact"],
            sustainability_plan=data["sustainability_plan"],
            evidence_link=data["evidence_link"],
            evidence_file=data["evidence_file"],
            expected_version=data["version"],
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=ClosureProposalForm,
        template="actions/closure_propose_form.html",
        save=save,
        success="The action is proposed complete. It is complete once the partnership agrees",
    )


@sessions.keeps_typed_form(_action_to_close)
def closure_agree(request: HttpRequest, pk: int) -> HttpResponse:
    """The partnership's decision on a closure, taken with all its evidence in view."""
    action = _action_to_close(request.user, pk)
    proposal = selectors.closure_for_agreement(action=action)
    if proposal is None:
        messages.info(request, "This action is not awaiting agreement")
        return redirect(action)
    # The meetings that can have decided it: held since it was proposed, up to today.
    proposed_on = timezone.localtime(proposal.closure.proposed_at).date()
    meetings = action.finding.plan.meetings.filter(
        date__gte=proposed_on, date__lte=timezone.localdate()
    ).order_by("-date", "-pk")
    decided = []

    def save(data):
        outcome = services.closure_decide(
            address=client_address(request),
            action=action,
            user=request.user,
            agreed=data["decision"] == ClosureDecision.AGREED,
            decided_on=data["agreed_on"],
            meeting=data["meeting"],
            reason=data["decision_reason"],
            expected_version=data["version"],
        )
        decided.append(outcome.closure)
        if outcome.not_emailed:
            names = ", ".join(str(person) for person in outcome.not_emailed)
            messages.warning(
                request,
                f"The e-mail telling {names} of the decision could not be sent: tell them yourself",
            )

    def success() -> str:
        if decided and decided[0].status == ClosureStatus.AGREED:
            return f"Action {action.reference} is complete: the partnership's agreement is recorded"
        return (
            f"Closure of action {action.reference} not agreed: the action stays open and its "
            "owner has been told why"
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=ClosureAgreementForm,
        form_kwargs={"closure": proposal.closure, "user": request.user, "meetings": meetings},
        template="actions/closure_agree_form.html",
        save=save,
        success=success,
        context={
            "proposal": proposal,
            "closure": proposal.closure,
            "self_decision": services.closure_self_decision(
                closure=proposal.closure, user=request.user
            ),
            "meetings_recorded": meetings.exists(),
        },
    )


@sessions.keeps_typed_form(_action_to_close)
def action_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_close(request.user, pk)
    closure = services.open_closure(action)
    if closure is not None and closure.status == ClosureStatus.PROPOSED:
        # A proposal is decided on its evidence at a meeting, agreed or not agreed with the
        # reason: one way, so every refusal is recorded the same.
        messages.info(request, services.PROPOSAL_IS_DECIDED_NOT_REOPENED)
        return redirect("actions:closure_agree", pk=action.pk)
    if not action.is_complete:
        messages.info(request, "This action is not complete")
        return redirect(action)

    def save(data):
        services.action_reopen(
            address=client_address(request),
            action=action,
            user=request.user,
            reason=data["reason"],
            rag=data["rag"],
            expected_version=data["version"],
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=ReopenForm,
        template="actions/reopen_form.html",
        save=save,
        success=f"Action {action.reference} has been reopened",
        context={"closure": closure},
    )


def evidence_download(request: HttpRequest, uuid) -> HttpResponse:
    evidence = get_for_user_or_404(Evidence.objects.exclude(file=""), request.user, uuid=uuid)
    return file_download(
        request,
        content=evidence.file.open("rb"),
        filename=evidence.original_name,
        content_type=evidence.content_type or "application/octet-stream",
        kind="evidence",
        subject=evidence,
    )
