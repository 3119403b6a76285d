from __future__ import annotations

import pytest
from django.urls import reverse

from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory

pytestmark = pytest.mark.django_db


def test_coordinator_home_lists_own_cases_only(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    page = client_for(here.coordinator).get(reverse("core:home")).content.decode()
    assert here.child.display_name in page
    assert here.other_child.display_name not in page
    assert there.child.display_name not in page


def test_search_by_name_finds_the_child_and_logs_what_was_shown(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    # Same name in the other municipality: must never be found from here.
    there.child.given_name = here.child.given_name = "Solveig"
    here.child.save()
    there.child.save()
    response = client_for(here.officer).get(reverse("core:home"), {"q": "solveig"})
    page = response.content.decode()
    assert reverse("people:child_detail", args=[here.child.pk]) in page
    assert reverse("people:child_detail", args=[there.child.pk]) not in page
    assert reverse("people:child_detail", args=[here.other_child.pk]) not in page
    events = AccessEvent.objects.filter(action=AccessAction.LIST)
    assert list(events.values_list("child", flat=True)) == [here.child.pk]


def test_long_lists_are_paged(tenant: Tenant) -> None:
    for _ in range(30):
        ChildFactory.create(family=FamilyFactory.create(municipality=tenant.municipality))
    client = client_for(tenant.officer)
    first = client.get(reverse("core:home")).content.decode()
    assert "Page 1 of 2" in first
    assert AccessEvent.objects.filter(action=AccessAction.LIST).count() == 25
    second = client.get(reverse("core:home"), {"page": "2"}).content.decode()
    assert "Page 2 of 2" in second
    assert client.get(reverse("core:home"), {"page": "x"}).status_code == 200


def test_user_without_role_is_told_to_ask_for_one(tenant: Tenant) -> None:
    from knutepunkt.people.tests.factories import UserFactory

    user = UserFactory.create(role="", municipality=None, unit=None)
    page = client_for(user).get(reverse("core:home")).content.decode()
    assert "You have no role in Knutepunkt yet" in page
