"""The page on which an owner corrects their own last update (actions.corrections)."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from actions import corrections
from actions.forms import ProgressUpdateForm
from actions.views.pages import action_if, versioned_form_page
from audit.trail import client_address
from people import permissions, sessions


class UpdateCorrectionForm(ProgressUpdateForm):
    """The update's own fields, with a new update's labels, rules and words, judged against
    the action as it stood before the update (`action`: corrections.action_before_update).
    No evidence (it stays as it was) and no one-time key (a correction changes one update):
    instead it carries the update it corrects."""

    evidence_link = None
    evidence_file = None
    submission_key = None
    update = forms.IntegerField(widget=forms.HiddenInput, required=False)


_action_to_correct = action_if(permissions.can_update_action)


@sessions.keeps_typed_form(_action_to_correct)
def update_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """The action's latest update, corrected by its author. The form carries the update it
    corrects: once a newer one is recorded, the post is refused (an edit conflict, as the
    new update moved the action's version, and then not the latest), so it never corrects
    an update its author did not see."""
    action = _action_to_correct(request.user, pk)
    updates = action.updates.select_related("author")
    posted = request.POST.get("update", "") if request.method == "POST" else ""
    update = (updates.filter(pk=int(posted)) if posted.isdigit() else updates).first()
    if update is None:
        messages.info(request, "No progress has been reported yet, so there is nothing to correct")
        return redirect(action)
    if request.method == "POST" and _already_saved(request.POST, update):
        # Save, browser Back and Save again: the update already says this.
        messages.info(request, "This correction was already saved: it is shown below")
        return redirect(action)
    if request.method != "POST":
        refusal = corrections.update_correction_refusal(update=update, user=request.user)
        if refusal:
            messages.info(request, refusal)
            return redirect(action)
    # A post the rule refuses meanwhile (the day is up, the manager has checked it) is
    # refused by the service, and the form shows it again with what was typed.

    def save(data):
        corrections.update_correct(
            update=update,
            user=request.user,
            narrative=data["narrative"],
            rag=data["rag"],
            percent_complete=data["percent_complete"],
            rag_change_reason=data["rag_change_reason"],
            expected_version=data["version"],
            address=client_address(request),
        )

    return versioned_form_page(
        request,
        action=action,
        form_class=UpdateCorrectionForm,
        template="actions/update_correction_form.html",
        save=save,
        success=f"Your update of {update.date:%-d %B %Y} has been corrected",
        form_kwargs={"action": corrections.action_before_update(update)},
        initial={
            "update": update.pk,
            "narrative": update.narrative,
            "rag": update.rag,
            "percent_complete": update.percent_complete,
            "rag_change_reason": update.rag_change_reason,
        },
        context={"update": update, "closes_at": corrections.correction_closes_at(update)},
    )


def _already_saved(posted, update) -> bool:
    """Whether this post is a correction the update already carries (sent a second time)."""
    percent = "" if update.percent_complete is None else str(update.percent_complete)
    return update.corrected_at is not None and (
        posted.get("narrative", "").strip(),
        posted.get("rag", ""),
        posted.get("percent_complete", "").strip(),
        posted.get("rag_change_reason", "").strip(),
    ) == (update.narrative.strip(), update.rag, percent, update.rag_change_reason.strip())
