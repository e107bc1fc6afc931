from django.urls import path

from people import audit_views as views

app_name = "audit"

urlpatterns = [
    path("audit/", views.audit_trail, name="audit_trail"),
    path("audit.csv", views.audit_trail_csv, name="audit_trail_csv"),
]
