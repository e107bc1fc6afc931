"""The shape of a page that adds something to an action without changing the action itself
(evidence, a supporting agency's contribution): no version is claimed, so someone else's
edit of the action meanwhile refuses nothing."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actions.models import Action
from people import sessions


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
