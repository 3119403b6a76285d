from __future__ import annotations

import factory

from knutepunkt.tenancy.models import Country, Language, Municipality, Unit, UnitKind


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("country", "number")

    country = Country.NORWAY
    number = factory.Sequence(lambda n: f"{5000 + n:04d}")
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    language = Language.BOKMAAL


class IcelandicMunicipalityFactory(MunicipalityFactory):
    country = Country.ICELAND
    number = factory.Sequence(lambda n: f"{7000 + n:04d}")
    name = factory.Sequence(lambda n: f"Prófunarbær {n}")
    language = Language.ICELANDIC


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = UnitKind.COORDINATING_UNIT
