"""Caseload: a coordinator's families with the next deadline, sortable; the unit leader's view;
a fixed number of queries for 5 or 80 families."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.consent.models import SharingConsent
from knutepunkt.coordination import selectors, services
from knutepunkt.coordination.models import ContactKind
from knutepunkt.coordination.tests.factories import CoordinatorAssignmentFactory
from knutepunkt.meetings.models import MeetingStatus
from knutepunkt.meetings.tests.factories import hold, make_meeting
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory, GuardianFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def add_families(t: Tenant, count: int) -> None:
    """Families for the coordinator, each with two children, a consent and a follow-up."""
    for number in range(count):
        family = FamilyFactory.create(municipality=t.municipality, name=f"Family {number:03d}")
        ChildFactory.create(family=family)
        ChildFactory.create(family=family)
        guardian = GuardianFactory.create(family=family)
        CoordinatorAssignmentFactory.create(family=family, coordinator=t.coordinator)
        SharingConsent.objects.create(
            municipality=t.municipality,
            family=family,
            unit=t.school,
            categories=["basics"],
            given_by=guardian,
            valid_from=TODAY,
            valid_to=TODAY + datetime.timedelta(days=number + 1),
            recorded_by=t.coordinator,
        )


def queries_for(t: Tenant) -> int:
    client = client_for(t.coordinator)
    client.get(reverse("coordination:caseload"))  # sessions, first-use caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("coordination:caseload")).status_code == 200
    return len(queries)


def test_caseload_page_runs_the_same_queries_for_5_and_80_families(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    add_families(here, 4)
    five = queries_for(here)
    add_families(here, 75)
    assert queries_for(here) == five


def test_next_deadline_is_the_nearest_of_consent_follow_up_and_handover(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    guardian = here.family.guardians.first()
    assert guardian is not None
    SharingConsent.objects.create(
        municipality=here.municipality,
        family=here.family,
        unit=here.school,
        categories=["school"],
        given_by=guardian,
        valid_from=TODAY,
        valid_to=TODAY + datetime.timedelta(days=20),
        recorded_by=here.coordinator,
    )
    services.record_contact(
        actor=Actor(here.coordinator),
        family_id=here.family.pk,
        contact=services.ContactInput(
            occurred_on=TODAY,
            kind=ContactKind.PHONE,
            people="Father",
            summary="Called about respite care",
            follow_up_on=TODAY + datetime.timedelta(days=5),
        ),
    )
    result = selectors.caseload(actor=Actor(here.coordinator))
    (row,) = result.rows
    assert row.family == here.family
    assert row.next_deadline is not None
    assert row.next_deadline.day == TODAY + datetime.timedelta(days=5)
    assert row.last_contact == TODAY
    assert [d.day for d in sorted(row.deadlines, key=lambda d: d.day)] == [
        TODAY + datetime.timedelta(days=5),
        TODAY + datetime.timedelta(days=20),
    ]
    # Another municipality's coordinator's list is not touched.
    assert selectors.caseload(actor=Actor(there.coordinator)).rows[0].family == there.family
    assert AccessEvent.objects.filter(
        actor=here.coordinator, action=AccessAction.LIST, child=here.child
    ).exists()


def test_caseload_sorts_by_family_name_and_by_deadline(tenant: Tenant) -> None:
    add_families(tenant, 3)
    by_name = [
        row.family.name for row in selectors.caseload(actor=Actor(tenant.coordinator), sort="family").rows
    ]
    assert by_name == sorted(by_name, key=str.lower)
    by_deadline = selectors.caseload(actor=Actor(tenant.coordinator), sort="deadline").rows
    days = [row.next_deadline.day if row.next_deadline else datetime.date.max for row in by_deadline]
    assert days == sorted(days)


def test_a_leader_sees_the_units_caseloads_and_a_coordinator_only_their_own(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    leader = client_for(here.leader)
    page = leader.get(reverse("coordination:unit"))
    assert page.status_code == 200
    text = page.content.decode()
    assert here.coordinator.get_full_name() in text  # same unit as the leader
    assert here.other_coordinator.get_full_name() not in text  # another unit
    assert there.coordinator.get_full_name() not in text
    url = reverse("coordination:caseload")
    assert leader.get(url, {"coordinator": here.coordinator.pk}).status_code == 200
    assert leader.get(url, {"coordinator": here.other_coordinator.pk}).status_code == 404
    coordinator = client_for(here.coordinator)
    assert coordinator.get(url, {"coordinator": here.other_coordinator.pk}).status_code == 404
    assert coordinator.get(reverse("coordination:unit")).status_code == 403
    assert client_for(here.service_contact).get(url).status_code == 404


def test_month_at_a_glance_shows_contacts_and_consents_ending(tenant: Tenant) -> None:
    services.record_contact(
        actor=Actor(tenant.coordinator),
        family_id=tenant.family.pk,
        contact=services.ContactInput(
            occurred_on=TODAY, kind=ContactKind.VIDEO, people="Mother", summary="Video"
        ),
    )
    month = selectors.month_at_a_glance(actor=Actor(tenant.coordinator), year=TODAY.year, month=TODAY.month)
    assert month.contact_count == 1
    assert any(e.day == TODAY and e.family == tenant.family for e in month.entries)
    page = client_for(tenant.coordinator).get(
        reverse("coordination:month"), {"month": TODAY.strftime("%Y-%m")}
    )
    assert page.status_code == 200
    assert "Video meeting" in page.content.decode()
    assert (
        client_for(tenant.coordinator).get(reverse("coordination:month"), {"month": "nonsense"}).status_code
        == 200
    )


def test_an_overdue_plan_review_is_the_next_deadline(tenant: Tenant) -> None:
    from knutepunkt.plans.models import Review
    from knutepunkt.plans.tests.factories import make_plan

    plan = make_plan(tenant, goals=0, measures=0)
    Review.objects.filter(plan=plan).delete()
    Review.objects.create(
        municipality=tenant.municipality, plan=plan, scheduled_on=TODAY - datetime.timedelta(days=3)
    )
    (row,) = selectors.caseload(actor=Actor(tenant.coordinator)).rows
    assert row.next_deadline is not None
    assert row.next_deadline.day == TODAY - datetime.timedelta(days=3)
    assert row.next_deadline.what == "Plan review, overdue"


def test_officers_and_leaders_start_from_the_units_caseloads(tenant: Tenant) -> None:
    for user in (tenant.officer, tenant.leader):
        response = client_for(user).get(reverse("coordination:caseload"))
        assert response.status_code == 302
        assert response["Location"] == reverse("coordination:unit")
    page = client_for(tenant.officer).get(reverse("coordination:unit"))
    assert tenant.other_coordinator.get_full_name() in page.content.decode()  # the whole municipality


def test_the_next_meeting_is_a_deadline_and_held_or_cancelled_ones_are_not(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    hold(make_meeting(here, days=3), days_ago=2)  # already held: no longer ahead
    cancelled = make_meeting(here, days=1)
    cancelled.status = MeetingStatus.CANCELLED
    cancelled.save(update_fields=["status"])
    make_meeting(here, days=9)
    make_meeting(there, days=2)  # another municipality's meeting is not this family's

    (row,) = selectors.caseload(actor=Actor(here.coordinator)).rows
    assert row.next_deadline is not None
    assert (row.next_deadline.day, row.next_deadline.what) == (TODAY + datetime.timedelta(days=9), "Meeting")
