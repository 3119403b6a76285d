from django.contrib import admin
from django.http import HttpRequest

from knutepunkt.reporting.models import StatisticsExport


@admin.register(StatisticsExport)
class StatisticsExportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the record of exports is evidence, not something to edit."""

    list_display = ["exported_at", "user_name", "user_role", "municipality", "figure", "export_format"]
    list_filter = ["export_format", "figure"]
    date_hierarchy = "exported_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: StatisticsExport | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: StatisticsExport | None = None) -> bool:
        return False
