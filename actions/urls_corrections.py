"""The pages of actions/corrections.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
