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


# Synthetic, checksum-valid numbers (core.demo's generator): 01.05.2015 and 12.03.2016.
HERE_ID, THERE_ID = "01051556816", "12031679182"


def _give_ids(here: Tenant, there: Tenant) -> None:
    for child, number in ((here.child, HERE_ID), (there.child, THERE_ID)):
        child.national_id = number
        child.national_id_kind = "fnr"
        child.save()


def test_a_national_id_opens_the_childs_page_without_entering_any_url(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    _give_ids(here, there)
    response = client_for(here.officer).post(reverse("core:find_child"), {"national_id": "010515 56816"})
    assert response.status_code == 302
    assert response["Location"] == reverse("people:child_detail", args=[here.child.pk])
    assert HERE_ID not in response["Location"]
    event = AccessEvent.objects.get()
    assert (event.action, event.child) == (AccessAction.LIST, here.child)


def test_another_municipalitys_child_is_not_found_and_not_logged(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    _give_ids(here, there)
    response = client_for(here.officer, language="nb").post(
        reverse("core:find_child"), {"national_id": THERE_ID}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ingen av barna du kan se, har dette fødselsnummeret." in page
    assert not AccessEvent.objects.filter(child=there.child).exists()


def test_a_mistyped_national_id_is_refused_in_plain_words(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    _give_ids(here, there)
    response = client_for(here.officer, language="nb").post(
        reverse("core:find_child"), {"national_id": HERE_ID[:-1] + "1"}
    )
    assert response.status_code == 200
    assert "ikke et gyldig" in response.content.decode()
    assert client_for(here.officer).get(reverse("core:find_child")).status_code == 405
