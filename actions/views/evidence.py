"""Evidence as items: adding one to an action."""

from django.http import HttpRequest, HttpResponse

from actions.evidence_forms import EvidenceItemForm
from actions.evidence_items import evidence_add
from actions.models import Action
from actions.views.simple_form import adding_form_page
from audit.trail import client_address
from partnerships.scoping import get_for_user_or_404
from people import permissions, sessions


def _action_to_add_evidence_to(user, pk: int) -> Action:
    action = get_for_user_or_404(Action.objects.with_page_relations(), user, pk=pk)
    permissions.require(permissions.can_update_action(user, action))
    return action


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
