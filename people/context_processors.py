from people import permissions, two_factor


def roles(request):
    """What the page furniture (navigation, start buttons) may offer this person."""
    user = request.user
    return {
        "can_start_inspection": permissions.is_partnership_manager(user),
        "can_manage_partnership": permissions.is_partnership_manager(user),
        "has_own_actions": permissions.has_own_actions(user),
        # The scrutineer reads the trail but not the Partnership pages it sits under.
        "reads_audit_trail_only": permissions.can_read_audit_trail(user)
        and not permissions.is_partnership_manager(user),
        # Held on the code or set-up page: every other link would only bounce back there.
        "owes_two_factor": two_factor.owes_two_factor(request),
    }
