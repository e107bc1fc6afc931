"""Evidence as items: adding one to an action."""

from django.http import HttpRequest, HttpResponse

from actions.evidence_forms import EvidenceItemForm
from actions.evidence_items import evidence_add
from actions.views.pages import action_if, adding_form_page
from audit.trail import client_address
from people import permissions, sessions

_action_to_add_evidence_to = action_if(permissions.can_update_action)


@sessions.keeps_typed_form(_action_to_add_evidence_to)
def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_to_add_evidence_to(request.user, pk)

    def save(data) -> str:
        evidence = evidence_add(
            action=action,
            user=request.user,
            title=data["title"],
            kind=data["kind"],
            date=data["date"],
            description=data["description"],
            link=data["link"],
            file=data["file"],
            address=client_address(request),
        )
        return f"“{evidence.title}” has been added to the evidence"

    return adding_form_page(
        request,
        action=action,
        form_class=EvidenceItemForm,
        template="actions/evidence_form.html",
        save=save,
    )
