from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import factory

from knutepunkt.directory.models import Agency, Level, ServiceType
from knutepunkt.directory.services import set_agency_services
from knutepunkt.tenancy.tests.factories import MunicipalityFactory


class AgencyFactory(factory.django.DjangoModelFactory[Agency]):
    """An agency of a municipality; pass ``municipality=None, country=...`` for a national one,
    and ``services=["kindergarten", ...]`` (codes of the seeded service types) for its services."""

    class Meta:
        model = Agency
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    country = factory.LazyAttribute(lambda o: o.municipality.country if o.municipality else "NO")
    name = factory.Sequence(lambda n: f"Tjeneste {n}")
    level = factory.LazyAttribute(lambda o: Level.MUNICIPAL if o.municipality else Level.STATE)
    phone = ""
    email = factory.Sequence(lambda n: f"tjeneste{n}@eksempel.invalid")

    @classmethod
    def _create(cls, model_class: type[Agency], *args: Any, **kwargs: Any) -> Agency:
        # Validated like every real save, so the phone is normalised as the app stores it.
        agency = model_class(**kwargs)
        agency.full_clean()
        agency.save()
        return agency

    @factory.post_generation
    def services(self, create: bool, extracted: Sequence[str] | None, **kwargs: Any) -> None:
        if not create or not extracted:
            return
        agency = cast(Agency, self)
        types = ServiceType.objects.filter(country=agency.country, code__in=extracted)
        assert types.count() == len(set(extracted)), f"unknown service codes: {extracted}"
        set_agency_services(agency, types)
