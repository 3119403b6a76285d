from django.contrib import admin

from knutepunkt.tenancy.models import Municipality, Unit


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "country", "number", "language")
    list_filter = ("country",)
    search_fields = ("name", "number")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "municipality")
    list_filter = ("kind", "municipality")
    search_fields = ("name",)
