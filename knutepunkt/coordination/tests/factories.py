from __future__ import annotations

import datetime

import factory

from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind
from knutepunkt.people.tests.factories import FamilyFactory, UserFactory


class CoordinatorAssignmentFactory(factory.django.DjangoModelFactory[CoordinatorAssignment]):
    class Meta:
        model = CoordinatorAssignment

    family = factory.SubFactory(FamilyFactory)
    municipality = factory.SelfAttribute("family.municipality")
    coordinator = factory.SubFactory(UserFactory, municipality=factory.SelfAttribute("..municipality"))
    kind = CoordinatorKind.BARNEKOORDINATOR
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    ends_on = None
