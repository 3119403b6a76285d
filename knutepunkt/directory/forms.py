from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from knutepunkt.coordination.forms import DeskForm
from knutepunkt.directory.models import Agency, Level, ServiceStatus, ServiceType
from knutepunkt.people.phones import normalise_phone
from knutepunkt.tenancy.models import Unit

# Designsystemet styles a checkbox that has its input class.
CHECKBOX = forms.CheckboxInput(attrs={"class": "ds-input"})


class ServiceTypeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, ServiceType)
        return obj.label


class ServiceTypesField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, ServiceType)
        return obj.label


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, service, phone, e-mail or address"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    service = ServiceTypeChoiceField(
        label=_("Service"),
        queryset=ServiceType.objects.none(),
        required=False,
        to_field_name="code",
        empty_label=_("All services"),
    )
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("All levels")), *Level.choices], required=False
    )
    inactive = forms.BooleanField(
        label=_("Include agencies no longer active"), required=False, widget=CHECKBOX
    )

    def __init__(self, *args: Any, service_types: QuerySet[ServiceType], show_inactive: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = service_types
        if not show_inactive:
            del self.fields["inactive"]


class AgencyForm(forms.Form):
    """An administrator's edit of one of the municipality's agencies."""

    name = forms.CharField(label=_("Name"), max_length=150)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    service_types = ServiceTypesField(
        label=_("Services"),
        queryset=ServiceType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("The municipality's unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_("When the agency is one of the municipality's own units in Knutepunkt."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    web = forms.URLField(label=_("Web address"), required=False, assume_scheme="https")
    active = forms.BooleanField(
        label=_("Active"),
        required=False,
        widget=CHECKBOX,
        help_text=_("Untick when the agency no longer exists; it is then left out of searches."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        services = self.fields["service_types"]
        assert isinstance(services, forms.ModelMultipleChoiceField)
        services.queryset = ServiceType.objects.filter(country=agency.country)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = (
            Unit.objects.filter(municipality=agency.municipality)
            if agency.municipality_id is not None
            else Unit.objects.none()
        )

    @classmethod
    def initial_for(cls, agency: Agency) -> dict[str, Any]:
        return {
            "name": agency.name,
            "level": agency.level,
            "service_types": [service_type.pk for service_type in agency.service_types.all()],
            "unit": agency.unit_id,
            "description": agency.description,
            "phone": agency.phone,
            "email": agency.email,
            "address": agency.address,
            "web": agency.web,
            "active": agency.active,
            "version": agency.version,
        }

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"].strip()
        if not phone:
            return ""
        try:
            return normalise_phone(phone, country=self.agency.country)
        except ValidationError as error:
            raise ValidationError(error.message_dict["phone"], code="invalid_phone") from error

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        """Put the service's per-field errors on this form's fields, the rest on the form."""
        for key, messages in errors.items():
            field = key if key in self.fields else None
            for message in messages:
                self.add_error(field, message)


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Agency)
        services = ", ".join(service_type.label for service_type in obj.service_types.all())
        return f"{obj.name} ({services})" if services else obj.name


class ChildServiceForm(DeskForm):
    """A service on a child's map, its provider picked from the directory."""

    service_type = ServiceTypeChoiceField(
        label=_("Service"), queryset=ServiceType.objects.none(), empty_label=_("Choose the service")
    )
    agency = AgencyChoiceField(
        label=_("Provider"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("No provider yet"),
        help_text=_("From the directory. A service the child needs may have no provider yet."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices, widget=forms.RadioSelect)
    contact_person = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_details = forms.CharField(
        label=_("Contact person's phone or e-mail"), max_length=150, required=False
    )
    starts_on = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, service_types: QuerySet[ServiceType], agencies: QuerySet[Agency], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        service_type = self.fields["service_type"]
        assert isinstance(service_type, forms.ModelChoiceField)
        service_type.queryset = service_types
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = agencies

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency, service_type = data.get("agency"), data.get("service_type")
        if agency is not None and service_type is not None and service_type not in agency.service_types.all():
            self.add_error(
                "agency", _("This provider does not offer that service. Choose another provider or service.")
            )
        return data
