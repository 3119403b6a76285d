from __future__ import annotations

import datetime
import random

import factory
from stdnum.no import fodselsnummer

from knutepunkt.people.models import Child, Family, Guardian, GuardianRelation, Role, User
from knutepunkt.tenancy.tests.factories import MunicipalityFactory, UnitFactory


def make_fodselsnummer(birth_date: datetime.date, *, rng: random.Random | None = None) -> str:
    """A checksum-valid fødselsnummer for an invented person born on ``birth_date``."""
    rng = rng or random.Random()
    while True:
        individual = rng.randint(500, 999) if birth_date.year >= 2000 else rng.randint(0, 499)
        base = f"{birth_date:%d%m%y}{individual:03d}"
        k1 = fodselsnummer.calc_check_digit1(base)
        if len(k1) != 1:
            continue  # a check digit of 10 means this individual number is never issued
        k2 = fodselsnummer.calc_check_digit2(base + k1)
        if len(k2) != 1:
            continue
        return base + k1 + k2


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="no_NO")
    last_name = factory.Faker("last_name", locale="no_NO")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.invalid")
    password = factory.django.Password("correct horse battery staple")
    role = Role.COORDINATOR
    municipality = factory.SubFactory(MunicipalityFactory)
    unit = factory.SubFactory(UnitFactory, municipality=factory.SelfAttribute("..municipality"))


class FamilyFactory(factory.django.DjangoModelFactory[Family]):
    class Meta:
        model = Family

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Faker("last_name", locale="no_NO")
    language = "nb"


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    family = factory.SubFactory(FamilyFactory)
    municipality = factory.SelfAttribute("family.municipality")
    given_name = factory.Faker("first_name", locale="no_NO")
    family_name = factory.SelfAttribute("family.name")
    birth_date = factory.Faker("date_between", start_date="-17y", end_date="-1y")
    expected_date = None


class GuardianFactory(factory.django.DjangoModelFactory[Guardian]):
    class Meta:
        model = Guardian

    family = factory.SubFactory(FamilyFactory)
    municipality = factory.SelfAttribute("family.municipality")
    given_name = factory.Faker("first_name", locale="no_NO")
    family_name = factory.SelfAttribute("family.name")
    relation = GuardianRelation.PARENT
    has_parental_responsibility = True
    email = factory.Sequence(lambda n: f"guardian{n}@example.invalid")
