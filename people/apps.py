from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and sign-in"

    def ready(self):
        from people import checks, sign_in  # noqa: F401  (deploy check; the sign-in receivers)
