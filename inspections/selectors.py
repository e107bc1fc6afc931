"""The queries the inspection pages need, each fetched in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q

from actions.models import Action
from actions.rag import RAG
from actions.selectors import awaiting_agreement
from inspections.models import Finding, Inspection
from inspections.scoping import get_for_user_or_404

IN_PLAN = Q(findings__actions__archived_at__isnull=True)


def inspections_for_home(*, user):
    """The partnership's inspections with how many findings and actions each holds."""
    return (
        Inspection.objects.for_user(user)
        .select_related("partnership", "theme")
        .annotate(
            finding_count=Count("findings", distinct=True),
            action_count=Count("findings__actions", filter=IN_PLAN, distinct=True),
            red_count=Count(
                "findings__actions",
                filter=IN_PLAN & Q(findings__actions__rag=RAG.RED),
                distinct=True,
            ),
        )
    )


def inspection_for_page(*, user, pk: int) -> Inspection:
    """One inspection with its findings and each finding's actions in the plan, ready to show."""
    actions = (
        Action.objects.current()
        .select_related("lead_agency", "lead_officer")
        .annotate(awaiting_agreement=awaiting_agreement())
        .order_by("position", "pk")
    )
    findings = Finding.objects.order_by("number").prefetch_related(
        Prefetch("actions", queryset=actions)
    )
    return get_for_user_or_404(
        Inspection.objects.select_related("partnership", "theme").prefetch_related(
            "inspectorates", Prefetch("findings", queryset=findings)
        ),
        user,
        pk=pk,
    )
