"""Invitations: single use, expiring, stored as a hash, leading to a family sign-in."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.core.errors import DomainError
from knutepunkt.people.tests.factories import ChildFactory
from knutepunkt.portal import services
from knutepunkt.portal.models import FamilyAccount, Invitation, PortalSettings

GOOD_PASSWORD = "blue kayak under the old bridge"


def _invite(t: Tenant) -> services.IssuedInvitation:
    guardian = t.family.guardians.order_by("pk").first()
    assert guardian is not None
    return services.issue_invitation(
        actor=Actor(t.coordinator), family_id=t.family.pk, guardian_id=guardian.pk
    )


def test_the_link_leads_to_a_sign_in_to_the_family_pages(tenants: tuple[Tenant, Tenant]) -> None:
    t, _other = tenants
    issued = _invite(t)
    client = client_for()
    url = reverse("portal:accept_invitation", args=[issued.token])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url, {"username": "kari", "password": GOOD_PASSWORD, "password_again": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    account = FamilyAccount.objects.get(user__username="kari")
    assert account.family == t.family
    assert account.user.role == ""
    assert client.get(reverse("portal:home")).status_code == 200


def test_only_the_hash_of_the_token_is_stored(tenant: Tenant) -> None:
    issued = _invite(tenant)
    invitation = Invitation.objects.get(pk=issued.invitation.pk)
    assert issued.token not in invitation.token_hash
    assert invitation.token_hash == services.hash_token(issued.token)


def test_the_link_works_once(tenant: Tenant) -> None:
    issued = _invite(tenant)
    services.accept_invitation(token=issued.token, username="kari", password=GOOD_PASSWORD)
    with pytest.raises(DomainError):
        services.accept_invitation(token=issued.token, username="kari2", password=GOOD_PASSWORD)
    assert client_for().get(reverse("portal:accept_invitation", args=[issued.token])).status_code == 404


def test_an_expired_link_is_refused(tenant: Tenant) -> None:
    issued = _invite(tenant)
    Invitation.objects.filter(pk=issued.invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(DomainError):
        services.accept_invitation(token=issued.token, username="kari", password=GOOD_PASSWORD)
    assert not FamilyAccount.objects.exists()


def test_a_weak_password_is_refused_with_nothing_saved(tenant: Tenant) -> None:
    issued = _invite(tenant)
    response = client_for().post(
        reverse("portal:accept_invitation", args=[issued.token]),
        {"username": "kari", "password": "123", "password_again": "123"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not FamilyAccount.objects.exists()
    assert Invitation.objects.get(pk=issued.invitation.pk).used_at is None


def test_a_new_link_ends_the_old_one(tenant: Tenant) -> None:
    first = _invite(tenant)
    _invite(tenant)
    with pytest.raises(DomainError):
        services.accept_invitation(token=first.token, username="kari", password=GOOD_PASSWORD)


def test_a_child_is_invited_only_from_the_municipality_age(tenant: Tenant) -> None:
    today = timezone.localdate()
    fifteen = ChildFactory.create(family=tenant.family, birth_date=today.replace(year=today.year - 15))
    with pytest.raises(DomainError) as refused:
        services.issue_invitation(
            actor=Actor(tenant.coordinator), family_id=tenant.family.pk, child_id=fifteen.pk
        )
    assert refused.value.code == "child_too_young"
    PortalSettings.objects.create(municipality=tenant.municipality, child_sign_in_age=15)
    issued = services.issue_invitation(
        actor=Actor(tenant.coordinator), family_id=tenant.family.pk, child_id=fifteen.pk
    )
    assert issued.invitation.child == fifteen


def test_only_case_workers_of_the_family_invite(tenants: tuple[Tenant, Tenant]) -> None:
    t, other = tenants
    guardian = t.family.guardians.order_by("pk").first()
    assert guardian is not None
    with pytest.raises(PermissionDenied):
        services.issue_invitation(
            actor=Actor(t.service_contact), family_id=t.family.pk, guardian_id=guardian.pk
        )
    with pytest.raises(Http404):
        services.issue_invitation(
            actor=Actor(t.other_coordinator), family_id=t.family.pk, guardian_id=guardian.pk
        )
    with pytest.raises(Http404):
        services.issue_invitation(
            actor=Actor(other.coordinator), family_id=t.family.pk, guardian_id=guardian.pk
        )


def test_the_staff_page_shows_the_link_once(tenant: Tenant) -> None:
    guardian = tenant.family.guardians.order_by("pk").first()
    assert guardian is not None
    client = client_for(tenant.coordinator)
    url = reverse("portal_staff:invite", args=[tenant.family.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"person": f"g{guardian.pk}"})
    assert "/family/welcome/" in response.content.decode()
    assert Invitation.objects.filter(guardian=guardian).count() == 1


def test_the_childs_page_leads_case_workers_to_the_invitation_and_no_one_else(
    tenants: tuple[Tenant, Tenant],
) -> None:
    t, _other = tenants
    invite_url = reverse("portal_staff:invite", args=[t.family.pk])
    child_url = reverse("people:child_detail", args=[t.child.pk])
    for user in (t.coordinator, t.officer):
        page = client_for(user).get(child_url)
        assert page.status_code == 200
        assert invite_url in page.content.decode()
        assert client_for(user).get(invite_url).status_code == 200
    # A leader reads the child's page but changes nothing: no invitation link, and the role is refused.
    page = client_for(t.leader).get(child_url)
    assert page.status_code == 200
    assert invite_url not in page.content.decode()
    assert client_for(t.leader).get(invite_url).status_code == 403


def test_opening_the_invitation_page_is_in_the_familys_access_log(tenants: tuple[Tenant, Tenant]) -> None:
    from knutepunkt.audit.models import AccessAction, AccessEvent

    t, other = tenants
    events = AccessEvent.objects.filter(actor=t.coordinator, family=t.family, action=AccessAction.VIEW)
    before = events.count()
    client = client_for(t.coordinator)
    assert client.get(reverse("portal_staff:invite", args=[t.family.pk])).status_code == 200
    assert events.count() == before + 1
    # Another municipality's family: 404, and nothing of theirs is read.
    assert client.get(reverse("portal_staff:invite", args=[other.family.pk])).status_code == 404
