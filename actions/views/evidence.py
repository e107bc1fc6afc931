"""Evidence as items: adding one to an action."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from actions.evidence_forms import EvidenceItemForm
from actions.evidence_items import evidence_add
from actions.models import Action
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
    if request.method == "POST":
        form = EvidenceItemForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
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
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"“{evidence.title}” has been added to the evidence")
                return redirect(action)
    elif kept := sessions.kept_form_data(request):
        data, had_files = kept
        form = EvidenceItemForm(data)
        messages.warning(
            request, sessions.KEPT_FORM_NOTICE + (sessions.FILES_NOT_KEPT if had_files else "")
        )
    else:
        form = EvidenceItemForm()
    return render(request, "actions/evidence_form.html", {"action": action, "form": form})
