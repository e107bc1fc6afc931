"""The pages of actions/contributions.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
