"""The pages of actions/corrections.py: an owner corrects their own last update."""

from django.urls import path

from actions.views import corrections as views

urlpatterns = [
    path("updates/<int:pk>/correct/", views.update_correct, name="update_correct"),
]
