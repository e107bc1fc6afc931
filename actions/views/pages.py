"""The shapes an action's form pages take, written once: which action the person may open
under a rule (`action_if`); a change to the action, which claims its version so a page
opened before someone else's change is refused (`versioned_form_page`); and an addition
that changes nothing on it (evidence, a supporting agency's contribution), which claims
none, so an edit meanwhile refuses nothing (`adding_form_page`)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actions import selectors, services
from actions.models import Action
from partnerships.scoping import get_for_user_or_404
from partnerships.versioning import posted_version
from people import permissions, sessions


def adding_form_page(
    request: HttpRequest,
    *,
    action: Action,
    form_class: type[forms.Form],
    template: str,
    save: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Show the form; on a valid post, `save` the cleaned data through a service and show
    the message it returns; a broken rule shows the form again with everything typed, as
    does a form kept from a session that ended (people.sessions)."""
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                done = save(form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, done)
                return redirect(action)
    elif kept := sessions.kept_form_data(request):
        data, had_files = kept
        form = form_class(data)
        messages.warning(
            request, sessions.KEPT_FORM_NOTICE + (sessions.FILES_NOT_KEPT if had_files else "")
        )
    else:
        form = form_class()
    return render(request, template, {"action": action, "form": form})


def action_if(rule):
    """The action the person may change under `rule`, or 404 / 403; shared by the view and
    by the middleware that keeps a form typed after the session ended."""

    def load(user, pk: int) -> Action:
        action = get_for_user_or_404(Action.objects.with_page_relations(), user, pk=pk)
        permissions.require(rule(user, action))
        return action

    return load


def versioned_form_page(
    request,
    *,
    action,
    form_class,
    template,
    save,
    success,
    form_kwargs=None,
    initial=None,
    context=None,
):
    """The shape every change to an action takes: show the form; on a valid post, save
    through a service; on an edit conflict or a broken rule, show the form again with
    everything the person typed."""
    form_kwargs = form_kwargs or {}
    changed_meanwhile = None
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **form_kwargs)
        started_from = posted_version(request.POST)
        try:
            # A page opened before someone else's change is refused before its own checks,
            # which would otherwise judge it against values the person never saw.
            if started_from != action.version:
                raise services.EditConflict(action, since_version=started_from)
            if form.is_valid():
                save(form.cleaned_data)
                messages.success(request, success() if callable(success) else success)
                return redirect(action)
        except services.EditConflict as conflict:
            changed_meanwhile = selectors.action_history(
                action=conflict.action, since_version=conflict.since_version
            )
            data = request.POST.copy()
            data["version"] = conflict.action.version
            form = form_class(data, request.FILES, **form_kwargs)
            form.is_valid()
            form.add_error(
                None,
                "Someone else changed this action while you were working on it. Nothing "
                "was saved. Check their changes below, then save again"
                + (" (attach your file again)" if request.FILES else ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
    elif kept := sessions.kept_form_data(request):
        data, had_files = kept
        form = form_class(data, **form_kwargs)
        messages.warning(
            request, sessions.KEPT_FORM_NOTICE + (sessions.FILES_NOT_KEPT if had_files else "")
        )
    else:
        form = form_class(initial={"version": action.version, **(initial or {})}, **form_kwargs)
    return render(
        request,
        template,
        {"action": action, "form": form, "changed_meanwhile": changed_meanwhile, **(context or {})},
    )
