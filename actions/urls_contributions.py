"""The pages of actions/contributions.py."""

from django.urls import path

from actions.views import contributions as views

urlpatterns = [
    path("actions/<int:pk>/contribute/", views.contribution_new, name="contribution_new"),
]
