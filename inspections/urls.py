from django.urls import path

from inspections import letter_views, setup_views, views

app_name = "inspections"

urlpatterns = [
    path("welcome/", views.landing, name="landing"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/actions/", views.inspection_actions, name="inspection_actions"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("inspections/from-letter/", letter_views.letter_upload, name="letter_upload"),
    path("inspections/from-letter/<str:token>/", letter_views.letter_review, name="letter_review"),
    path("inspections/<int:pk>/letter/", letter_views.letter_download, name="letter_download"),
    path("inspections/new/", setup_views.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/edit/", setup_views.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/findings/", setup_views.finding_list, name="finding_list"),
    path("inspections/<int:pk>/findings/new/", setup_views.finding_new, name="finding_new"),
    path("findings/<int:pk>/edit/", setup_views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/move/", setup_views.finding_move, name="finding_move"),
    path("findings/<int:pk>/remove/", setup_views.finding_delete, name="finding_delete"),
    path("partnership/agencies/", setup_views.agency_list, name="agency_list"),
    path("partnership/agencies/new/", setup_views.agency_new, name="agency_new"),
    path("partnership/agencies/<int:pk>/edit/", setup_views.agency_edit, name="agency_edit"),
    path("partnership/agencies/<int:pk>/remove/", setup_views.agency_remove, name="agency_remove"),
]
