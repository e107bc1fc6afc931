from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for the site operator: the trail is never edited."""

    list_display = ["at", "username", "kind", "detail", "ip_address", "partnership"]
    list_filter = ["kind", "partnership"]
    search_fields = ["username", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
