from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PersonBackend(ModelBackend):
    """Django's backend, loading a signed-in person's partnership and agency with them:
    every page shows both in its header and footer."""

    def get_user(self, user_id):
        User = get_user_model()
        user = User._default_manager.select_related("partnership", "agency").filter(pk=user_id)
        user = user.first()
        return user if user and self.user_can_authenticate(user) else None
