from django.contrib import admin

from actions.models import Finding
from inspections.models import Inspection, Inspectorate, Theme
from partnerships.admin_site import SiteOperatorAdmin


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ["number", "text", "is_priority"]
    extra = 0


@admin.register(Inspection)
class InspectionAdmin(SiteOperatorAdmin):
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

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so a details page opened before this edit is refused
        super().save_model(request, obj, form, change)


@admin.register(Finding)
class FindingAdmin(SiteOperatorAdmin):
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
