"""The pages of actions/date_requests.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
