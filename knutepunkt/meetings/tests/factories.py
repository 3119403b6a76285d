from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.meetings import services
from knutepunkt.meetings.models import Meeting, MeetingKind


def at(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def make_meeting(t: Tenant, *, days: int = 7, **extra: Any) -> Meeting:
    guardian = t.family.guardians.first()
    assert guardian is not None
    params: dict[str, Any] = {
        "kind": MeetingKind.RESPONSIBILITY_GROUP,
        "title": "Responsibility group",
        "starts_at": at(days),
        "ends_at": at(days, 11),
        "location": "Town hall, room 2",
        "agenda": "1. How school is going",
        "staff_ids": [t.coordinator.pk, t.service_contact.pk],
        "guardian_ids": [guardian.pk],
        "outside": [services.OutsidePerson(name="Dr. Berg", email="berg@example.invalid")],
    }
    params.update(extra)
    return services.schedule_meeting(actor=Actor(t.coordinator), child_id=t.child.pk, **params)


def hold(meeting: Meeting, *, days_ago: int = 1) -> Meeting:
    """Move a meeting into the past without the services (which refuse past times)."""
    meeting.starts_at = at(-days_ago)
    meeting.ends_at = at(-days_ago, 11)
    meeting.save(update_fields=["starts_at", "ends_at"])
    return meeting
