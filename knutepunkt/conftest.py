"""Shared fixtures. Every fixture set has two municipalities and two families in each, so a
test that forgets to filter by tenant or family fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import factory.random
import pytest
from django.test import Client
from django.utils import translation

from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.coordination.tests.factories import CoordinatorAssignmentFactory
from knutepunkt.people.models import Child, Family, Role, User
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory, GuardianFactory, UserFactory
from knutepunkt.tenancy.models import Municipality, Unit, UnitKind
from knutepunkt.tenancy.tests.factories import MunicipalityFactory, UnitFactory


@dataclass
class Tenant:
    municipality: Municipality
    coordinating_unit: Unit
    school: Unit
    officer: User
    coordinator: User
    other_coordinator: User
    leader: User
    service_contact: User
    administrator: User
    family: Family
    child: Child
    other_family: Family
    other_child: Child
    assignment: CoordinatorAssignment


def make_tenant(number: str, name: str) -> Tenant:
    municipality = MunicipalityFactory.create(number=number, name=name)
    ke = UnitFactory.create(municipality=municipality, name=f"Koordinerende enhet {name}")
    other_unit = UnitFactory.create(
        municipality=municipality, name=f"Helsestasjon {name}", kind=UnitKind.HEALTH_STATION
    )
    school = UnitFactory.create(municipality=municipality, name=f"{name} skole", kind=UnitKind.SCHOOL)

    def staff(role: Role, unit: Unit) -> User:
        return UserFactory.create(municipality=municipality, unit=unit, role=role)

    coordinator = staff(Role.COORDINATOR, ke)
    family = FamilyFactory.create(municipality=municipality)
    child = ChildFactory.create(family=family)
    GuardianFactory.create(family=family)
    GuardianFactory.create(family=family)
    other_family = FamilyFactory.create(municipality=municipality)
    other_child = ChildFactory.create(family=other_family)
    GuardianFactory.create(family=other_family)
    other_coordinator = staff(Role.COORDINATOR, other_unit)
    assignment = CoordinatorAssignmentFactory.create(family=family, coordinator=coordinator)
    CoordinatorAssignmentFactory.create(family=other_family, coordinator=other_coordinator)
    return Tenant(
        municipality=municipality,
        coordinating_unit=ke,
        school=school,
        officer=staff(Role.OFFICER, ke),
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        leader=staff(Role.LEADER, ke),
        service_contact=staff(Role.SERVICE_CONTACT, school),
        administrator=staff(Role.ADMINISTRATOR, ke),
        family=family,
        child=child,
        other_family=other_family,
        other_child=other_child,
        assignment=assignment,
    )


@pytest.fixture
def tenant(db: None) -> Tenant:
    return make_tenant("4601", "Bergen")


@pytest.fixture
def other_tenant(db: None) -> Tenant:
    return make_tenant("1103", "Stavanger")


@pytest.fixture
def tenants(tenant: Tenant, other_tenant: Tenant) -> tuple[Tenant, Tenant]:
    return tenant, other_tenant


def client_for(user: User | None = None, *, language: str = "en") -> Client:
    """A test client (signed in as ``user``, if given) that asks for pages in ``language``.

    Tests read English by default so their assertions say what a reader sees in the source.
    """
    client = Client(headers={"accept-language": language})
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _same_invented_data_every_run(request: pytest.FixtureRequest) -> None:
    """Factories invent names and dates at random; seeded by the test's own name, every test sees
    the same people on every run and in any order, so a failure can be run again and a name
    that happens to collide with another (a "Haugland" family twice) cannot fail CI by chance."""
    factory.random.reseed_random(f"knutepunkt:{request.node.nodeid}")


@pytest.fixture(autouse=True)
def _read_in_english() -> Iterator[None]:
    """Service messages are translated; tests read them in the source language unless they ask."""
    with translation.override("en"):
        yield


def mentions(text: str, name: str) -> bool:
    """Whether ``name`` appears in ``text`` as a word of its own. A random first name such as
    "Knut" or "Eva" also hides inside "Knutepunkt" or "allowEval", so a plain substring test
    would make privacy assertions fail by chance."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None
