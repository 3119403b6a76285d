"""Meetings: scheduling with invitations, moving (an update to every calendar), minutes,
decisions and action items. Changes name the version they were made from; a stale one is refused."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.consent.models import Category
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.meetings.access import get_meeting_for
from knutepunkt.meetings.ics import build_calendar
from knutepunkt.meetings.models import (
    ActionItem,
    Decision,
    Meeting,
    MeetingKind,
    MeetingParticipant,
    MeetingStatus,
    ParticipantKind,
)
from knutepunkt.notifications.models import NotificationKind
from knutepunkt.notifications.services import Attachment, notify, queue_email
from knutepunkt.people.models import User
from knutepunkt.people.selectors import purpose_for
from knutepunkt.plans.models import Measure, Plan

T = TypeVar("T")


@dataclass(frozen=True)
class OutsidePerson:
    name: str
    email: str
    role: str = ""


def _stale() -> ConflictError:
    return ConflictError(
        _(
            "Someone else changed the meeting while you were working on it. Your text is kept below: "
            "check the meeting and save again."
        ),
        code="stale_meeting",
    )


def _log(actor: Actor, meeting: Meeting) -> None:
    record_access(
        actor=actor,
        family=meeting.family,
        obj=meeting,
        child=meeting.child,
        action=AccessAction.CHANGE,
        purpose=purpose_for(actor.user),
    )


def _change(actor: Actor, meeting_id: int, expected_version: int, apply: Callable[[Meeting], T]) -> T:
    with transaction.atomic():
        get_meeting_for(actor.user, meeting_id, for_write=True)
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("family", "child", "municipality", "organiser")
            .get(pk=meeting_id)
        )
        if meeting.version != expected_version:
            raise _stale()
        result = apply(meeting)
        meeting.version += 1
        meeting.save(update_fields=["version"])
        _log(actor, meeting)
    return result


def _when(meeting: Meeting) -> dict[str, str]:
    local = timezone.localtime(meeting.starts_at)
    return {"title": meeting.title, "date": local.date().isoformat(), "time": local.strftime("%H:%M")}


def _send_calendar(
    meeting: Meeting, participants: Sequence[MeetingParticipant], *, cancel: bool = False
) -> None:
    """E-mail each participant with an address the calendar file (after commit, through the outbox).
    The e-mail says when and where, never what about: it may go outside the services."""
    everyone = list(meeting.participants.all())
    method = "CANCEL" if cancel else "REQUEST"
    for participant in participants:
        if not participant.email:
            continue
        # The family reads in its own language; staff and outside people in the municipality's.
        family = participant.kind == ParticipantKind.FAMILY
        language = meeting.family.language if family else meeting.municipality.language
        with translation.override(language):
            ics = build_calendar(meeting, everyone, language=language, cancel=cancel)
            context = {
                "meeting": meeting,
                "participant": participant,
                "starts": timezone.localtime(meeting.starts_at),
                "ends": timezone.localtime(meeting.ends_at),
                "cancel": cancel,
                "update": meeting.sequence > 0,
            }
            subject = render_to_string("meetings/email/invitation_subject.txt", context).strip()
            body = render_to_string("meetings/email/invitation_body.txt", context)
        queue_email(
            to=[participant.email],
            subject=subject,
            body=body,
            attachments=[
                Attachment(
                    "invitation.ics",
                    ics.decode("utf-8"),
                    f"text/calendar; method={method}",
                )
            ],
            municipality_id=meeting.municipality_id,
            dedupe_key=f"meeting:{meeting.uid}:{meeting.sequence}:{method}:{participant.pk}",
        )


def remind_by_email(meeting: Meeting, participants: Sequence[MeetingParticipant], *, key: str) -> None:
    """The day before: an e-mail with the time and place to those invited who do not sign in."""
    for participant in participants:
        family = participant.kind == ParticipantKind.FAMILY
        with translation.override(meeting.family.language if family else meeting.municipality.language):
            context = {
                "meeting": meeting,
                "starts": timezone.localtime(meeting.starts_at),
                "ends": timezone.localtime(meeting.ends_at),
            }
            subject = render_to_string("meetings/email/reminder_subject.txt", context).strip()
            body = render_to_string("meetings/email/reminder_body.txt", context)
        queue_email(
            to=[participant.email],
            subject=subject,
            body=body,
            municipality_id=meeting.municipality_id,
            dedupe_key=f"{key}:{participant.pk}",
        )


def _notify_users(
    meeting: Meeting, participants: Sequence[MeetingParticipant], kind: NotificationKind, *, actor: Actor
) -> None:
    """A notice to each participant who signs in, except the person making the change."""
    for participant in participants:
        if participant.user is not None and participant.user != actor.user:
            notify(
                recipient=participant.user,
                kind=kind,
                params=_when(meeting),
                family=meeting.family,
                link=reverse("meetings:detail", args=[meeting.pk]),
            )


def _participants(
    meeting: Meeting,
    *,
    staff_ids: Sequence[int],
    guardian_ids: Sequence[int],
    outside: Sequence[OutsidePerson],
) -> list[MeetingParticipant]:
    rows: list[MeetingParticipant] = []
    known = {(p.kind, p.user_id, p.guardian_id, p.email.lower()) for p in meeting.participants.all()}
    staff = User.objects.filter(
        municipality_id=meeting.municipality_id, pk__in=staff_ids, is_active=True
    ).exclude(role="")
    if len(set(staff_ids)) != staff.count():
        raise ValidationError({"staff": _("Choose staff of this municipality.")})
    guardians = meeting.family.guardians.filter(pk__in=guardian_ids)
    if len(set(guardian_ids)) != guardians.count():
        raise ValidationError({"guardians": _("Choose guardians of this family.")})
    for user in staff:
        rows.append(
            MeetingParticipant(
                kind=ParticipantKind.STAFF,
                user=user,
                name=user.get_full_name() or user.username,
                email=user.email,
                role=user.unit.name if user.unit else "",
            )
        )
    for guardian in guardians:
        rows.append(
            MeetingParticipant(
                kind=ParticipantKind.FAMILY,
                guardian=guardian,
                user=guardian.user,
                name=str(guardian),
                email=guardian.email,
                role=guardian.get_relation_display(),
            )
        )
    for person in outside:
        rows.append(
            MeetingParticipant(
                kind=ParticipantKind.OUTSIDE,
                name=person.name.strip(),
                email=person.email.strip(),
                role=person.role.strip(),
            )
        )
    new = []
    for row in rows:
        row.municipality_id = meeting.municipality_id
        row.meeting = meeting
        if (row.kind, row.user_id, row.guardian_id, row.email.lower()) in known:
            continue
        row.full_clean()
        new.append(row)
    MeetingParticipant.objects.bulk_create(new)
    return new


def schedule_meeting(
    *,
    actor: Actor,
    child_id: int,
    kind: MeetingKind | str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    agenda: str = "",
    staff_ids: Sequence[int] = (),
    guardian_ids: Sequence[int] = (),
    outside: Sequence[OutsidePerson] = (),
) -> Meeting:
    """Call a meeting about a child and invite its participants (e-mail with a calendar file, and
    a notice in the inbox of those who sign in)."""
    child = get_child_for(actor.user, child_id, for_write=True)
    if starts_at < timezone.now() - datetime.timedelta(minutes=5):
        raise ValidationError({"starts_at": _("The meeting would start in the past.")})
    meeting = Meeting(
        municipality_id=child.municipality_id,
        family=child.family,
        child=child,
        plan=Plan.objects.filter(child=child).first(),
        kind=str(kind),
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        agenda=agenda.strip(),
        organiser=actor.user,
    )
    meeting.full_clean()
    with transaction.atomic():
        meeting.save()
        participants = _participants(meeting, staff_ids=staff_ids, guardian_ids=guardian_ids, outside=outside)
        _send_calendar(meeting, participants)
        _notify_users(meeting, participants, NotificationKind.MEETING_INVITATION, actor=actor)
        _log(actor, meeting)
    return meeting


def invite(
    *,
    actor: Actor,
    meeting_id: int,
    expected_version: int,
    staff_ids: Sequence[int] = (),
    guardian_ids: Sequence[int] = (),
    outside: Sequence[OutsidePerson] = (),
) -> list[MeetingParticipant]:
    def apply(meeting: Meeting) -> list[MeetingParticipant]:
        if meeting.status != MeetingStatus.SCHEDULED:
            raise DomainError(_("Only a meeting still to come takes new participants."), code="not_scheduled")
        new = _participants(meeting, staff_ids=staff_ids, guardian_ids=guardian_ids, outside=outside)
        _send_calendar(meeting, new)
        _notify_users(meeting, new, NotificationKind.MEETING_INVITATION, actor=actor)
        return new

    return _change(actor, meeting_id, expected_version, apply)


def move_meeting(
    *,
    actor: Actor,
    meeting_id: int,
    expected_version: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str,
) -> Meeting:
    """Move the meeting: every participant's calendar gets an update (same UID, SEQUENCE + 1)."""

    def apply(meeting: Meeting) -> Meeting:
        if meeting.status != MeetingStatus.SCHEDULED:
            raise DomainError(_("Only a meeting still to come can be moved."), code="not_scheduled")
        meeting.starts_at, meeting.ends_at, meeting.location = starts_at, ends_at, location.strip()
        meeting.sequence += 1
        meeting.full_clean()
        meeting.save(update_fields=["starts_at", "ends_at", "location", "sequence"])
        participants = list(meeting.participants.select_related("user"))
        _send_calendar(meeting, participants)
        _notify_users(meeting, participants, NotificationKind.MEETING_MOVED, actor=actor)
        return meeting

    return _change(actor, meeting_id, expected_version, apply)


