from django.contrib import admin
from django.urls import include, path

from people.two_factor.views import partnership_security

admin.site.site_header = "JTAI action plans: administration"
admin.site.site_title = "JTAI action plans"

urlpatterns = [
    path("", include("inspections.urls")),
    path("", include("actions.urls")),
    path("", include("meetings.urls")),
    path("", include("statements.urls")),
    path("", include("spreadsheets.urls")),
    path("account/", include("people.urls")),
    path("partnership/security/", partnership_security, name="partnership_security"),
    path("partnership/", include("people.manage_urls")),
    path("", include("people.audit_urls")),
    path("", include("rounds.urls")),
    path("", include("impact.urls")),
    path("admin/", admin.site.urls),
]
