"""The in-app edit form: administrators change their own municipality's agencies, nobody else."""

from __future__ import annotations

import pytest

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.directory.models import Agency, AgencyService
from knutepunkt.directory.tests.factories import AgencyFactory


@pytest.fixture
def agency(tenant: Tenant) -> Agency:
    return AgencyFactory.create(
        municipality=tenant.municipality,
        name="Fantoft barnehage",
        services=["kindergarten"],
        phone="55 20 30 40",
        email="fantoft@eksempel.invalid",
    )


def edit_url(agency: Agency) -> str:
    return f"/directory/{agency.pk}/edit/"


def form_data(agency: Agency, **changes):
    data = {
        "name": agency.name,
        "level": agency.level,
        "service_types": [s.pk for s in agency.service_types.all()],
        "unit": "",
        "description": "",
        "phone": agency.phone,
        "email": agency.email,
        "address": "",
        "web": "",
        "active": "on",
        "version": agency.version,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_administrator_edits_an_agency(tenant: Tenant, agency: Agency):
    client = client_for(tenant.administrator)
    assert client.get(edit_url(agency)).status_code == 200
    school_types = agency.service_types.model.objects.filter(country="NO", code__in=["school", "sfo"])
    response = client.post(
        edit_url(agency),
        form_data(
            agency,
            name="Fantoft oppvekstsenter",
            service_types=[s.pk for s in school_types],
            unit=tenant.school.pk,
            phone="55 99 88 77",
            web="fantoft.eksempel.invalid",
        ),
        follow=True,
    )
    assert response.status_code == 200
    assert "The agency Fantoft oppvekstsenter is saved." in response.content.decode()
    agency.refresh_from_db()
    assert agency.name == "Fantoft oppvekstsenter"
    assert agency.phone == "+47 55 99 88 77"
    assert agency.web == "https://fantoft.eksempel.invalid"
    assert agency.unit == tenant.school
    assert agency.version == 1
    assert set(agency.service_types.values_list("code", flat=True)) == {"school", "sfo"}
    # Every link carries the agency's municipality.
    assert set(AgencyService.objects.filter(agency=agency).values_list("municipality", flat=True)) == {
        tenant.municipality.pk
    }
    latest = agency.history.latest()
    assert latest.history_user == tenant.administrator
    assert "school, sfo" in latest.history_change_reason


@pytest.mark.parametrize("role", ["coordinator", "officer", "leader", "service_contact"])
def test_other_roles_may_not_edit(tenant: Tenant, agency: Agency, role: str):
    client = client_for(getattr(tenant, role))
    assert client.get(edit_url(agency)).status_code == 403
    assert client.post(edit_url(agency), form_data(agency, name="Changed")).status_code == 403
    agency.refresh_from_db()
    assert agency.name == "Fantoft barnehage"
    # They still read it, without an edit button.
    page = client.get(f"/directory/{agency.pk}/").content.decode()
    assert "Fantoft barnehage" in page
    assert edit_url(agency) not in page


def test_an_invalid_phone_is_refused_and_nothing_is_saved(tenant: Tenant, agency: Agency):
    response = client_for(tenant.administrator).post(
        edit_url(agency), form_data(agency, name="Nytt navn", phone="12", email="not-an-address")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This phone number does not exist." in page
    assert "Enter a valid email address." in page
    assert 'value="Nytt navn"' in page  # the input is kept
    agency.refresh_from_db()
    assert agency.name == "Fantoft barnehage"
    assert agency.phone == "+47 55 20 30 40"
    assert agency.version == 0
    assert agency.history.count() == 1


def test_a_stale_form_is_refused_with_a_conflict(tenant: Tenant, agency: Agency):
    client = client_for(tenant.administrator)
    stale = form_data(agency, name="First")
    assert client.post(edit_url(agency), stale).status_code == 302
    response = client.post(edit_url(agency), {**stale, "name": "Second"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this agency" in page
    assert 'value="Second"' in page
    assert 'name="version" value="1"' in page  # saving again, after checking, goes through
    agency.refresh_from_db()
    assert agency.name == "First"


def test_another_municipalitys_agency_is_not_found(tenants):
    bergen, stavanger = tenants
    theirs = AgencyFactory.create(municipality=stavanger.municipality, name="Stavanger barnehage")
    client = client_for(bergen.administrator)
    assert client.get(f"/directory/{theirs.pk}/").status_code == 404
    assert client.get(edit_url(theirs)).status_code == 404
    assert client.post(edit_url(theirs), form_data(theirs, name="Hacked")).status_code == 404


def test_national_agencies_are_maintained_centrally(tenant: Tenant):
    national = AgencyFactory.create(
        municipality=None, country="NO", name="NAV Kontaktsenter", services=["nav"]
    )
    client = client_for(tenant.administrator)
    assert client.get(f"/directory/{national.pk}/").status_code == 200
    assert client.get(edit_url(national)).status_code == 403


def test_a_unit_of_another_municipality_cannot_be_linked(tenants):
    bergen, stavanger = tenants
    agency = AgencyFactory.create(municipality=bergen.municipality, name="Bergen barnehage")
    response = client_for(bergen.administrator).post(
        edit_url(agency), form_data(agency, unit=stavanger.school.pk)
    )
    assert response.status_code == 400
    agency.refresh_from_db()
    assert agency.unit is None


def test_an_administrator_adds_an_agency_to_their_own_municipality(tenants: tuple[Tenant, Tenant]) -> None:
    from django.urls import reverse

    from knutepunkt.directory.models import ServiceType

    here, there = tenants
    url = reverse("directory:agency_new")
    client = client_for(here.administrator)
    assert client.get(url).status_code == 200
    school = ServiceType.objects.get(country="NO", code="school")
    bad = client.post(url, {"name": "Nyskolen", "level": "municipal", "phone": "123", "version": 0})
    assert bad.status_code == 400
    assert not Agency.objects.filter(name="Nyskolen").exists()
    response = client.post(
        url,
        {
            "name": "Nyskolen",
            "level": "municipal",
            "service_types": [school.pk],
            "active": "on",
            "version": 0,
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Nyskolen")
    assert agency.municipality == here.municipality
    assert list(agency.service_types.all()) == [school]
    # Only administrators add agencies.
    assert client_for(here.coordinator).get(url).status_code == 403
    assert (
        client_for(there.coordinator).post(url, {"name": "X", "level": "municipal", "version": 0}).status_code
        == 403
    )
