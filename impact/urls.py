"""The impact pages: measures and their readings (impact.views), and the sustainability
reviews after closure (impact.review_urls, in the same namespace)."""

from django.urls import include, path

from impact import review_urls

app_name = "impact"

urlpatterns: list = [
    path("", include(review_urls)),
]
