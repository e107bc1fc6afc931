from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """The executive's bi-monthly meetings: the dashboard, the trend, the meeting pack,
    and each meeting recorded with a snapshot of the plan."""

    name = "meetings"
