"""What the pages about an action, an area or a meeting show of the scrutineer's challenges,
for pages whose views belong to the layers below meetings (the action and inspection pages)
or are another's to edit (the meeting page)."""

from django import template

from meetings.challenges import subject_challenges
from meetings.models import Challenge, Meeting
from people import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def challenge_rights(context: template.Context, plan: object) -> dict[str, bool]:
    """Whether the person reading may raise a challenge on the plan (the scrutineer) and
    answer one (the manager). `plan` may be the plan or its inspection: both name the
    partnership. No query."""
    user = context["request"].user
    return {
        "raise": permissions.can_raise_challenge(user, plan),
        "answer": permissions.can_answer_challenge(user, plan),
    }


@register.simple_tag
def meeting_challenges(meeting: Meeting) -> list[Challenge]:
    """The challenges on the meeting, the open ones first. One query."""
    return list(subject_challenges(meeting=meeting))
