from django import template
from django.utils import timezone

from actions.selectors import MyActionsGroup
from rounds.selectors import OfficerRounds, officer_rounds, return_flag

register = template.Library()


@register.simple_tag
def sent_back_review(action):
    """The manager's request for more detail on the action's update, while it stands."""
    return return_flag(action=action)


@register.simple_tag
def my_rounds(user, actions=()) -> OfficerRounds:
    """The open rounds asking `user` to update their actions, and the send-backs standing on
    the listed `actions`: the actions app lists them without knowing of rounds. A
    send-back asks the lead's people for more detail, so it is not flagged on an action the
    officer's agency only supports (My actions' last part)."""
    listed = [
        action
        for action in actions
        if getattr(action, "my_group", None) != MyActionsGroup.SUPPORTED
    ]
    return officer_rounds(user=user, today=timezone.localdate(), listed=listed)


@register.simple_tag
def sent_back_on(rounds: OfficerRounds, action):
    """The send-back standing on one of the listed actions, read from `my_rounds`."""
    return rounds.sent_back.get(action.pk)
