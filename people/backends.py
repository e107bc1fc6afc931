from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from audit.trail import client_address
from people import sign_in_limits


def username_for(typed: str | None) -> str | None:
    """People sign in with their username or their e-mail address: an address is read as
    the username of the one person it belongs to (addresses are unique, any case)."""
    if typed and "@" in typed:
        User = get_user_model()
        found = User._default_manager.filter(email__iexact=typed.strip()).values_list(
            "username", flat=True
        )
        return found.first() or typed
    return typed


def username_for_lockout(request, credentials=None) -> str | None:
    """django-axes counts failures against the person, whichever way they typed it, so
    alternating username and e-mail address gives no extra attempts."""
    typed = (credentials or {}).get("username") if credentials else request.POST.get("username")
    return username_for(typed)


class PersonBackend(ModelBackend):
    """Django's backend, taking an e-mail address for the username, and loading a signed-in
    person's partnership and agency with them: every page shows both."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        typed = username_for(username)
        if request is not None and sign_in_limits.username_locked(typed):
            # Refused before the password is checked, as axes refuses at a locked address:
            # the right password does not get in either. The sign-in page shows why.
            request.account_locked = True
            raise PermissionDenied
        user = super().authenticate(request, username=typed, password=password, **kwargs)
        if user is None and request is not None and typed:
            request.account_locked = sign_in_limits.sign_in_failed(
                typed=typed, address=client_address(request)
            )
        return user

    def user_can_authenticate(self, user) -> bool:
        # A deactivated person with the right password is let as far as the sign-in form,
        # which then tells them their account is deactivated (nobody else learns it) and
        # signs nobody in. Sessions still refuse them: see get_user.
        return True

    def get_user(self, user_id):
        User = get_user_model()
        user = User._default_manager.select_related("partnership", "agency").filter(pk=user_id)
        user = user.first()
        return user if user and user.is_active else None
