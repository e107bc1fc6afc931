from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo partnerships, on top of every other app: `manage.py load_demo`."""

    name = "demo"
