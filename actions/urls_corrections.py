"""The pages of actions/corrections.py: an owner corrects their own last update. The page is
the action's, as only its latest update can be corrected."""

from django.urls import path

from actions.views import corrections as views

urlpatterns = [
    path("actions/<int:pk>/correct-update/", views.update_correct, name="update_correct"),
]
