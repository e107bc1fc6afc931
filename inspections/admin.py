from django.contrib import admin

from inspections.admin_scoping import PartnershipScopedAdmin, PartnershipScopedTabularInline
from inspections.models import Agency, Finding, Inspection, Inspectorate, Partnership, Theme


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScopedAdmin):
    list_display = ["name", "short_name", "local_area"]
    search_fields = ["name", "local_area"]
    prepopulated_fields = {"slug": ["short_name"]}

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Agency)
class AgencyAdmin(PartnershipScopedAdmin):
    list_display = ["name", "short_name", "kind", "partnership"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class FindingInline(PartnershipScopedTabularInline):
    model = Finding
    fields = ["number", "text", "is_priority"]


@admin.register(Inspection)
class InspectionAdmin(PartnershipScopedAdmin):
    list_display = ["__str__", "theme", "letter_date", "statement_due", "status"]
    list_filter = ["status", "theme", "inspectorates"]
    search_fields = ["subject", "partnership__local_area", "findings__text"]
    date_hierarchy = "letter_date"
    filter_horizontal = ["inspectorates"]
    inlines = [FindingInline]
    fieldsets = [
        (None, {"fields": ["partnership", "subject", "theme", "inspectorates", "status"]}),
        ("Dates", {"fields": ["onsite_start", "onsite_end", "letter_date", "statement_due"]}),
        (
            "From the letter",
            {"fields": ["principal_authority", "addressees", "headline_findings", "strengths"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partnership", "theme")


@admin.register(Finding)
class FindingAdmin(PartnershipScopedAdmin):
    list_display = ["number", "text", "is_priority", "inspection"]
    list_display_links = ["text"]
    list_filter = ["is_priority"]
    search_fields = ["text"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("inspection__partnership")


@admin.register(Inspectorate)
class InspectorateAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "former_names", "position"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "years", "position"]
    list_editable = ["years", "position"]
    search_fields = ["name"]
