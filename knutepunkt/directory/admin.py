"""Administrators maintain the directory here: national agencies, service types, provisions and
organisations (a municipality's administrator also edits its own agencies in the app)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from knutepunkt.directory.models import Agency, AgencyService, Provision, ServiceType, UserOrganisation

# A web address typed without a scheme is https (Django 6's default, chosen now).
URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}  # type: ignore[type-arg]


@admin.register(Provision)
class ProvisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "country", "coordinates", "verified", "source")
    list_filter = ("country", "coordinates", "verified")
    search_fields = ("code", "law", "section", "obliges")
    ordering = ("country", "position")


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "name_en", "country")
    list_filter = ("country",)
    search_fields = ("code", "name", "name_en")
    filter_horizontal = ("provisions",)
    ordering = ("country", "position")


class AgencyServiceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AgencyService
    fields = ("service_type",)
    extra = 1
    autocomplete_fields = ("service_type",)


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    list_display = ("name", "level", "municipality", "country", "phone", "active")
    list_filter = ("country", "level", "active", "municipality")
    search_fields = ("name", "phone", "email", "address", "service_types__name", "service_types__code")
    list_select_related = ("municipality",)
    autocomplete_fields = ("unit",)
    inlines = (AgencyServiceInline,)
    readonly_fields = ("version",)
    formfield_overrides = URL_FIELDS

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        queryset: QuerySet[Agency] = super().get_queryset(request)
        return queryset.distinct()  # the search on service types joins them

    def save_formset(self, request: HttpRequest, form: Any, formset: BaseInlineFormSet, change: bool) -> None:  # type: ignore[type-arg]
        # Each service link carries its agency's municipality, like every row of a municipality.
        links = formset.save(commit=False)
        for link in links:
            link.municipality_id = form.instance.municipality_id
            link.save()
        for link in formset.deleted_objects:
            link.delete()
        AgencyService.objects.filter(agency=form.instance).exclude(
            municipality_id=form.instance.municipality_id
        ).update(municipality_id=form.instance.municipality_id)


@admin.register(UserOrganisation)
class UserOrganisationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "country", "is_public_body", "phone", "active")
    list_filter = ("country", "is_public_body", "active")
    search_fields = ("name", "helps_with")
    formfield_overrides = URL_FIELDS
