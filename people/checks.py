"""Deployment checks of our own, beside Django's `check --deploy` checklist."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    # Invitations, password resets and reminders carry links built from SITE_URL: left at
    # its development default, every link in every e-mail would point at 127.0.0.1.
    parts = urlsplit(settings.SITE_URL)
    if parts.hostname in (None, "localhost", "127.0.0.1", "::1") or parts.scheme != "https":
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails would not reach people.",
                hint="Set SITE_URL to the service's public https:// address.",
                id="people.W001",
            )
        ]
    return []
