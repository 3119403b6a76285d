"""Administrators manage staff accounts here. Families, children and guardians are
deliberately not registered: the admin bypasses the access policy and the access log."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from knutepunkt.people.models import User


@admin.register(User)
class StaffUserAdmin(UserAdmin):  # type: ignore[type-arg]
    list_display = ("username", "first_name", "last_name", "role", "municipality", "unit", "is_active")
    list_filter = ("role", "municipality", "is_active")
    fieldsets = (
        *UserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Knutepunkt"),
            {"fields": ("role", "municipality", "unit", "title", "phone", "languages", "competence")},
        ),
    )
