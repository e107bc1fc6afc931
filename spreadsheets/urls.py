"""The plan as a spreadsheet: downloads and the import."""

from django.urls import path

from spreadsheets import views

app_name = "spreadsheets"

urlpatterns = [
    path(
        "inspections/<int:pk>/plan.xlsx",
        views.plan_download,
        {"file_format": "xlsx"},
        name="plan_xlsx",
    ),
    path(
        "inspections/<int:pk>/plan.csv",
        views.plan_download,
        {"file_format": "csv"},
        name="plan_csv",
    ),
    path("inspections/<int:pk>/import/", views.plan_import, name="plan_import"),
    path(
        "inspections/<int:pk>/import/<str:token>/",
        views.plan_import_check,
        name="plan_import_check",
    ),
]
