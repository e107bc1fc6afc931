"""A supporting agency's contribution to an action: its one page."""

from django.http import HttpRequest, HttpResponse

from actions.contribution_forms import ContributionForm
from actions.contributions import contribution_record
from actions.views.pages import action_if, adding_form_page
from audit.trail import client_address
from people import permissions, sessions

_action_to_contribute_to = action_if(permissions.can_contribute)


@sessions.keeps_typed_form(_action_to_contribute_to)
def contribution_new(request: HttpRequest, pk: int) -> HttpResponse:
    # A contribution changes nothing on the action, so it claims no version: the lead's
    # edit meanwhile does not refuse it.
    action = _action_to_contribute_to(request.user, pk)

    def save(data) -> str:
        recorded = contribution_record(
            action=action,
            author=request.user,
            narrative=data["narrative"],
            evidence_link=data["evidence_link"],
            evidence_file=data["evidence_file"],
            address=client_address(request),
        )
        told = recorded.emailed
        return "Your agency's contribution has been added" + (
            f": {told.get_full_name() or told.username} has been e-mailed" if told else ""
        )

    return adding_form_page(
        request,
        action=action,
        form_class=ContributionForm,
        template="actions/contribution_form.html",
        save=save,
    )
