"""The agency page, the organisations page and the admin."""

from __future__ import annotations

import pytest

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.directory.models import Agency, AgencyService, ServiceType
from knutepunkt.directory.tests.factories import AgencyFactory
from knutepunkt.people.models import Role
from knutepunkt.people.tests.factories import UserFactory
from knutepunkt.tenancy.tests.factories import IcelandicMunicipalityFactory, UnitFactory


def test_the_agency_page_shows_the_duty_with_its_provisions(tenant: Tenant):
    agency = AgencyFactory.create(
        municipality=tenant.municipality,
        name="Helsestasjon Bergen",
        services=["health_station"],
        unit=tenant.municipality.units.get(name="Helsestasjon Bergen"),
    )
    page = client_for(tenant.coordinator).get(f"/directory/{agency.pk}/").content.decode()
    assert "hol § 3-4" in page
    assert "hol § 7-2a" in page
    assert "barnekoordinator" in page  # what § 7-2a obliges
    assert "unit \N{LEFT DOUBLE QUOTATION MARK}Helsestasjon Bergen" in page


def test_the_organisations_page_lists_the_users_country_and_searches(tenant: Tenant):
    client = client_for(tenant.coordinator)
    page = client.get("/directory/organisations/").content.decode()
    assert "8 organisations" in page
    assert "Autismeforeningen i Norge" in page
    assert "Pasient- og brukerombudet" in page
    assert "Public help body" in page
    assert "Umhyggja" not in page

    found = client.get("/directory/organisations/", {"q": "epilepsi"}).content.decode()
    assert "1 organisation" in found
    assert "Norsk Epilepsiforbund" in found
    assert "Autismeforeningen" not in found


@pytest.mark.django_db
def test_icelandic_staff_see_icelandic_organisations_and_names():
    municipality = IcelandicMunicipalityFactory.create(name="Akureyrarbær", number="6000")
    unit = UnitFactory.create(municipality=municipality, name="Velferðarsvið")
    user = UserFactory.create(municipality=municipality, unit=unit, role=Role.COORDINATOR)
    AgencyFactory.create(municipality=municipality, name="Leikskólinn Naustatjörn", services=["preschool"])
    page = client_for(user).get("/directory/organisations/", {"q": "umhyggja"}).content.decode()
    assert "Umhyggja \N{EN DASH} félag langveikra barna" in page
    # Service types are named in Icelandic on an Icelandic page, in English on an English one.
    assert "Leikskóli" in client_for(user, language="is").get("/directory/").content.decode()
    search = client_for(user).get("/directory/").content.decode()
    assert "Preschool" in search
    assert "Act 86/2021 art. 17" in search
    # The two provisions of Act 86/2021 with no article are one line, marked unconfirmed.
    assert search.count("Act 86/2021 (Prosperity Act)</span>") == 1
    assert "(reference not confirmed)" in search


@pytest.mark.django_db
def test_directory_pages_need_a_staff_role():
    family_user = UserFactory.create(role="", municipality=None, unit=None)
    for url in ("/directory/", "/directory/organisations/"):
        assert client_for(family_user).get(url).status_code == 403
        assert client_for().get(url).status_code == 302


def test_the_admin_registers_the_directory_and_links_carry_the_municipality(tenant: Tenant):
    superuser = UserFactory.create(role="", municipality=None, unit=None, is_staff=True, is_superuser=True)
    client = client_for(superuser)
    for model in ("agency", "servicetype", "provision", "userorganisation"):
        assert client.get(f"/admin/directory/{model}/", {"q": "a"}).status_code == 200, model
    kindergarten = ServiceType.objects.get(country="NO", code="kindergarten")
    response = client.post(
        "/admin/directory/agency/add/",
        {
            "municipality": tenant.municipality.pk,
            "country": "NO",
            "name": "Sandviken barnehage",
            "level": "municipal",
            "phone": "55 11 22 33",
            "active": "on",
            "service_links-TOTAL_FORMS": "1",
            "service_links-INITIAL_FORMS": "0",
            "service_links-0-service_type": kindergarten.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    agency = Agency.objects.get(name="Sandviken barnehage")
    assert agency.phone == "+47 55 11 22 33"
    assert AgencyService.objects.get(agency=agency).municipality == tenant.municipality