def cancel_meeting(*, actor: Actor, meeting_id: int, expected_version: int) -> Meeting:
    def apply(meeting: Meeting) -> Meeting:
        if meeting.status != MeetingStatus.SCHEDULED:
            raise DomainError(_("Only a meeting still to come can be cancelled."), code="not_scheduled")
        meeting.status = MeetingStatus.CANCELLED
        meeting.sequence += 1
        meeting.save(update_fields=["status", "sequence"])
        _send_calendar(meeting, list(meeting.participants.all()), cancel=True)
        return meeting

    return _change(actor, meeting_id, expected_version, apply)


def record_minutes(*, actor: Actor, meeting_id: int, expected_version: int, minutes: str) -> Meeting:
    """Write the minutes; the meeting counts as held. Staff participants who may read them are told."""

    def apply(meeting: Meeting) -> Meeting:
        if meeting.status == MeetingStatus.CANCELLED:
            raise DomainError(_("A cancelled meeting has no minutes."), code="cancelled")
        if meeting.starts_at > timezone.now():
            raise ValidationError({"minutes": _("The meeting has not started yet.")})
        if not minutes.strip():
            raise ValidationError({"minutes": _("Write the minutes.")})
        first_time = not meeting.minutes
        meeting.minutes, meeting.status, meeting.minutes_written_at = (
            minutes.strip(),
            MeetingStatus.HELD,
            timezone.now(),
        )
        meeting.save(update_fields=["minutes", "status", "minutes_written_at"])
        if first_time:
            readers = [
                p
                for p in meeting.participants.select_related("user", "user__municipality", "user__unit")
                if p.user is not None and p.user != actor.user and may_read(p.user, meeting)
            ]
            for participant in readers:
                assert participant.user is not None
                notify(
                    recipient=participant.user,
                    kind=NotificationKind.MINUTES_READY,
                    params={"title": meeting.title},
                    family=meeting.family,
                    link=reverse("meetings:detail", args=[meeting.pk]),
                )
        return meeting

    return _change(actor, meeting_id, expected_version, apply)


