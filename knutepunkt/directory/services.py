"""Changes to the directory. Agencies keep their change history (django-simple-history); the
directory holds no personal data about children, so changes write no access-log entry."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.core.errors import ConflictError
from knutepunkt.directory.access import get_agency_for
from knutepunkt.directory.models import Agency, AgencyService, ServiceType
from knutepunkt.tenancy.models import Unit


def set_agency_services(agency: Agency, service_types: Iterable[ServiceType]) -> None:
    """Make ``service_types`` the agency's services. Each link carries the agency's municipality."""
    wanted = {service_type.pk: service_type for service_type in service_types}
    if any(service_type.country != agency.country for service_type in wanted.values()):
        raise ValidationError(
            {"service_types": _("A service type of another country cannot be chosen.")}, code="country"
        )
    existing = set(agency.service_links.values_list("service_type_id", flat=True))
    agency.service_links.exclude(service_type_id__in=wanted).delete()
    AgencyService.objects.bulk_create(
        AgencyService(municipality_id=agency.municipality_id, agency=agency, service_type=service_type)
        for pk, service_type in wanted.items()
        if pk not in existing
    )


def update_agency(
    *,
    actor: Actor,
    agency_id: int,
    expected_version: int,
    name: str,
    level: str,
    service_types: Iterable[ServiceType],
    unit: Unit | None,
    description: str,
    phone: str,
    email: str,
    address: str,
    web: str,
    active: bool,
) -> Agency:
    """An administrator changes one of their municipality's agencies.

    Refused with 403 for anyone else (``get_agency_for``), with a ``ConflictError`` when someone
    saved the agency since the form was opened, and with a ``ValidationError`` (nothing saved)
    when a value is wrong: a phone number that does not exist, an e-mail address that is not one.
    """
    service_types = list(service_types)
    with transaction.atomic():
        get_agency_for(actor.user, agency_id, for_write=True)
        agency = Agency.objects.select_for_update().get(pk=agency_id)
        if agency.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else changed this agency while you were editing it. "
                    "Your input is kept below: check it and save again."
                ),
                code="stale_agency",
            )
        agency.name = name
        agency.level = level
        agency.unit = unit
        agency.description = description
        agency.phone = phone
        agency.email = email
        agency.address = address
        agency.web = web
        agency.active = active
        agency.full_clean()
        agency.version += 1
        codes = ", ".join(sorted(service_type.code for service_type in service_types))
        agency._change_reason = f"Edited in Knutepunkt; services: {codes}"  # type: ignore[attr-defined]
        agency.save()
        set_agency_services(agency, service_types)
    return agency
