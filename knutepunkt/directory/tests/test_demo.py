"""The demo directory: agencies for a municipality, linked to its units of the same names."""

from __future__ import annotations

import phonenumbers
import pytest
from django.db import connection

from knutepunkt.conftest import Tenant
from knutepunkt.core.demo import demo_municipalities, load_demo, wipe_municipalities
from knutepunkt.directory.demo import load_demo_directory
from knutepunkt.directory.models import Agency, AgencyService
from knutepunkt.directory.selectors import directory_for_municipality
from knutepunkt.tenancy.models import Unit

pytestmark = pytest.mark.django_db


def test_the_demo_directory_links_units_of_the_same_name(tenant: Tenant):
    units_before = Unit.objects.count()
    created = load_demo_directory(tenant.municipality)
    assert Unit.objects.count() == units_before  # no unit is created

    by_name = {agency.name: agency for agency in created}
    # The fixture's units "Helsestasjon Bergen" and "Bergen skole" are linked, not duplicated.
    assert by_name["Helsestasjon Bergen"].unit == tenant.municipality.units.get(name="Helsestasjon Bergen")
    assert by_name["Bergen skole"].unit == tenant.school
    assert "Koordinerende enhet Bergen" not in by_name  # not a service a child receives
    codes = {code for agency in created for code in agency.service_types.values_list("code", flat=True)}
    assert {
        "kindergarten",
        "school",
        "sfo",
        "ppt",
        "nav",
        "child_welfare",
        "health_station",
        "gp",
        "home_services",
        "respite_care",
        "public_dental",
        "specialist_health",
        "crisis_centre",
        "family_counselling",
    } <= codes
    for agency in created:
        agency.full_clean()
        assert phonenumbers.is_valid_number(phonenumbers.parse(agency.phone))
        assert agency.email.endswith("@eksempel.invalid")
        assert agency.history.count() == 1

    # The municipality also sees the national demo agency; running again adds nothing.
    visible = directory_for_municipality(tenant.municipality)
    assert len(visible) == len(created) + 1
    assert load_demo_directory(tenant.municipality) == []
    assert Agency.objects.filter(municipality__isnull=True, country="NO").count() == 1


def test_with_the_demo_municipalities_and_their_wipe():
    load_demo()
    municipalities = list(demo_municipalities())
    for municipality in municipalities:
        created = load_demo_directory(municipality)
        units = Unit.objects.filter(municipality=municipality).exclude(
            kind__in=["coordinating_unit", "allocation_office", "other"]
        )
        linked = {agency.unit for agency in created if agency.unit is not None}
        # Every unit that provides a service became an agency linked to it (Iceland has no
        # public dental service type).
        assert linked == {unit for unit in units if not (municipality.is_icelandic and unit.kind == "dental")}
        assert all(agency.name == agency.unit.name for agency in created if agency.unit)
    bergen = next(m for m in municipalities if m.name == "Bergen")
    fantoft = Agency.objects.get(municipality=bergen, name="Fantoft barnehage")
    assert fantoft.unit is not None
    assert fantoft.unit.kind == "kindergarten"

    # The demo's reset finds the directory's rows (they carry the municipality) and leaves no
    # dangling link behind.
    wipe_municipalities([m.pk for m in municipalities])
    connection.check_constraints()
    assert not Agency.objects.filter(municipality__isnull=False).exists()
    assert not AgencyService.objects.filter(municipality__isnull=False).exists()
