"""The Django admin belongs to the site operator (superusers) alone.

Partnership staff set up their partnership on its own pages, which keep its rules and
its partnership scoping; the admin keeps neither, so nobody else may reach it, whatever
their is_staff flag says. A superuser sees every partnership's records.
"""

from django.contrib import admin


def is_site_operator(request) -> bool:
    return request.user.is_active and request.user.is_superuser


def admit_site_operators_only(site: admin.AdminSite) -> None:
    # The settings keep Django's default admin site; narrowing its own check here means
    # every admin page, the index included, sends anyone else to the admin's sign-in.
    site.has_permission = is_site_operator


class SiteOperatorAdmin(admin.ModelAdmin):
    list_per_page = 50
