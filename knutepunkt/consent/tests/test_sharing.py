"""A service sees a child only while the family's consent to share with it holds, and only
the categories consented to."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import shared_categories, visible_children
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.consent.models import SharingConsent
from knutepunkt.consent.services import give_sharing_consent, withdraw_sharing_consent

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def consent_to_school(t: Tenant, categories: list[str], **dates: datetime.date | None) -> SharingConsent:
    guardian = t.family.guardians.first()
    assert guardian is not None
    return give_sharing_consent(
        actor=Actor(t.coordinator),
        family_id=t.family.pk,
        unit_id=t.school.pk,
        categories=categories,
        given_by_id=guardian.pk,
        valid_from=dates.get("valid_from") or TODAY,
        valid_to=dates.get("valid_to"),
    )


def test_school_contact_sees_the_child_only_with_consent(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    assert list(visible_children(here.service_contact)) == []
    consent_to_school(here, ["basics", "school"])
    assert list(visible_children(here.service_contact)) == [here.child]
    assert shared_categories(here.service_contact, here.family) == {"basics", "school"}


def test_page_shows_the_consented_parts_only(tenant: Tenant) -> None:
    consent_to_school(tenant, ["basics"])
    page = client_for(tenant.service_contact).get(reverse("people:child_detail", args=[tenant.child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "What the family shares with your service" in text
    assert "Guardians" in text
    assert tenant.coordinator.get_full_name() not in text  # "coordinator" not consented


def test_withdrawal_takes_effect_on_the_next_request_and_both_attempts_are_logged(tenant: Tenant) -> None:
    consent = consent_to_school(tenant, ["basics", "school"])
    client = client_for(tenant.service_contact)
    url = reverse("people:child_detail", args=[tenant.child.pk])
    assert client.get(url).status_code == 200
    withdraw_sharing_consent(actor=Actor(tenant.coordinator), consent_id=consent.pk)
    assert client.get(url).status_code == 404
    attempts = AccessEvent.objects.filter(actor=tenant.service_contact, child=tenant.child).order_by("seq")
    assert [e.action for e in attempts] == [AccessAction.VIEW, AccessAction.DENIED]


def test_consent_to_another_unit_does_not_open_the_school(tenant: Tenant) -> None:
    guardian = tenant.family.guardians.first()
    assert guardian is not None
    give_sharing_consent(
        actor=Actor(tenant.coordinator),
        family_id=tenant.family.pk,
        unit_id=tenant.coordinating_unit.pk,
        categories=["basics"],
        given_by_id=guardian.pk,
        valid_from=TODAY,
    )
    assert list(visible_children(tenant.service_contact)) == []


def test_consent_not_yet_started_or_ended_gives_no_access(tenant: Tenant) -> None:
    consent_to_school(tenant, ["basics"], valid_from=TODAY + datetime.timedelta(days=1))
    assert list(visible_children(tenant.service_contact)) == []
    SharingConsent.objects.update(
        valid_from=TODAY - datetime.timedelta(days=10), valid_to=TODAY - datetime.timedelta(days=1)
    )
    assert list(visible_children(tenant.service_contact)) == []


def test_bad_consent_is_refused_and_nothing_saved(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    guardian = here.family.guardians.first()
    assert guardian is not None
    with pytest.raises(ValidationError) as error:
        give_sharing_consent(
            actor=Actor(here.coordinator),
            family_id=here.family.pk,
            unit_id=there.school.pk,  # another municipality's school
            categories=["basics", "gossip"],
            given_by_id=guardian.pk,
            valid_from=TODAY,
            valid_to=TODAY - datetime.timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"unit", "categories", "valid_to"}
    assert not SharingConsent.objects.exists()
