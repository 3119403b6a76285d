"""Notices to people, and e-mails that are never lost.

``notify`` is what other apps call: it puts a notice in one person's inbox and, as that person
chose, e-mails them at once or in the day's digest. ``queue_email`` stores an e-mail in the outbox
and hands it to a task after the transaction commits; the task retries until the mail server has
taken it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from knutepunkt.notifications.models import (
    EmailChoice,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboxEmail,
)
from knutepunkt.notifications.texts import email_subject
from knutepunkt.people.models import Family, User


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: str
    mimetype: str


def language_for(user: User) -> str:
    """Staff read in their municipality's language; a family member in the family's."""
    guardian = user.guardianships.select_related("family").first() if not user.role else None
    if guardian is not None:
        return guardian.family.language
    if user.municipality is not None:
        return user.municipality.language
    return "nb"


def email_choice_of(user: User) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email if preference else EmailChoice.IMMEDIATELY


def queue_email(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    municipality_id: int | None = None,
    dedupe_key: str = "",
) -> OutboxEmail | None:
    """Keep the e-mail in the outbox and send it once the caller's transaction commits.

    With a ``dedupe_key`` already used, nothing is queued and ``None`` comes back.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return None
    email = OutboxEmail(
        municipality_id=municipality_id,
        to=recipients,
        subject=subject[:300],
        body=body,
        attachments=[
            {"filename": a.filename, "content": a.content, "mimetype": a.mimetype} for a in attachments
        ],
        dedupe_key=dedupe_key,
    )
    email.full_clean(validate_constraints=False)  # a used dedupe key is answered below, not an error
    try:
        with transaction.atomic():
            email.save()
    except IntegrityError:
        if dedupe_key and OutboxEmail.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    from knutepunkt.notifications.tasks import deliver_email

    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def notify(
    *,
    recipient: User,
    kind: NotificationKind | str,
    params: Mapping[str, str] | None = None,
    link: str = "",
    family: Family | None = None,
    dedupe_key: str = "",
) -> Notification | None:
    """Put a notice in ``recipient``'s inbox and e-mail them as they chose.

    ``params`` fill in the kind's text (``texts.TITLES``); a ``date`` is ISO text. With a
    ``dedupe_key`` the same notice is never given twice to one person: the second call returns
    ``None``. Inactive users and users of no municipality get nothing.
    """
    municipality_id = recipient.municipality_id or (family.municipality_id if family else None)
    if not recipient.is_active or municipality_id is None:
        return None
    notification = Notification(
        municipality_id=municipality_id,
        recipient=recipient,
        kind=str(kind),
        params={key: str(value) for key, value in (params or {}).items()},
        link=link,
        family=family,
        dedupe_key=dedupe_key,
    )
    notification.full_clean(validate_constraints=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            if (
                dedupe_key
                and Notification.objects.filter(recipient=recipient, dedupe_key=dedupe_key).exists()
            ):
                return None
            raise
        if recipient.email and email_choice_of(recipient) == EmailChoice.IMMEDIATELY:
            with translation.override(language_for(recipient)):
                subject = email_subject(notification.kind)
                body = render_to_string(
                    "notifications/email/notice_body.txt",
                    {"recipient": recipient, "kind": NotificationKind(notification.kind).label},
                )
            queue_email(to=[recipient.email], subject=subject, body=body, municipality_id=municipality_id)
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
    return notification


def mark_read(*, user: User, notification_id: int) -> Notification | None:
    """Mark one of the user's own notices read; someone else's notice is as if missing."""
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def set_email_choice(*, user: User, choice: EmailChoice | str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.email = str(choice)
    preference.full_clean()
    preference.save()
    return preference


def send_digests(*, now: datetime.datetime | None = None) -> int:
    """One e-mail per person who chose the daily digest and has notices not yet e-mailed.

    Safe to run more than once a day: a digest is keyed by person and day (a second run that day
    leaves new notices for tomorrow's), and the notices it covers are marked e-mailed in the same
    transaction.
    """
    now = now or timezone.now()
    day = timezone.localdate(now)
    sent = 0
    users = User.objects.filter(
        is_active=True,
        notification_preference__email=EmailChoice.DAILY_DIGEST,
        notifications__emailed_at__isnull=True,
        notifications__created_at__lte=now,
    ).distinct()
    for user in users:
        key = f"digest:{user.pk}:{day.isoformat()}"
        if not user.email or OutboxEmail.objects.filter(dedupe_key=key).exists():
            continue  # today's digest went out already: what came after waits for tomorrow's
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update(of=("self",)).filter(
                    recipient=user, emailed_at__isnull=True, created_at__lte=now
                )
            )
            if not waiting:
                continue
            counts: dict[str, int] = {}
            for notification in waiting:
                counts[notification.kind] = counts.get(notification.kind, 0) + 1
            with translation.override(language_for(user)):
                lines = [
                    (str(NotificationKind(kind).label), count)
                    for kind, count in sorted(counts.items())
                    if kind in NotificationKind.values
                ]
                subject = str(translation.gettext("Knutepunkt: your notices of the day"))
                body = render_to_string(
                    "notifications/email/digest_body.txt",
                    {"recipient": user, "lines": lines, "total": len(waiting)},
                )
            queued = queue_email(
                to=[user.email],
                subject=subject,
                body=body,
                municipality_id=user.municipality_id,
                dedupe_key=key,
            )
            Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(emailed_at=now)
            sent += queued is not None
    return sent
