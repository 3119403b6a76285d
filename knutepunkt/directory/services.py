"""Changes to the directory. Agencies keep their change history (django-simple-history); the
directory holds no personal data about children, so changes write no access-log entry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.core.errors import ConflictError
from knutepunkt.directory.access import get_agency_for
from knutepunkt.directory.models import Agency, AgencyService, ChildService, ServiceType
from knutepunkt.directory.selectors import get_child_service_for, visible_agencies
from knutepunkt.people.models import Role, User
from knutepunkt.people.selectors import purpose_for
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


@dataclass(frozen=True)
class ChildServiceInput:
    service_type_id: int
    status: str
    agency_id: int | None = None
    contact_person: str = ""
    contact_details: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    note: str = ""


def _fill(service: ChildService, data: ChildServiceInput, user: User) -> None:
    """Set the fields and validate; the provider and service must be the municipality's to see."""
    errors: dict[str, list[str]] = {}
    service_type = ServiceType.objects.filter(pk=data.service_type_id).first()
    if service_type is None:
        errors["service_type"] = [str(_("Choose a service."))]
    agency = None
    if data.agency_id is not None:
        agency = visible_agencies(user).filter(pk=data.agency_id, active=True).first()
        if agency is None:
            errors["agency"] = [str(_("Choose a provider from your municipality's directory."))]
    if errors:
        raise ValidationError(errors)
    assert service_type is not None
    service.service_type = service_type
    service.agency = agency
    service.status = data.status
    service.contact_person = data.contact_person.strip()
    service.contact_details = data.contact_details.strip()
    service.starts_on = data.starts_on
    service.ends_on = data.ends_on
    service.note = data.note.strip()
    service.full_clean()


def add_child_service(*, actor: Actor, child_id: int, data: ChildServiceInput) -> ChildService:
    """Put a service on a child's map: one received, needed, waited for, or ended."""
    user = actor.user
    with transaction.atomic():
        child = get_child_for(user, child_id, for_write=True)
        service = ChildService(municipality_id=child.municipality_id, child=child, recorded_by=user)
        _fill(service, data, user)
        service.save()
        record_access(
            actor=actor,
            family=child.family,
            obj=service,
            child=child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(user),
        )
    return service


def update_child_service(
    *, actor: Actor, service_id: int, expected_version: int, data: ChildServiceInput
) -> ChildService:
    """Change a service on the map (a need now met, a service ended); a stale form is refused."""
    user = actor.user
    with transaction.atomic():
        get_child_service_for(user, service_id)
        service = (
            ChildService.objects.select_for_update()
            .select_related("child", "child__family")
            .get(pk=service_id)
        )
        if service.version != expected_version:
            raise ConflictError(
                _("Someone else changed this service while you were editing it. Check it and save again."),
                code="stale_service",
            )
        _fill(service, data, user)
        service.version += 1
        service.save()
        record_access(
            actor=actor,
            family=service.child.family,
            obj=service,
            child=service.child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(user),
        )
    return service


def create_agency(
    *,
    actor: Actor,
    name: str,
    level: str,
    service_types: Iterable[ServiceType],
    unit: Unit | None,
    description: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    web: str = "",
    active: bool = True,
) -> Agency:
    """An administrator adds an agency to their own municipality's directory (national agencies
    are kept centrally in the Django admin). Refused with 403 for anyone else; a wrong value is a
    ``ValidationError`` and nothing is saved."""
    user = actor.user
    if user.role != Role.ADMINISTRATOR or user.municipality is None:
        raise PermissionDenied
    service_types = list(service_types)
    with transaction.atomic():
        agency = Agency(
            municipality=user.municipality,
            country=user.municipality.country,
            name=name,
            level=level,
            unit=unit,
            description=description,
            phone=phone,
            email=email,
            address=address,
            web=web,
            active=active,
        )
        agency.full_clean()
        agency._change_reason = "Added in Knutepunkt"  # type: ignore[attr-defined]
        agency.save()
        set_agency_services(agency, service_types)
    return agency
