"""The challenge pages' routes, in the meetings namespace (included by meetings.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
