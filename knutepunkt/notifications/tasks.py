"""Background work for notifications: sending the outbox, and the daily reminder scan.

A send that fails is never lost: the row stays pending with its attempts counted and a later
``next_attempt_at``; the task re-enqueues itself for that time where the backend can defer, and
the scan (``manage.py send_reminders``) picks up every pending e-mail that is due in any case.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from knutepunkt.notifications.models import OutboxEmail, OutboxStatus

logger = logging.getLogger(__name__)

MAX_BACKOFF = datetime.timedelta(hours=6)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after each failure, at most six hours apart."""
    return min(datetime.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def send_outbox_email(email_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Try one pending e-mail once; True when the mail server took it."""
    now = now or timezone.now()
    with transaction.atomic():
        email = OutboxEmail.objects.select_for_update(of=("self",)).filter(pk=email_id).first()
        if email is None or email.status == OutboxStatus.SENT:
            return email is not None
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, to=email.to)
        for attachment in email.attachments:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # any transport failure: keep the row, try again later
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            email.next_attempt_at = now + backoff(email.attempts)
            email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning(
                "e-mail %s not sent (attempt %s): %s", email.pk, email.attempts, type(error).__name__
            )
            sent = False
        else:
            email.status = OutboxStatus.SENT
            email.sent_at = now
            email.last_error = ""
            email.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            sent = True
    if not sent and default_task_backend.supports_defer:
        deliver_email.using(run_after=email.next_attempt_at).enqueue(email.pk)
    return sent


@task()
def deliver_email(email_id: int) -> bool:
    return send_outbox_email(email_id)


def send_due_emails(*, now: datetime.datetime | None = None) -> int:
    """Send every pending e-mail whose next attempt is due; how many went out."""
    now = now or timezone.now()
    due = OutboxEmail.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)
    return sum(send_outbox_email(pk, now=now) for pk in due.order_by("pk").values_list("pk", flat=True))


@task()
def run_reminder_scan(today: str | None = None) -> dict[str, int]:
    """The daily scan: reminders, digests, and any e-mail still waiting. ``today`` is ISO text
    (a task's arguments must be JSON); without it, today."""
    from knutepunkt.notifications.reminders import run_daily

    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return run_daily(today=day)
