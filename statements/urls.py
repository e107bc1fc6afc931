"""The written statement: preview, edit, PDF, sent versions."""

from django.urls import path

from statements import views

app_name = "statements"

urlpatterns = [
    path("inspections/<int:pk>/statement/", views.statement_preview, name="statement_preview"),
    path(
        "inspections/<int:pk>/statement.pdf",
        views.statement_download,
        name="statement_download",
    ),
    path(
        "inspections/<int:pk>/statement.docx",
        views.statement_docx_download,
        name="statement_docx",
    ),
    path("inspections/<int:pk>/statement/edit/", views.statement_edit, name="statement_edit"),
    path(
        "inspections/<int:pk>/statement/submit/",
        views.statement_submit_view,
        name="statement_submit",
    ),
    path(
        "inspections/<int:pk>/statement/approval/",
        views.statement_sign_off,
        name="statement_sign_off",
    ),
    path(
        "inspections/<int:pk>/statement/agencies/<int:agency_pk>/approve/",
        views.statement_approve_view,
        name="statement_approve",
    ),
    path(
        "statements/<uuid:uuid>/download/",
        views.submission_download,
        name="submission_download",
    ),
]
