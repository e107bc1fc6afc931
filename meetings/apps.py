from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """The executive's bi-monthly meetings: the dashboard, the trend, the meeting pack,
    and each meeting recorded with a snapshot of the plan."""

    name = "meetings"

    def ready(self) -> None:
        # Connects the check that a plan may be closed to the inspections' signal for it,
        # however the plan comes to be closed (a page, a command, a test).
        from meetings import judgements  # noqa: F401
