"""{% action_evidence action as items %} and {% area_evidence finding as items %}: the
evidence an action's page and an area's page list, each in one query of its own (the
pages' views need not know of it)."""

from typing import Any

from django import template

from actions import selectors
from actions.models import Evidence

register = template.Library()


@register.simple_tag
def action_evidence(action: Any) -> list[Evidence]:
    return selectors.evidence_for_action(action=action)


@register.simple_tag
def area_evidence(finding: Any) -> list[Evidence]:
    return selectors.evidence_for_area(finding=finding)
