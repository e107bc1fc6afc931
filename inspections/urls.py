from django.urls import path

from inspections import letter_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("welcome/", views.landing, name="landing"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("inspections/from-letter/", letter_views.letter_upload, name="letter_upload"),
    path("inspections/from-letter/<str:token>/", letter_views.letter_review, name="letter_review"),
    path("inspections/<int:pk>/letter/", letter_views.letter_download, name="letter_download"),
]
