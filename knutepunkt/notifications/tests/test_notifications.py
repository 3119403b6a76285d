"""Notices reach the inbox and e-mail as each person chose; e-mails are kept until sent."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for, mentions
from knutepunkt.consent.selectors import consents_expiring
from knutepunkt.consent.services import give_sharing_consent
from knutepunkt.notifications.models import (
    EmailChoice,
    Notification,
    NotificationKind,
    OutboxEmail,
    OutboxStatus,
)
from knutepunkt.notifications.reminders import CONSENT_EXPIRING_AHEAD, run_daily, scan
from knutepunkt.notifications.services import notify, send_digests, set_email_choice
from knutepunkt.notifications.tasks import send_due_emails, send_outbox_email
from knutepunkt.tenancy.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def review_notice(t: Tenant, **extra: Any) -> Notification | None:
    return notify(
        recipient=t.coordinator,
        kind=NotificationKind.REVIEW_DUE,
        params={"child": str(t.child), "date": TODAY.isoformat()},
        family=t.family,
        link=reverse("people:child_detail", args=[t.child.pk]),
        **extra,
    )


def test_a_notice_is_emailed_at_once_without_the_childs_name(
    tenants: tuple[Tenant, Tenant], django_capture_on_commit_callbacks: Any
) -> None:
    here, _ = tenants
    with django_capture_on_commit_callbacks(execute=True):
        notification = review_notice(here)
    assert notification is not None
    (sent,) = mail.outbox
    assert sent.to == [here.coordinator.email]
    assert not mentions(f"{sent.subject} {sent.body}", here.child.given_name)
    assert OutboxEmail.objects.get().status == OutboxStatus.SENT


def test_the_same_reminder_key_is_given_only_once(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    assert review_notice(here, dedupe_key="review:1") is not None
    assert review_notice(here, dedupe_key="review:1") is None
    assert Notification.objects.filter(recipient=here.coordinator).count() == 1
    assert OutboxEmail.objects.count() == 1


def test_a_failed_email_stays_in_the_outbox_and_is_sent_later(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    review_notice(here)
    email = OutboxEmail.objects.get()
    now = timezone.now()
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("no server")):
        assert send_outbox_email(email.pk, now=now) is False
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.PENDING, 1)
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at > now
    assert send_due_emails(now=now) == 0  # not yet due
    assert send_due_emails(now=now + datetime.timedelta(hours=1)) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboxStatus.SENT, 2)
    assert len(mail.outbox) == 1


def test_a_daily_digest_collects_the_days_notices_once(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    set_email_choice(user=here.coordinator, choice=EmailChoice.DAILY_DIGEST)
    review_notice(here)
    review_notice(here)
    assert OutboxEmail.objects.count() == 0
    assert send_digests() == 1
    assert send_digests() == 0
    digest = OutboxEmail.objects.get()
    assert digest.to == [here.coordinator.email]
    assert "2" in digest.body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_no_email_choice_keeps_notices_in_the_inbox_only(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    set_email_choice(user=here.coordinator, choice=EmailChoice.NONE)
    review_notice(here)
    assert send_digests() == 0
    assert OutboxEmail.objects.count() == 0
    assert Notification.objects.count() == 1


def test_the_inbox_shows_only_ones_own_notices_and_logs_the_reading(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    review_notice(here)
    review_notice(there)
    response = client_for(here.coordinator).get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert str(here.child) in response.content.decode()
    assert str(there.child) not in response.content.decode()
    assert AccessEvent.objects.filter(
        actor=here.coordinator, action=AccessAction.LIST, family_id=here.family.pk
    ).exists()


def test_a_coordinator_who_handed_over_no_longer_sees_the_familys_notices(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, _ = tenants
    review_notice(here)
    here.assignment.ends_on = TODAY
    here.assignment.starts_on = TODAY - datetime.timedelta(days=30)
    here.assignment.save()
    response = client_for(here.coordinator).get(reverse("notifications:inbox"))
    assert str(here.child) not in response.content.decode()


def test_opening_a_notice_marks_it_read_and_follows_its_link(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    notification = review_notice(here)
    assert notification is not None
    refused = client_for(there.coordinator).post(reverse("notifications:open", args=[notification.pk]))
    assert refused.url == reverse("notifications:inbox")  # type: ignore[attr-defined]
    response = client_for(here.coordinator).post(reverse("notifications:open", args=[notification.pk]))
    assert response.url == notification.link  # type: ignore[attr-defined]
    notification.refresh_from_db()
    assert notification.is_read


def test_the_email_choice_is_saved_from_the_settings_page(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    client = client_for(here.coordinator)
    assert client.post(reverse("notifications:settings"), {"email": "bogus"}).status_code == 400
    client.post(reverse("notifications:settings"), {"email": EmailChoice.DAILY_DIGEST})
    assert here.coordinator.notification_preference.email == EmailChoice.DAILY_DIGEST


@pytest.mark.parametrize("count", [5, 80])
def test_the_inbox_runs_a_fixed_number_of_queries(tenants: tuple[Tenant, Tenant], count: int) -> None:
    here, _ = tenants
    for _ in range(count):
        review_notice(here)
    client = client_for(here.coordinator)
    client.get(reverse("notifications:inbox"))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("notifications:inbox")).status_code == 200
    assert len(queries) == EXPECTED_INBOX_QUERIES


EXPECTED_INBOX_QUERIES = 10  # session, user, counts, the page of notices, the access log (lock, insert, head)


def test_consent_expiring_is_told_to_the_coordinator_once(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    guardian = here.family.guardians.first()
    assert guardian is not None
    give_sharing_consent(
        actor=Actor(here.coordinator),
        family_id=here.family.pk,
        unit_id=here.school.pk,
        categories=["plan"],
        given_by_id=guardian.pk,
        valid_from=TODAY,
        valid_to=TODAY + datetime.timedelta(days=30),
    )
    assert scan(today=TODAY) == 0
    later = TODAY + datetime.timedelta(days=20)
    assert scan(today=later) == 1
    assert scan(today=later) == 0
    (notice,) = Notification.objects.all()
    assert (notice.recipient, notice.kind) == (here.coordinator, NotificationKind.CONSENT_EXPIRING)
    assert not Notification.objects.filter(recipient=there.coordinator).exists()


def test_the_reminder_and_the_coordinators_list_agree_on_what_is_running_out(tenant: Tenant) -> None:
    # One definition of "running out" (consent.selectors): the reminder scan tells the coordinator
    # of exactly the consents their list of consents running out shows, edges included.
    guardian = tenant.family.guardians.first()
    assert guardian is not None
    today = timezone.localdate()
    ends = {"today": 0, "last day ahead": CONSENT_EXPIRING_AHEAD.days, "a day too far": 15}
    units = {name: UnitFactory.create(municipality=tenant.municipality, name=name) for name in ends}
    for name, days in ends.items():
        give_sharing_consent(
            actor=Actor(tenant.coordinator),
            family_id=tenant.family.pk,
            unit_id=units[name].pk,
            categories=["plan"],
            given_by_id=guardian.pk,
            valid_from=today,
            valid_to=today + datetime.timedelta(days=days),
        )
    assert scan(today=today) == 2
    told = {n.params["unit"] for n in Notification.objects.filter(kind=NotificationKind.CONSENT_EXPIRING)}
    listed = consents_expiring(Actor(tenant.coordinator), within_days=CONSENT_EXPIRING_AHEAD.days)
    assert told == {c.unit.name for c in listed} == {"today", "last day ahead"}


def test_the_command_runs_the_scan(
    tenants: tuple[Tenant, Tenant], capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("send_reminders", "--today", TODAY.isoformat())
    assert "reminders given: 0" in capsys.readouterr().out
    assert run_daily(today=TODAY) == {"reminders": 0, "digests": 0, "emails": 0}
