"""Who sees which child: the allowed and the refused case share their setup."""

from __future__ import annotations

import datetime

import pytest

from knutepunkt.access.helpers import get_child_for, get_family_for
from knutepunkt.access.policy import visible_children
from knutepunkt.conftest import Tenant
from knutepunkt.people.models import Role
from knutepunkt.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_coordinator_sees_own_case_only(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    assert set(visible_children(here.coordinator)) == {here.child}


def test_officer_sees_whole_municipality_and_nothing_else(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    assert set(visible_children(here.officer)) == {here.child, here.other_child}
    assert there.child not in visible_children(here.officer)


def test_leader_sees_cases_of_own_unit(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    # The leader is in the coordinating unit; only the family coordinated from it is theirs.
    assert set(visible_children(here.leader)) == {here.child}


@pytest.mark.parametrize("role", [Role.SERVICE_CONTACT, Role.ADMINISTRATOR])
def test_roles_without_case_access_see_no_child(tenants: tuple[Tenant, Tenant], role: Role) -> None:
    here, _ = tenants
    user = UserFactory.create(municipality=here.municipality, unit=here.coordinating_unit, role=role)
    assert list(visible_children(user)) == []


def test_user_without_role_sees_nothing(tenants: tuple[Tenant, Tenant]) -> None:
    _here, _ = tenants
    user = UserFactory.create(municipality=None, unit=None, role="")
    assert list(visible_children(user)) == []


def test_get_child_for_gives_the_same_404_for_missing_and_not_yours(tenants: tuple[Tenant, Tenant]) -> None:
    from django.http import Http404

    here, there = tenants
    assert get_child_for(here.coordinator, here.child.pk) == here.child
    with pytest.raises(Http404):
        get_child_for(here.coordinator, there.child.pk)  # other municipality
    with pytest.raises(Http404):
        get_child_for(here.coordinator, here.other_child.pk)  # same municipality, not their case
    with pytest.raises(Http404):
        get_child_for(here.coordinator, 10**9)  # does not exist


def test_leader_may_read_but_not_write(tenants: tuple[Tenant, Tenant]) -> None:
    from django.http import Http404

    here, _ = tenants
    assert get_child_for(here.leader, here.child.pk) == here.child
    with pytest.raises(Http404):
        get_child_for(here.leader, here.child.pk, for_write=True)
    assert get_child_for(here.coordinator, here.child.pk, for_write=True) == here.child


def test_ended_assignment_ends_access_on_its_end_date(tenants: tuple[Tenant, Tenant]) -> None:
    from django.http import Http404

    here, _ = tenants
    here.assignment.ends_on = datetime.date.today()
    here.assignment.save()
    with pytest.raises(Http404):
        get_family_for(here.coordinator, here.family.pk)


def test_future_assignment_gives_no_access_yet(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    here.assignment.starts_on = datetime.date.today() + datetime.timedelta(days=1)
    here.assignment.save()
    assert list(visible_children(here.coordinator)) == []


def test_inactive_user_sees_nothing(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    here.officer.is_active = False
    assert list(visible_children(here.officer)) == []