def may_read(user: User, meeting: Meeting) -> bool:
    """Staff see minutes through the policy (a service contact only with consent to "meetings");
    a family member with a sign-in reads the family's own minutes in the portal."""
    if not user.role:
        return meeting.family.guardians.filter(user=user).exists()
    try:
        get_meeting_for(user, meeting.pk)
    except Http404:
        return False
    return True


def add_decision(
    *,
    actor: Actor,
    meeting_id: int,
    expected_version: int,
    text: str,
    category: Category | str = Category.MEETINGS,
) -> Decision:
    def apply(meeting: Meeting) -> Decision:
        decision = Decision(
            municipality_id=meeting.municipality_id,
            meeting=meeting,
            text=text.strip(),
            category=str(category),
        )
        decision.full_clean()
        decision.save()
        return decision

    return _change(actor, meeting_id, expected_version, apply)


def add_action_item(
    *,
    actor: Actor,
    meeting_id: int,
    expected_version: int,
    text: str,
    due_on: datetime.date,
    owner_id: int | None = None,
    owner_name: str = "",
    measure_id: int | None = None,
    category: Category | str = Category.MEETINGS,
) -> ActionItem:
    """An action item: tied to a measure of the child's plan, or standing alone with its owner
    and due date. An owner who signs in is told in the inbox."""

    def apply(meeting: Meeting) -> ActionItem:
        owner = None
        if owner_id is not None:
            owner = (
                User.objects.filter(municipality_id=meeting.municipality_id, pk=owner_id)
                .exclude(role="")
                .first()
            )
            if owner is None:
                raise ValidationError({"owner": _("Choose staff of this municipality.")})
        measure = None
        if measure_id is not None:
            measure = Measure.objects.filter(plan__child_id=meeting.child_id, pk=measure_id).first()
            if measure is None:
                raise ValidationError({"measure": _("Choose a measure of the child's plan.")})
        name = owner_name.strip() or (owner.get_full_name() if owner else "")
        if not name:
            raise ValidationError({"owner_name": _("Say who does it.")})
        item = ActionItem(
            municipality_id=meeting.municipality_id,
            meeting=meeting,
            text=text.strip(),
            due_on=due_on,
            owner=owner,
            owner_name=name,
            measure=measure,
            category=str(category),
        )
        item.full_clean()
        item.save()
        if owner is not None and owner != actor.user:
            notify(
                recipient=owner,
                kind=NotificationKind.ACTION_ASSIGNED,
                params={"date": due_on.isoformat(), "text": item.text[:120]},
                family=meeting.family,
                link=reverse("meetings:detail", args=[meeting.pk]),
            )
        return item

    return _change(actor, meeting_id, expected_version, apply)


def complete_action_item(*, actor: Actor, meeting_id: int, expected_version: int, item_id: int) -> ActionItem:
    def apply(meeting: Meeting) -> ActionItem:
        item = meeting.action_items.filter(pk=item_id).first()
        if item is None:
            raise Http404
        item.done_on = timezone.localdate()
        item.save(update_fields=["done_on"])
        return item

    return _change(actor, meeting_id, expected_version, apply)
