"""The pages of actions/date_requests.py: a new target date asked for and decided, and a
plan's requests awaiting a decision (named by the plan's inspection, as every page of a
JTAI's plan is)."""

from django.urls import path

from actions.views import date_requests as views

urlpatterns = [
    path("actions/<int:pk>/target-date/", views.date_request_new, name="date_request_new"),
    path(
        "actions/<int:pk>/target-date/decide/",
        views.date_request_decide,
        name="date_request_decide",
    ),
    path(
        "inspections/<int:pk>/target-dates/",
        views.date_requests_pending,
        name="date_requests_pending",
    ),
]
