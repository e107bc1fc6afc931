from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and sign-in"

    def ready(self):
        from people import checks, sessions  # noqa: F401  (deploy check; idle clock at sign-in)
