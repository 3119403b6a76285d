"""Reads of meetings, through ``get_meeting_for`` (the policy), each logged.

Minutes reach each reader only as far as the family's consent allows: a service contact sees the
meeting only with consent to "meetings", and of its decisions and action items only those whose
category the family shares with the contact's service. The rest is counted, not shown.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.helpers import get_child_for
from knutepunkt.access.policy import ALL_CATEGORIES, ROLES_THAT_CHANGE_CASES, shared_categories
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access, record_refused_attempt
from knutepunkt.consent.models import Category
from knutepunkt.meetings.access import get_meeting_for
from knutepunkt.meetings.models import ActionItem, Decision, Meeting, MeetingParticipant, MeetingStatus
from knutepunkt.people.models import Child
from knutepunkt.people.selectors import purpose_for


@dataclass(frozen=True)
class MeetingPage:
    meeting: Meeting
    participants: list[MeetingParticipant]
    decisions: list[Decision]
    action_items: list[ActionItem]
    hidden: int  # decisions and action items the family does not share with this reader
    categories: frozenset[str]
    can_edit: bool
    today: datetime.date

    @property
    def is_limited(self) -> bool:
        return self.categories != ALL_CATEGORIES

    @property
    def is_upcoming(self) -> bool:
        return self.meeting.status == MeetingStatus.SCHEDULED and self.meeting.ends_at > timezone.now()


def _meeting(actor: Actor, meeting_id: int, *, for_write: bool = False) -> Meeting:
    try:
        return get_meeting_for(actor.user, meeting_id, for_write=for_write)
    except Http404:
        record_refused_attempt(
            actor=actor, model=Meeting, object_id=meeting_id, purpose=purpose_for(actor.user)
        )
        raise


def _log(actor: Actor, meeting: Meeting, action: AccessAction = AccessAction.VIEW) -> None:
    record_access(
        actor=actor,
        family=meeting.family,
        obj=meeting,
        child=meeting.child,
        action=action,
        purpose=purpose_for(actor.user),
    )


def meeting_page(*, actor: Actor, meeting_id: int) -> MeetingPage:
    meeting = _meeting(actor, meeting_id)
    categories = shared_categories(actor.user, meeting.family)
    decisions = list(meeting.decisions.all())
    items = list(meeting.action_items.select_related("measure", "owner"))
    shown_decisions = [d for d in decisions if d.category in categories]
    shown_items = [i for i in items if i.category in categories]
    _log(actor, meeting)
    return MeetingPage(
        meeting=meeting,
        participants=list(meeting.participants.all()),
        decisions=shown_decisions,
        action_items=shown_items,
        hidden=len(decisions) - len(shown_decisions) + len(items) - len(shown_items),
        categories=categories,
        can_edit=actor.user.role in ROLES_THAT_CHANGE_CASES,
        today=timezone.localdate(),
    )


def meeting_for_editing(*, actor: Actor, meeting_id: int) -> Meeting:
    meeting = _meeting(actor, meeting_id, for_write=True)
    _log(actor, meeting)
    return meeting


def meeting_for_calendar(*, actor: Actor, meeting_id: int) -> tuple[Meeting, list[MeetingParticipant]]:
    meeting = _meeting(actor, meeting_id)
    _log(actor, meeting, AccessAction.EXPORT)
    return meeting, list(meeting.participants.all())


@dataclass(frozen=True)
class ChildMeetings:
    child: Child
    upcoming: list[Meeting]
    past: list[Meeting]
    can_edit: bool


def meetings_for_child(*, actor: Actor, child_id: int) -> ChildMeetings:
    try:
        child = get_child_for(actor.user, child_id)
    except Http404:
        record_refused_attempt(actor=actor, model=Child, object_id=child_id, purpose=purpose_for(actor.user))
        raise
    if Category.MEETINGS not in shared_categories(actor.user, child.family):
        raise Http404
    now = timezone.now()
    meetings = list(Meeting.objects.filter(child=child).order_by("starts_at", "pk"))
    record_access(
        actor=actor,
        family=child.family,
        obj=child,
        child=child,
        action=AccessAction.LIST,
        purpose=purpose_for(actor.user),
    )
    upcoming = [m for m in meetings if m.status == MeetingStatus.SCHEDULED and m.ends_at >= now]
    return ChildMeetings(
        child=child,
        upcoming=upcoming,
        past=[m for m in reversed(meetings) if m not in upcoming],
        can_edit=actor.user.role in ROLES_THAT_CHANGE_CASES,
    )
