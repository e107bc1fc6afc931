"""The challenge pages' routes, in the meetings namespace (included by meetings.urls)."""

from django.urls import path

from meetings import challenge_views

urlpatterns = [
    path("inspections/<int:pk>/challenges/", challenge_views.challenge_list, name="challenge_list"),
    # The challenge is named by ?challenge=<id>: reached through its plan's address, it is
    # scoped with the plan, and the walk of every URL (another partnership's ids answer 404)
    # covers it with the records it already makes.
    path(
        "inspections/<int:pk>/challenges/answer/",
        challenge_views.challenge_answer,
        name="challenge_answer",
    ),
    path(
        "actions/<int:pk>/challenges/new/",
        challenge_views.challenge_raise_action,
        name="challenge_raise_action",
    ),
    path(
        "inspections/<int:pk>/areas/<int:finding_pk>/challenges/new/",
        challenge_views.challenge_raise_area,
        name="challenge_raise_area",
    ),
    path(
        "meetings/<int:pk>/challenges/new/",
        challenge_views.challenge_raise_meeting,
        name="challenge_raise_meeting",
    ),
]
