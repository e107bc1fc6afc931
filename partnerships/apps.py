from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    """The ground floor: partnerships, their agencies, the scoping every query goes
    through, and the one way to refuse a stale edit."""

    name = "partnerships"
