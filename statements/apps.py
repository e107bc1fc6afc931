from django.apps import AppConfig


class StatementsConfig(AppConfig):
    """The written statement of action: its text, the PDF and the frozen versions sent to Ofsted."""

    name = "statements"
