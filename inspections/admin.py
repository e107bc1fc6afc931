from django.contrib import admin

from inspections.models import Inspection, Inspectorate, Theme
from partnerships.admin_site import SiteOperatorAdmin


@admin.register(Inspection)
class InspectionAdmin(SiteOperatorAdmin):
    list_display = ["__str__", "theme", "letter_date", "statement_due", "plan"]
    list_filter = ["theme", "inspectorates"]
    search_fields = ["subject", "partnership__local_area", "plan__findings__text"]
    date_hierarchy = "letter_date"
    filter_horizontal = ["inspectorates"]
    # Made with the inspection; its status and statement are edited on the plan itself.
    readonly_fields = ["plan"]
    fieldsets = [
        (None, {"fields": ["partnership", "subject", "theme", "inspectorates", "plan"]}),
        ("Dates", {"fields": ["onsite_start", "onsite_end", "letter_date", "statement_due"]}),
        (
            "From the letter",
            {"fields": ["principal_authority", "addressees", "headline_findings", "strengths"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("partnership", "theme", "plan__partnership")
        )

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so a details page opened before this edit is refused
        super().save_model(request, obj, form, change)


@admin.register(Inspectorate)
class InspectorateAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "former_names", "position"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "years", "position"]
    list_editable = ["years", "position"]
    search_fields = ["name"]
