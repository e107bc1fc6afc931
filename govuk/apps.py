from django.apps import AppConfig


class GovukConfig(AppConfig):
    """The ground floor every app builds on: GOV.UK Design System form fields and the error
    summary's links, England and Wales working days, and the PDF renderer. Knows nothing of
    partnerships, plans or people."""

    name = "govuk"
    verbose_name = "GOV.UK helpers"
