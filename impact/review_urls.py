"""The sustainability reviews' routes, in the impact namespace (included by impact.urls)."""

from django.urls import path

from impact import review_views

urlpatterns: list = [
    path(
        "actions/<int:pk>/sustainability-review/",
        review_views.sustainability_review_new,
        name="sustainability_review_new",
    ),
]
