"""A child's service map: services from the directory, gaps that stand out, the picture and the
table, consent-gated for services, and a fixed number of queries for 5 or 80 services."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.consent.models import SharingConsent
from knutepunkt.directory.models import ChildService, ServiceStatus, ServiceType
from knutepunkt.directory.services import ChildServiceInput, add_child_service
from knutepunkt.directory.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def service_type(code: str) -> ServiceType:
    return ServiceType.objects.get(country="NO", code=code)


def put(t: Tenant, code: str, status: str, **extra: object) -> ChildService:
    return add_child_service(
        actor=Actor(t.coordinator),
        child_id=t.child.pk,
        data=ChildServiceInput(service_type_id=service_type(code).pk, status=status, **extra),  # type: ignore[arg-type]
    )


def test_add_from_the_directory_and_gaps_stand_out(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    school = AgencyFactory.create(municipality=here.municipality, name="Bergen skole", services=["school"])
    client = client_for(here.coordinator)
    form = client.get(reverse("directory:child_service_add", args=[here.child.pk]), {"q": "Bergen skole"})
    assert "Bergen skole" in form.content.decode()
    response = client.post(
        reverse("directory:child_service_add", args=[here.child.pk]),
        {
            "service_type": service_type("school").pk,
            "agency": school.pk,
            "status": ServiceStatus.RECEIVED,
            "contact_person": "Kari Lærer",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    put(here, "respite_care", ServiceStatus.NEEDED)
    page = client.get(reverse("directory:child_services", args=[here.child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "1 need is not met" in text
    assert "<svg" in text
    assert 'stroke-dasharray="8 6"' in text  # the gap is dashed in the picture
    assert "Kari Lærer" in text
    assert "style=" not in text.split("<main")[1]  # CSP: no inline styles
    # Another municipality never sees the map.
    assert (
        client_for(there.coordinator)
        .get(reverse("directory:child_services", args=[here.child.pk]))
        .status_code
        == 404
    )


def test_a_provider_must_offer_the_service_and_be_the_municipalitys(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    theirs = AgencyFactory.create(
        municipality=there.municipality, name="Stavanger skole", services=["school"]
    )
    with pytest.raises(ValidationError) as error:
        put(here, "school", ServiceStatus.RECEIVED, agency_id=theirs.pk)
    assert "agency" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        put(here, "school", ServiceStatus.ENDED)
    assert set(error.value.message_dict) == {"ends_on"}
    assert not ChildService.objects.exists()


def test_a_school_sees_only_school_services_on_the_map(tenant: Tenant) -> None:
    put(tenant, "school", ServiceStatus.WAITING)
    put(tenant, "gp", ServiceStatus.NEEDED)
    guardian = tenant.family.guardians.first()
    assert guardian is not None
    SharingConsent.objects.create(
        municipality=tenant.municipality,
        family=tenant.family,
        unit=tenant.school,
        categories=["school"],
        given_by=guardian,
        valid_from=TODAY,
        recorded_by=tenant.coordinator,
    )
    text = (
        client_for(tenant.service_contact)
        .get(reverse("directory:child_services", args=[tenant.child.pk]))
        .content.decode()
    )
    assert "School" in text
    assert "GP" not in text
    assert "Add a service" not in text


def queries_for(t: Tenant) -> int:
    client = client_for(t.coordinator)
    url = reverse("directory:child_services", args=[t.child.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_service_map_runs_the_same_queries_for_5_and_80_services(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    agency = AgencyFactory.create(municipality=here.municipality, name="Bergen legesenter", services=["gp"])
    codes = ["gp", "school", "respite_care", "ppt", "nav"]

    def add(count: int) -> None:
        for number in range(count):
            code = codes[number % len(codes)]
            put(
                here,
                code,
                ServiceStatus.RECEIVED if code == "gp" else ServiceStatus.NEEDED,
                agency_id=agency.pk if code == "gp" else None,
            )

    add(5)
    five = queries_for(here)
    add(75)
    assert queries_for(here) == five
