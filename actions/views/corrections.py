"""The page on which an owner corrects their own last update (actions.corrections)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from actions import corrections
from actions.forms import ProgressUpdateForm
from actions.models import ProgressUpdate
from actions.views.plan import _versioned_form_page
from audit.trail import client_address
from partnerships.scoping import get_for_user_or_404
from people import permissions, sessions
from people.models import User


class UpdateCorrectionForm(ProgressUpdateForm):
    """The update's own fields, with a new update's labels, rules and words, judged against
    the action as it stood before the update (`action`: corrections.action_before_update).
    No evidence (it stays as it was) and no one-time key (a correction changes one update)."""

    evidence_link = None
    evidence_file = None
    submission_key = None


def _update_to_correct(user: User, pk: int) -> ProgressUpdate:
    """The update, if it is of the person's partnership (or 404), on an action they may
    update (or 403). Whether they may correct this update now is the service's rule."""
    update = get_for_user_or_404(
        ProgressUpdate.objects.select_related(
            "author",
            "action__finding__plan__partnership",
            "action__lead_agency",
            "action__lead_officer",
        ),
        user,
        pk=pk,
    )
    permissions.require(permissions.can_update_action(user, update.action))
    return update


@sessions.keeps_typed_form(_update_to_correct)
def update_correct(request: HttpRequest, pk: int) -> HttpResponse:
    update = _update_to_correct(request.user, pk)
    action = update.action
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

    return _versioned_form_page(
        request,
        action=action,
        form_class=UpdateCorrectionForm,
        template="actions/update_correction_form.html",
        save=save,
        success=f"Your update of {update.date:%-d %B %Y} has been corrected",
        form_kwargs={"action": corrections.action_before_update(update)},
        initial={
            "narrative": update.narrative,
            "rag": update.rag,
            "percent_complete": update.percent_complete,
            "rag_change_reason": update.rag_change_reason,
        },
        context={"update": update, "closes_at": corrections.correction_closes_at(update)},
    )
