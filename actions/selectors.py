"""The queries the action pages need."""

from actions.models import Action
from inspections.scoping import get_for_user_or_404


def action_for_page(*, user, pk: int) -> Action:
    """One action with everything its page shows, including every progress update."""
    return get_for_user_or_404(
        Action.objects.with_page_relations().prefetch_related(
            "supporting_agencies", "updates__author"
        ),
        user,
        pk=pk,
    )
