from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from people.models import User


@admin.register(User)
class PersonAdmin(UserAdmin):
    """For site operators only: partnership managers look after their people on their own pages."""

    list_display = [
        "username",
        "first_name",
        "last_name",
        "partnership",
        "agency",
        "role",
        "is_active",
    ]
    list_filter = ["role", "partnership", "is_active", "is_superuser"]
    fieldsets = [
        *UserAdmin.fieldsets,
        ("Partnership", {"fields": ["partnership", "agency", "role", "job_title"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        ("Partnership", {"fields": ["partnership", "agency", "role"]}),
    ]
