from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People and sign-in"

    def ready(self):
        from people import sessions  # noqa: F401  (starts the idle clock at sign-in)
