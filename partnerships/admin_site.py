"""The Django admin belongs to the site operator (superusers) alone.

Partnership staff set up their partnership on its own pages, which keep its rules and
its partnership scoping; the admin keeps neither, so nobody else may reach it, whatever
their is_staff flag says. A superuser sees every partnership's records.

`SiteOperatorAdminConfig` takes the place of "django.contrib.admin" in INSTALLED_APPS and
makes `SiteOperatorAdminSite` the default `admin.site`, so every admin page, the index
included, sends anyone else to the admin's sign-in.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SiteOperatorAdminSite(admin.AdminSite):
    site_header = "JTAI action plans: site operator"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class SiteOperatorAdminConfig(AdminConfig):
    default_site = "partnerships.admin_site.SiteOperatorAdminSite"


class SiteOperatorAdmin(admin.ModelAdmin):
    list_per_page = 50
