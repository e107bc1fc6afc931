"""Who may do what. Every rule about roles lives here, and views ask these functions."""

from people.models import Role


def is_partnership_manager(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.MANAGER
        and (user.partnership_id is not None)
    )
