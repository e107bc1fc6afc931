from django.contrib import admin

from partnerships.admin_site import SiteOperatorAdmin
from partnerships.models import Agency, Partnership


@admin.register(Partnership)
class PartnershipAdmin(SiteOperatorAdmin):
    list_display = ["name", "short_name", "local_area"]
    search_fields = ["name", "local_area"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Agency)
class AgencyAdmin(SiteOperatorAdmin):
    list_display = ["name", "short_name", "kind", "partnership"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name", "short_name"]
