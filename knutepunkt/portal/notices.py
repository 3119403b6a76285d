"""Telling the other side that a message is waiting, through the notifications app.

The coordinator gets a notice in their inbox (``notify``), e-mailed as they chose. The family has
no inbox: each family member with an e-mail address gets an e-mail from the outbox saying only
that there is something to read and where (ADR 0004), in the family's language.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from knutepunkt.notifications.models import NotificationKind
from knutepunkt.notifications.reminders import coordinators_by_family
from knutepunkt.notifications.services import notify, queue_email
from knutepunkt.people.models import Role, User
from knutepunkt.portal.models import FamilyAccount, Message
from knutepunkt.tenancy.models import UnitKind


def _staff_recipients(message: Message) -> list[User]:
    thread = message.thread
    coordinators = coordinators_by_family([thread.family_id], timezone.localdate()).get(thread.family_id, [])
    if coordinators:
        return coordinators
    # No coordinator yet: the coordinating unit's officers read the family's messages.
    return list(
        User.objects.filter(
            municipality_id=thread.municipality_id,
            role=Role.OFFICER,
            is_active=True,
            unit__kind=UnitKind.COORDINATING_UNIT,
        )
    )


def _family_addresses(message: Message) -> list[str]:
    thread = message.thread
    accounts = FamilyAccount.objects.filter(family_id=thread.family_id).select_related("user")
    if thread.child_id is not None:
        accounts = accounts.filter(child_id=thread.child_id)
    else:
        accounts = accounts.filter(guardian__isnull=False)
    return sorted({a.user.email for a in accounts if a.user.email and a.user.is_active})


def announce_message(message: Message) -> None:
    """In the caller's transaction: the notices and outbox e-mails go out once it commits."""
    thread = message.thread
    if not message.author.role:
        for recipient in _staff_recipients(message):
            notify(
                recipient=recipient,
                kind=NotificationKind.MESSAGE,
                params={"family": thread.family.name},
                link=reverse("portal_staff:conversation", args=[thread.pk]),
                family=thread.family,
            )
        return
    with translation.override(thread.family.language):
        context = {"municipality": thread.municipality}
        subject = render_to_string("portal/email/message_subject.txt", context).strip()
        body = render_to_string("portal/email/message_body.txt", context)
    # One e-mail per person: recipients never see each other's addresses.
    for address in _family_addresses(message):
        queue_email(to=[address], subject=subject, body=body, municipality_id=thread.municipality_id)
