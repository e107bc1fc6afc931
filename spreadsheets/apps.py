from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    """The plan in and out of Excel and CSV."""

    name = "spreadsheets"
