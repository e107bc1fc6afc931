"""The impact pages: each area's delivery and impact, its measures and their readings
(impact.views), and the sustainability reviews after closure (impact.review_urls, in the
same namespace)."""

from django.urls import include, path

from impact import review_urls, views

app_name = "impact"

urlpatterns: list = [
    path("plans/areas/<int:finding_pk>/", views.area_detail, name="area_detail"),
    path("plans/areas/<int:finding_pk>/measures/new/", views.measure_new, name="measure_new"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/readings/new/", views.reading_new, name="reading_new"),
    path("", include(review_urls)),
]
