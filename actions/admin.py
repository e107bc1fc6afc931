from django.contrib import admin
from django.utils.text import Truncator

from actions.models import Action, Finding, Plan, ProgressUpdate
from partnerships.admin_site import SiteOperatorAdmin


class ProgressUpdateInline(admin.TabularInline):
    """The timeline as recorded: read-only here, as in the service."""

    model = ProgressUpdate
    fields = ["date", "author", "rag", "narrative"]
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("action", "author")


class InspectionFilter(admin.SimpleListFilter):
    title = "inspection"
    parameter_name = "inspection"

    def lookups(self, request, model_admin):
        # Through the findings: actions sit below inspections and do not import them.
        findings = Finding.objects.select_related("plan__inspection__partnership")
        return sorted({(f.plan_id, str(f.plan.inspection)) for f in findings})

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(finding__plan=self.value())
        return queryset


@admin.register(Action)
class ActionAdmin(SiteOperatorAdmin):
    list_display = ["reference", "summary", "lead_agency", "lead_officer", "target_date", "rag"]
    list_display_links = ["reference", "summary"]
    # RelatedOnly: only the agencies that lead some action, not every partnership's agencies.
    list_filter = [
        "rag",
        ("lead_agency", admin.RelatedOnlyFieldListFilter),
        InspectionFilter,
    ]
    search_fields = ["reference", "description", "success_measure", "lead_officer__last_name"]
    date_hierarchy = "target_date"
    filter_horizontal = ["supporting_agencies"]
    # Status, dates and archiving change only through the service's own pages, which keep
    # their rules (reasons, closure agreement) and their edit-conflict check.
    readonly_fields = [
        "rag",
        "target_date",
        "original_target_date",
        "target_date_change_reason",
        "archived_at",
        "version",
        "created_at",
        "updated_at",
    ]
    exclude = ["position"]
    inlines = [ProgressUpdateInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so a page opened before this edit is refused
        obj._history_user = request.user
        super().save_model(request, obj, form, change)

    def get_queryset(self, request):
        return super().get_queryset(request).with_page_relations()

    @admin.display(description="action", ordering="description")
    def summary(self, action):
        return Truncator(action.description).words(25)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(SiteOperatorAdmin):
    list_display = ["action", "date", "author", "rag"]
    list_filter = ["rag", "date"]
    search_fields = ["narrative", "action__reference"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("action", "author")


class FindingInline(admin.TabularInline):
    model = Finding
    fields = ["number", "text", "is_priority"]
    extra = 0


@admin.register(Plan)
class PlanAdmin(SiteOperatorAdmin):
    list_display = ["__str__", "kind", "status", "statement_version"]
    list_filter = ["kind", "status"]
    search_fields = ["partnership__local_area", "findings__text"]
    inlines = [FindingInline]
    fields = [
        "partnership",
        "kind",
        "status",
        "statement_version",
        "protective_marking",
        "statement_introduction",
        "statement_governance",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partnership")

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1  # so a statement page opened before this edit is refused
        super().save_model(request, obj, form, change)


@admin.register(Finding)
class FindingAdmin(SiteOperatorAdmin):
    list_display = ["number", "text", "is_priority", "plan"]
    list_display_links = ["text"]
    list_filter = ["is_priority"]
    search_fields = ["text"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan__partnership")
