"""The Django admin, narrowed to one partnership for its managers.

Until partnerships get their own set-up pages, managers use the admin. They see
and edit only their own partnership's records, and every drop-down offers only
their own partnership's agencies, people and findings. Site operators
(superusers) see everything.
"""

from django.contrib import admin

from people.permissions import is_partnership_manager


def _may_manage(request) -> bool:
    return request.user.is_superuser or is_partnership_manager(request.user)


class PartnershipScopedAdminMixin:
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.for_user(request.user)

    def has_module_permission(self, request):
        return _may_manage(request)

    def has_view_permission(self, request, obj=None):
        return _may_manage(request)

    def has_add_permission(self, request, *args):
        return _may_manage(request)

    def has_change_permission(self, request, obj=None):
        return _may_manage(request)

    def has_delete_permission(self, request, obj=None):
        return _may_manage(request)

    def _scoped(self, db_field, request, kwargs):
        manager = db_field.related_model._default_manager
        if not request.user.is_superuser and hasattr(manager, "for_user"):
            kwargs["queryset"] = manager.for_user(request.user)
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(
            db_field, request, **self._scoped(db_field, request, kwargs)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(
            db_field, request, **self._scoped(db_field, request, kwargs)
        )


class PartnershipScopedAdmin(PartnershipScopedAdminMixin, admin.ModelAdmin):
    list_per_page = 50


class PartnershipScopedTabularInline(PartnershipScopedAdminMixin, admin.TabularInline):
    extra = 0
