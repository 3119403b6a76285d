"""The coordinator records and withdraws consents on the family's page; a school's service contact
sees only what is shared; consents about to run out are listed for reminders."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.consent.models import SharingConsent
from knutepunkt.consent.selectors import consents_expiring
from knutepunkt.coordination import services
from knutepunkt.coordination.models import ContactKind

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def note(t: Tenant, category: str, summary: str) -> None:
    services.record_contact(
        actor=Actor(t.coordinator),
        family_id=t.family.pk,
        contact=services.ContactInput(
            occurred_on=TODAY, kind=ContactKind.PHONE, people="Mother", summary=summary, category=category
        ),
    )


def give(t: Tenant, client: object, categories: list[str], valid_to: str = "") -> object:
    guardian = t.family.guardians.first()
    assert guardian is not None
    return client.post(  # type: ignore[attr-defined]
        reverse("consent:family", args=[t.family.pk]),
        {
            "unit": t.school.pk,
            "categories": categories,
            "given_by": guardian.pk,
            "valid_from": TODAY.isoformat(),
            "valid_to": valid_to,
        },
    )


def test_consent_page_records_a_consent_and_a_school_sees_only_its_categories(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    note(here, "health", "Seizure medicine doubled after the hospital visit")
    note(here, "school", "Needs a quiet room for tests")
    coordinator = client_for(here.coordinator)
    assert coordinator.get(reverse("consent:family", args=[here.family.pk])).status_code == 200
    assert give(here, coordinator, ["basics", "school"]).status_code == 302  # type: ignore[attr-defined]
    consent = SharingConsent.objects.get(family=here.family)
    assert consent.categories == ["basics", "school"]

    school = client_for(here.service_contact)
    page = school.get(reverse("consent:shared", args=[here.child.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Needs a quiet room for tests" in text
    assert "Seizure medicine" not in text
    assert "Health information" in text  # named as not shared
    # The school cannot open the desk or the consents, and another municipality's school sees nothing.
    assert school.get(reverse("coordination:family", args=[here.family.pk])).status_code == 403
    assert (
        client_for(there.service_contact).get(reverse("consent:shared", args=[here.child.pk])).status_code
        == 404
    )


def test_withdrawal_answers_404_on_the_next_request_and_the_log_shows_both(tenant: Tenant) -> None:
    coordinator = client_for(tenant.coordinator)
    give(tenant, coordinator, ["basics"])
    consent = SharingConsent.objects.get(family=tenant.family)
    school = client_for(tenant.service_contact)
    url = reverse("consent:shared", args=[tenant.child.pk])
    assert school.get(url).status_code == 200
    response = coordinator.post(reverse("consent:withdraw", args=[consent.pk]))
    assert response.status_code == 302
    assert school.get(url).status_code == 404
    actions = list(
        AccessEvent.objects.filter(actor=tenant.service_contact, child=tenant.child)
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == [AccessAction.VIEW, AccessAction.DENIED]
    log = coordinator.get(reverse("consent:family", args=[tenant.family.pk])).content.decode()
    assert "Tried to open, and was refused" in log
    assert tenant.service_contact.get_full_name() in log


def test_a_bad_consent_is_refused_with_the_reasons_and_nothing_saved(tenant: Tenant) -> None:
    coordinator = client_for(tenant.coordinator)
    response = give(tenant, coordinator, [], valid_to=(TODAY - datetime.timedelta(days=1)).isoformat())
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "Choose at least one kind of information." in response.content.decode()  # type: ignore[attr-defined]
    assert not SharingConsent.objects.exists()


def test_consents_expiring_lists_live_consents_ending_soon_for_the_users_families(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    guardian = here.family.guardians.first()
    assert guardian is not None

    def consent(valid_to: datetime.date | None, *, withdrawn: bool = False) -> SharingConsent:
        return SharingConsent.objects.create(
            municipality=here.municipality,
            family=here.family,
            unit=here.school,
            categories=["basics"],
            given_by=guardian,
            valid_from=TODAY - datetime.timedelta(days=30),
            valid_to=valid_to,
            recorded_by=here.coordinator,
            withdrawn_at=timezone.now() if withdrawn else None,
        )

    soon = consent(TODAY + datetime.timedelta(days=10))
    today = consent(TODAY)
    consent(TODAY + datetime.timedelta(days=40))
    consent(None)
    consent(TODAY + datetime.timedelta(days=3), withdrawn=True)
    assert consents_expiring(Actor(here.coordinator), 30) == [today, soon]
    assert consents_expiring(Actor(here.other_coordinator), 30) == []  # not their family
    assert consents_expiring(Actor(there.coordinator), 30) == []
    page = client_for(here.coordinator).get(reverse("consent:expiring"))
    assert page.status_code == 200
    assert here.family.name in page.content.decode()


def test_a_leader_reads_the_consents_and_the_log_but_records_nothing(tenant: Tenant) -> None:
    leader = client_for(tenant.leader)
    url = reverse("consent:family", args=[tenant.family.pk])
    page = leader.get(url)
    assert page.status_code == 200
    assert "Record the consent" not in page.content.decode()
    assert give(tenant, leader, ["basics"]).status_code == 403  # type: ignore[attr-defined]
    assert not SharingConsent.objects.exists()
