"""Telling the other side that a message is waiting.

The e-mail carries no content, not even the subject: only that there is something to read and
where (ADR 0004). Staff are told in their language of the municipality, the family in its own.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.people.models import Role, User
from knutepunkt.portal.models import FamilyAccount, Message
from knutepunkt.tenancy.models import UnitKind


def _staff_recipients(message: Message) -> list[str]:
    thread = message.thread
    coordinators = [
        a.coordinator.email
        for a in CoordinatorAssignment.objects.active_on(timezone.localdate())
        .filter(family_id=thread.family_id)
        .select_related("coordinator")
        if a.coordinator.email
    ]
    if coordinators:
        return coordinators
    # No coordinator yet: the coordinating unit's officers read the family's messages.
    return [
        u.email
        for u in User.objects.filter(
            municipality_id=thread.municipality_id,
            role=Role.OFFICER,
            is_active=True,
            unit__kind=UnitKind.COORDINATING_UNIT,
        )
        if u.email
    ]


def _family_recipients(message: Message) -> list[str]:
    thread = message.thread
    accounts = FamilyAccount.objects.filter(family_id=thread.family_id).select_related("user", "guardian")
    if thread.child_id is not None:
        accounts = accounts.filter(child_id=thread.child_id)
    else:
        accounts = accounts.filter(guardian__isnull=False)
    return [a.user.email for a in accounts if a.user.email and a.user.is_active]


@task()
def announce_message(message_id: int) -> None:
    message = Message.objects.select_related(
        "thread", "thread__family", "thread__municipality", "author"
    ).get(pk=message_id)
    to_staff = not message.author.role
    recipients = _staff_recipients(message) if to_staff else _family_recipients(message)
    if not recipients:
        return
    language = message.thread.municipality.language if to_staff else message.thread.family.language
    with translation.override(language):
        context = {"to_staff": to_staff, "municipality": message.thread.municipality}
        subject = render_to_string("portal/email/message_subject.txt", context).strip()
        body = render_to_string("portal/email/message_body.txt", context)
    # One e-mail per person: recipients never see each other's addresses.
    for recipient in sorted(set(recipients)):
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to=[recipient]).send()
