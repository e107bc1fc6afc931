"""{% can_contribute user action as allowed %} and {% contributions_since action as items %}:
what the action page's and the update form's contribution partials need, without their views
knowing of them."""

from typing import Any

from django import template

from actions.contributions import contributions_since_last_update
from actions.models import Contribution
from people import permissions

register = template.Library()


@register.simple_tag
def can_contribute(user: Any, action: Any) -> bool:
    # From the action page's prefetched supporting agencies: no query.
    return permissions.can_contribute(user, action)


@register.simple_tag
def contributions_since(action: Any) -> list[Contribution]:
    return list(contributions_since_last_update(action=action))
