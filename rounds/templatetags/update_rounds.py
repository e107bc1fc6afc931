from django import template
from django.utils import timezone

from rounds.selectors import OfficerRounds, officer_rounds, return_flag

register = template.Library()


@register.simple_tag
def sent_back_review(action):
    """The manager's request for more detail on the action's update, while it stands."""
    return return_flag(action=action)


@register.simple_tag
def my_rounds(user, actions=()) -> OfficerRounds:
    """The open rounds asking `user` to update their actions, and the send-backs standing on
    the listed `actions`: the actions app lists them without knowing of rounds."""
    return officer_rounds(user=user, today=timezone.localdate(), listed=actions)


@register.simple_tag
def sent_back_on(rounds: OfficerRounds, action):
    """The send-back standing on one of the listed actions, read from `my_rounds`."""
    return rounds.sent_back.get(action.pk)
