"""The demo plans and meetings: valid, in every status, found by the reminder scan, loaded once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.meetings.models import Meeting, MeetingStatus
from knutepunkt.notifications.models import Notification, NotificationKind
from knutepunkt.notifications.reminders import scan
from knutepunkt.plans.demo import load_demo_plans
from knutepunkt.plans.models import MeasureStatus, Plan
from knutepunkt.plans.tests.factories import TODAY

pytestmark = pytest.mark.django_db


def test_demo_plans_show_every_part_and_load_once(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    assert load_demo_plans(here.municipality) == 2  # both coordinated families
    assert load_demo_plans(here.municipality) == 0
    plan = Plan.objects.get(child=here.child)
    assert set(plan.measures.values_list("status", flat=True)) == set(MeasureStatus.values)
    assert any(m.is_late(TODAY) for m in plan.measures.all())
    held = plan.reviews.get(held_on__isnull=False)
    assert held.evaluations.count() == plan.goals.count() == 3
    assert plan.versions.count() == plan.version == 3
    assert plan.signatures.filter(version=plan.version).exists()
    meetings = Meeting.objects.filter(child=here.child)
    assert {m.status for m in meetings} == {MeetingStatus.HELD, MeetingStatus.SCHEDULED}
    assert meetings.get(status=MeetingStatus.HELD).action_items.exclude(measure=None).exists()
    assert not Plan.objects.filter(municipality=there.municipality).exists()
    assert client_for(here.coordinator).get(reverse("plans:detail", args=[plan.pk])).status_code == 200

    scan(today=TODAY)
    kinds = set(Notification.objects.filter(recipient=here.coordinator).values_list("kind", flat=True))
    assert {NotificationKind.REVIEW_DUE, NotificationKind.MEASURE_LATE} <= kinds
    assert Notification.objects.filter(kind=NotificationKind.MEETING_TOMORROW).exists()
