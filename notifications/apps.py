from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Every e-mail the service sends leaves through `notifications.emails.email_send`."""

    name = "notifications"
