"""The queries the inspection pages need, each fetched in a fixed number of queries."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from actions.models import Action, Finding
from actions.selectors import awaiting_agreement, with_suggestion
from inspections.models import Inspection
from partnerships.scoping import get_for_user_or_404
from people.models import User


def inspection_for_page(*, user: User | AnonymousUser, pk: int) -> Inspection:
    """One inspection with its findings and each finding's actions in the plan, ready to show."""
    # Each row also says what the product suggests where the owner's status is better.
    actions = with_suggestion(
        Action.objects.current()
        .select_related("lead_agency", "lead_officer")
        .annotate(awaiting_agreement=awaiting_agreement())
        .order_by("position", "pk")
    )
    findings = Finding.objects.order_by("number").prefetch_related(
        Prefetch("actions", queryset=actions)
    )
    return get_for_user_or_404(
        Inspection.objects.for_pages().prefetch_related(
            "inspectorates", Prefetch("plan__findings", queryset=findings)
        ),
        user,
        pk=pk,
    )


def inspection_for_user(*, user: User | AnonymousUser, pk: int) -> Inspection:
    """One inspection of the user's partnership, for the pages about it, or 404."""
    return get_for_user_or_404(Inspection.objects.for_pages(), user, pk=pk)
