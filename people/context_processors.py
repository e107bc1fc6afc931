from people import permissions


def roles(request):
    """What the page furniture (navigation, start buttons) may offer this person."""
    user = request.user
    return {
        "can_start_inspection": permissions.is_partnership_manager(user),
        "can_manage_partnership": permissions.is_partnership_manager(user),
        "has_own_actions": permissions.has_own_actions(user),
    }
