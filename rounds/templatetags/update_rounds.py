from django import template

from rounds.selectors import return_flag

register = template.Library()


@register.simple_tag
def sent_back_review(action):
    """The manager's request for more detail on the action's update, while it stands."""
    return return_flag(action=action)
