"""{% suggested_rag action as suggestion %}: the suggested RAG of an action in a row, read
off the annotations of actions.selectors.with_suggestion (no query of its own)."""

from typing import Any

from django import template

from actions.suggested import Suggestion, action_suggestion

register = template.Library()


@register.simple_tag
def suggested_rag(action: Any) -> Suggestion:
    return action_suggestion(action)
