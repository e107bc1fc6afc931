"""The decision pages' routes, in the meetings namespace (included by meetings.urls)."""

from django.urls import path

from meetings import decision_views

urlpatterns = [
    path(
        "actions/<int:pk>/ask-the-executive/",
        decision_views.ask_new,
        name="ask_new",
    ),
    path(
        "meetings/<int:pk>/decisions/new/",
        decision_views.decision_new,
        name="decision_new",
    ),
    # A decision is marked done from a meeting's page, as of that meeting: the decision
    # is named in the form, and looked up within the meeting's plan.
    path(
        "meetings/<int:pk>/decisions/done/",
        decision_views.decision_done,
        name="decision_done",
    ),
]
