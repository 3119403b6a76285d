"""Searching the directory: by name, service type and contact; only what the municipality sees."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.directory.selectors import directory_for_municipality, search_directory
from knutepunkt.directory.tests.factories import AgencyFactory
from knutepunkt.people.models import Role
from knutepunkt.people.tests.factories import UserFactory
from knutepunkt.tenancy.tests.factories import IcelandicMunicipalityFactory, UnitFactory

SEARCH = "/directory/"
new_agency = AgencyFactory.create
COORDINATES_TAG = 'data-size="sm">also coordinates</span>'


def names(agencies):
    return {agency.name for agency in agencies}


def test_search_finds_by_name_service_type_and_contact(tenant: Tenant):
    m = tenant.municipality
    new_agency(municipality=m, name="Fantoft barnehage", services=["kindergarten"], phone="55 20 30 40")
    new_agency(
        municipality=m, name="Årstad helsestasjon", services=["health_station"], email="hs@eksempel.invalid"
    )
    new_agency(municipality=m, name="NAV Årstad", services=["nav", "social_services_nav"])
    user = tenant.coordinator

    assert names(search_directory(user, "fantoft")) == {"Fantoft barnehage"}
    # SQLite folds case for ASCII only; the search still finds "Årstad" from "årstad".
    assert names(search_directory(user, "årstad")) == {"Årstad helsestasjon", "NAV Årstad"}
    # By a service type's name (either language) or code, and by the service type filter.
    assert names(search_directory(user, "Barnehage")) == {"Fantoft barnehage"}
    assert names(search_directory(user, "social services")) == {"NAV Årstad"}
    assert names(search_directory(user, "", service_type="health_station")) == {"Årstad helsestasjon"}
    assert names(search_directory(user, "årstad", service_type="nav")) == {"NAV Årstad"}
    # By contact: the phone as typed with or without spaces, the e-mail.
    assert names(search_directory(user, "55203040")) == {"Fantoft barnehage"}
    assert names(search_directory(user, "+47 55 20")) == {"Fantoft barnehage"}
    assert names(search_directory(user, "hs@eksempel")) == {"Årstad helsestasjon"}
    # Every word must match.
    assert names(search_directory(user, "årstad barnehage")) == set()


def test_level_filter_and_inactive_agencies(tenant: Tenant):
    m = tenant.municipality
    new_agency(municipality=m, name="Tannklinikken", level="county", services=["public_dental"])
    new_agency(municipality=tenant.municipality, name="Gammel skole", active=False, services=["school"])
    user = tenant.coordinator
    assert names(search_directory(user, level="county")) == {"Tannklinikken"}
    assert names(search_directory(user, level="no-such-level")) == set()
    assert names(search_directory(user)) == {"Tannklinikken"}
    assert names(search_directory(user, include_inactive=True)) == {"Tannklinikken", "Gammel skole"}


@pytest.fixture
def reykjavik():
    municipality = IcelandicMunicipalityFactory.create(name="Reykjavíkurborg", number="0000")
    unit = UnitFactory.create(municipality=municipality, name="Velferðarsvið")
    return UserFactory.create(municipality=municipality, unit=unit, role=Role.COORDINATOR)


def test_a_municipality_sees_its_own_and_its_countrys_national_agencies_only(tenants, reykjavik):
    bergen, stavanger = tenants
    new_agency(municipality=bergen.municipality, name="Bergen barnehage", services=["kindergarten"])
    new_agency(municipality=stavanger.municipality, name="Stavanger barnehage", services=["kindergarten"])
    new_agency(municipality=None, country="NO", name="NAV Kontaktsenter", services=["nav"])
    new_agency(
        municipality=None, country="IS", name="Barna- og fjölskyldustofa", services=["child_protection"]
    )
    new_agency(municipality=reykjavik.municipality, name="Leikskólinn Laufás", services=["preschool"])

    assert names(search_directory(bergen.coordinator)) == {"Bergen barnehage", "NAV Kontaktsenter"}
    assert names(search_directory(stavanger.officer)) == {"Stavanger barnehage", "NAV Kontaktsenter"}
    assert names(search_directory(reykjavik)) == {"Barna- og fjölskyldustofa", "Leikskólinn Laufás"}
    # Not even by name.
    assert names(search_directory(bergen.coordinator, "Stavanger")) == set()
    assert names(search_directory(bergen.coordinator, "fjölskyldustofa")) == set()
    assert names(directory_for_municipality(stavanger.municipality)) == {
        "Stavanger barnehage",
        "NAV Kontaktsenter",
    }

    page = client_for(bergen.coordinator).get(SEARCH).content.decode()
    assert "Bergen barnehage" in page
    assert "NAV Kontaktsenter" in page
    assert "Stavanger barnehage" not in page
    assert "fjölskyldustofa" not in page


def test_a_user_without_a_staff_role_sees_nothing(tenant: Tenant):
    new_agency(municipality=tenant.municipality, name="Bergen barnehage")
    family_user = UserFactory.create(role="", municipality=None, unit=None)
    assert names(search_directory(family_user)) == set()
    assert client_for(family_user).get(SEARCH).status_code == 403
    assert client_for().get(SEARCH).status_code == 302  # to sign-in


def test_the_search_page_shows_services_duty_and_contact(tenant: Tenant):
    new_agency(
        municipality=tenant.municipality,
        name="Fantoft barnehage",
        services=["kindergarten"],
        phone="55 20 30 40",
        email="fantoft@eksempel.invalid",
    )
    new_agency(municipality=tenant.municipality, name="NAV Årstad", services=["nav"])
    response = client_for(tenant.service_contact).get(SEARCH, {"q": "fantoft"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "1 agency found" in page
    assert "Kindergarten" in page
    assert "barnehageloven § 2b" in page
    assert COORDINATES_TAG in page
    assert 'href="tel:+4755203040"' in page
    assert "fantoft@eksempel.invalid" in page
    assert "NAV Årstad" not in page

    nav = client_for(tenant.service_contact).get(SEARCH, {"service": "nav"}).content.decode()
    assert "NAV-loven § 15a" in nav
    assert COORDINATES_TAG not in nav


def test_an_unknown_service_is_a_form_error(tenant: Tenant):
    response = client_for(tenant.coordinator).get(SEARCH, {"service": "preschool"})  # Iceland's
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def _search_queries(user) -> int:
    client = client_for(user)
    client.get(SEARCH)  # warm up: the session, caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "tjeneste"})
    assert response.status_code == 200
    return len(queries)


def test_the_search_page_makes_a_fixed_number_of_queries(tenants):
    few, many = tenants
    for n in range(5):
        new_agency(municipality=few.municipality, name=f"Tjeneste A{n}", services=["school", "sfo"])
    for n in range(40):
        new_agency(
            municipality=many.municipality, name=f"Tjeneste B{n}", services=["school", "sfo", "gp", "nav"]
        )
    few_queries = _search_queries(few.coordinator)
    many_queries = _search_queries(many.coordinator)
    assert few_queries == many_queries
    assert many_queries <= 8, many_queries
