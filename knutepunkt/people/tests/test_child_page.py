from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for, mentions
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory

pytestmark = pytest.mark.django_db


def test_child_page_shows_the_child_and_logs_one_view(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    client = client_for(here.coordinator)
    url = reverse("people:child_detail", args=[here.child.pk])
    before = AccessEvent.objects.count()
    response = client.get(url)
    assert response.status_code == 200
    assert here.child.given_name in response.content.decode()
    assert AccessEvent.objects.count() == before + 1
    event = AccessEvent.objects.latest("id")
    assert (event.actor, event.child, event.action) == (here.coordinator, here.child, AccessAction.VIEW)
    client.get(url)
    assert AccessEvent.objects.count() == before + 2


@pytest.mark.parametrize("whose", ["other_municipality", "same_municipality_not_mine"])
def test_child_outside_scope_answers_404_and_logs_the_refused_attempt(
    tenants: tuple[Tenant, Tenant], whose: str
) -> None:
    here, there = tenants
    target = there.child if whose == "other_municipality" else here.other_child
    client = client_for(here.coordinator)
    response = client.get(reverse("people:child_detail", args=[target.pk]))
    assert response.status_code == 404
    # The page's main content: a random name such as "Eva" also hides in the header's "allowEval".
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert not mentions(main, target.given_name)
    event = AccessEvent.objects.get()
    # Logged in the child's own municipality, so that family and its municipality see it.
    assert (event.action, event.child, event.actor) == (AccessAction.DENIED, target, here.coordinator)
    assert event.municipality == target.municipality


def test_missing_child_answers_the_same_404_and_logs_nothing(tenant: Tenant) -> None:
    response = client_for(tenant.coordinator).get(reverse("people:child_detail", args=[10**9]))
    assert response.status_code == 404
    assert not AccessEvent.objects.exists()


def test_national_id_is_masked_on_the_page(tenant: Tenant) -> None:
    from knutepunkt.people.tests.factories import make_fodselsnummer

    assert tenant.child.birth_date is not None
    tenant.child.national_id = make_fodselsnummer(tenant.child.birth_date)
    tenant.child.save()
    response = client_for(tenant.coordinator).get(reverse("people:child_detail", args=[tenant.child.pk]))
    page = response.content.decode()
    assert tenant.child.national_id not in page
    assert tenant.child.national_id[:6] in page


def _grow(tenant: Tenant, families: int) -> None:
    for _ in range(families):
        family = FamilyFactory.create(municipality=tenant.municipality)
        ChildFactory.create(family=family)


@pytest.mark.parametrize("page", ["home", "child"])
def test_query_count_is_flat_as_the_municipality_grows(tenant: Tenant, page: str) -> None:
    client = client_for(tenant.officer)
    url = reverse("core:home") if page == "home" else reverse("people:child_detail", args=[tenant.child.pk])

    def count() -> int:
        client.get(url)  # warm: the first request of a session also creates the chain head
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _grow(tenant, 8)  # 10 children in all
    small = count()
    _grow(tenant, 190)  # 200 children
    large = count()
    assert small == large
    assert large <= 15
