"""What pages whose views belong to other apps show of impact: the plan's page (inspections,
below impact's readers) shows each area's impact beside its delivery."""

from decimal import Decimal

from django import template
from django.utils import timezone

from impact.selectors import AreaImpact, Delivery, delivery_of, plan_impacts, value_in_words
from impact.status import RULE_IN_WORDS, status_key

register = template.Library()


@register.filter
def in_unit(value: Decimal | None, unit: str) -> str:
    """A reading's value as people write it: 72.5%, 14 days."""
    return value_in_words(value, unit)


@register.simple_tag
def area_impacts(plan: object) -> dict[int, AreaImpact]:
    """Every area's impact by its finding's id. One query."""
    return plan_impacts(plan=plan)


@register.filter
def impact_of(impacts: dict[int, AreaImpact], finding_pk: int) -> AreaImpact:
    """The area's impact from area_impacts (no measures: an empty one)."""
    return impacts.get(finding_pk) or AreaImpact()


@register.filter
def delivery(actions) -> Delivery:
    """The delivery of actions already fetched (a prefetched `finding.actions.all`): how many
    of each RAG status, the archived left out. No query."""
    return delivery_of(
        [action for action in actions if action.archived_at is None], today=timezone.localdate()
    )


@register.simple_tag
def impact_rule() -> dict[str, object]:
    """The rule in words and the key of statuses, for impact/_rule.html on pages whose views
    are another app's (the dashboard, the meeting pack)."""
    return {"words": RULE_IN_WORDS, "key": status_key()}
