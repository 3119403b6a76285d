"""The daily scan: plan reviews due, measures late and meetings tomorrow reach the right people,
each once, with the clock moved on by passing ``today``."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.meetings.tests.factories import make_meeting
from knutepunkt.notifications.models import Notification, NotificationKind, OutboxEmail
from knutepunkt.notifications.reminders import run_daily, scan
from knutepunkt.notifications.tasks import run_reminder_scan
from knutepunkt.people.models import User
from knutepunkt.plans import services as plan_services
from knutepunkt.plans.tests.factories import TODAY, make_plan

pytestmark = pytest.mark.django_db
K = NotificationKind


def kinds(recipient: User) -> list[str]:
    return sorted(Notification.objects.filter(recipient=recipient).values_list("kind", flat=True))


def test_a_review_due_and_a_late_measure_reach_the_coordinator_once(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    plan = make_plan(here, goals=1, measures=2)  # the measures end in 60 days
    plan_services.schedule_review(
        actor=Actor(here.coordinator),
        plan_id=plan.pk,
        expected_version=plan.version,
        scheduled_on=TODAY + datetime.timedelta(days=30),
    )
    assert scan(today=TODAY) == 0
    later = TODAY + datetime.timedelta(days=20)
    assert scan(today=later) == 1
    assert kinds(here.coordinator) == [K.REVIEW_DUE]
    much_later = TODAY + datetime.timedelta(days=61)
    scan(today=much_later)
    scan(today=much_later)
    # Two measures: one planned, one under way, both past their end; the review is still not held.
    assert kinds(here.coordinator) == [K.MEASURE_LATE, K.MEASURE_LATE, K.REVIEW_DUE]
    assert kinds(there.coordinator) == []


def test_everyone_invited_to_tomorrows_meeting_is_reminded(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    meeting = make_meeting(here, days=5)
    sent_before = OutboxEmail.objects.count()
    the_day_before = TODAY + datetime.timedelta(days=4)
    assert scan(today=TODAY) == 0
    scan(today=the_day_before)
    scan(today=the_day_before)
    assert kinds(here.coordinator).count(K.MEETING_TOMORROW) == 1
    # The school's contact was invited but the family shares nothing with the school: no notice.
    assert K.MEETING_TOMORROW not in kinds(here.service_contact)
    reminders = OutboxEmail.objects.filter(pk__gt=OutboxEmail.objects.order_by("pk")[sent_before - 1].pk)
    outside = [e for e in reminders if e.to == ["berg@example.invalid"]]
    assert len(outside) == 1
    assert meeting.title not in outside[0].subject + outside[0].body


def test_the_reminder_task_runs_the_scan_and_sends_the_emails(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    make_plan(here, goals=1, measures=1)
    mail.outbox.clear()
    result = run_reminder_scan.enqueue((TODAY + datetime.timedelta(days=61)).isoformat())
    assert result.return_value == {"reminders": 1, "digests": 0, "emails": 1}
    (sent,) = mail.outbox
    assert sent.to == [here.coordinator.email]
    assert run_daily(today=TODAY + datetime.timedelta(days=61))["reminders"] == 0
