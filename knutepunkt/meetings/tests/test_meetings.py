"""Meetings: invitations with calendar files, moves that update calendars, minutes that reach each
participant only as far as the family's consent allows, action items."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant, client_for, mentions
from knutepunkt.consent.services import give_sharing_consent
from knutepunkt.core.errors import ConflictError
from knutepunkt.meetings import selectors, services
from knutepunkt.meetings.models import Meeting, MeetingStatus
from knutepunkt.meetings.tests.factories import at, hold, make_meeting
from knutepunkt.notifications.models import Notification, NotificationKind, OutboxEmail
from knutepunkt.plans.tests.factories import TODAY, make_plan

pytestmark = pytest.mark.django_db


def calendars(recipient: str) -> list[Calendar]:
    found: list[Calendar] = []
    for email in OutboxEmail.objects.order_by("pk"):
        if recipient in email.to:
            found.extend(Calendar.from_ical(a["content"]) for a in email.attachments)
    return found


def event_of(calendar: Calendar) -> Any:
    (event,) = calendar.walk("VEVENT")
    return event


def consent(t: Tenant, categories: list[str]) -> None:
    guardian = t.family.guardians.first()
    assert guardian is not None
    give_sharing_consent(
        actor=Actor(t.coordinator),
        family_id=t.family.pk,
        unit_id=t.school.pk,
        categories=categories,
        given_by_id=guardian.pk,
        valid_from=TODAY,
    )


def test_everyone_invited_by_email_gets_a_calendar_file(
    tenants: tuple[Tenant, Tenant], django_capture_on_commit_callbacks: Any
) -> None:
    here, _ = tenants
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting(here)
    (calendar,) = calendars("berg@example.invalid")
    event = event_of(calendar)
    assert str(calendar["method"]) == "REQUEST"
    assert str(event["uid"]) == f"{meeting.uid}@knutepunkt"
    assert int(event["sequence"]) == 0
    assert event.decoded("dtstart") == meeting.starts_at
    assert not mentions(str(event["summary"]), here.child.given_name)
    assert {str(a) for a in event.get("attendee")} >= {"mailto:berg@example.invalid"}
    assert any(m.to == ["berg@example.invalid"] for m in mail.outbox)
    assert Notification.objects.filter(
        recipient=here.service_contact, kind=NotificationKind.MEETING_INVITATION
    ).exists()


def test_a_move_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, _ = tenants
    meeting = make_meeting(here)
    services.move_meeting(
        actor=Actor(here.coordinator),
        meeting_id=meeting.pk,
        expected_version=meeting.version,
        starts_at=at(8, 13),
        ends_at=at(8, 14),
        location="School",
    )
    first, update = calendars("berg@example.invalid")
    assert str(event_of(update)["uid"]) == str(event_of(first)["uid"])
    assert int(event_of(update)["sequence"]) == 1
    assert event_of(update).decoded("dtstart") == at(8, 13)
    with pytest.raises(ConflictError):
        services.move_meeting(
            actor=Actor(here.coordinator),
            meeting_id=meeting.pk,
            expected_version=meeting.version,
            starts_at=at(9),
            ends_at=at(9, 11),
            location="",
        )


def test_a_cancellation_removes_the_event(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    meeting = make_meeting(here)
    services.cancel_meeting(
        actor=Actor(here.coordinator), meeting_id=meeting.pk, expected_version=meeting.version
    )
    cancel = calendars("berg@example.invalid")[-1]
    assert str(cancel["method"]) == "CANCEL"
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED


def test_minutes_reach_each_participant_only_as_far_as_consent_allows(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    meeting = hold(make_meeting(here))
    actor = Actor(here.coordinator)
    meeting = services.record_minutes(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=meeting.version,
        minutes="We talked about school.",
    )
    services.add_decision(
        actor=actor, meeting_id=meeting.pk, expected_version=meeting.version, text="School bus"
    )
    services.add_decision(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=meeting.version + 1,
        text="New medication from March",
        category="health",
    )
    # Without consent to "meetings" the school's contact sees nothing, and is not told of the minutes.
    with pytest.raises(Http404):
        selectors.meeting_page(actor=Actor(here.service_contact), meeting_id=meeting.pk)
    assert not Notification.objects.filter(
        recipient=here.service_contact, kind=NotificationKind.MINUTES_READY
    ).exists()
    consent(here, ["meetings"])
    page = selectors.meeting_page(actor=Actor(here.service_contact), meeting_id=meeting.pk)
    assert [d.text for d in page.decisions] == ["School bus"]
    assert page.hidden == 1
    full = selectors.meeting_page(actor=Actor(here.coordinator), meeting_id=meeting.pk)
    assert len(full.decisions) == 2


def test_an_action_item_links_to_a_measure_or_stands_alone(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    plan = make_plan(here)
    measure = plan.measures.first()
    other_measure = make_plan(there).measures.first()
    assert measure is not None
    assert other_measure is not None
    meeting = hold(make_meeting(here))
    actor = Actor(here.coordinator)
    linked = services.add_action_item(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=meeting.version,
        text="Order the bus",
        due_on=TODAY,
        owner_id=here.officer.pk,
        measure_id=measure.pk,
    )
    alone = services.add_action_item(
        actor=actor,
        meeting_id=meeting.pk,
        expected_version=meeting.version + 1,
        text="Call the GP",
        due_on=TODAY,
        owner_name="The mother",
    )
    assert (linked.measure, linked.owner_name) == (measure, here.officer.get_full_name())
    assert (alone.measure, alone.owner) == (None, None)
    assert Notification.objects.filter(recipient=here.officer, kind=NotificationKind.ACTION_ASSIGNED).exists()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.add_action_item(
            actor=actor,
            meeting_id=meeting.pk,
            expected_version=meeting.version + 2,
            text="x",
            due_on=TODAY,
            owner_name="x",
            measure_id=other_measure.pk,
        )


def test_the_calendar_file_downloads_and_parses(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    meeting = make_meeting(here)
    response = client_for(here.coordinator).get(reverse("meetings:ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert str(event_of(Calendar.from_ical(response.content))["uid"]) == f"{meeting.uid}@knutepunkt"
    assert client_for(there.coordinator).get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_a_meeting_is_scheduled_from_the_page(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    client = client_for(here.coordinator)
    url = reverse("meetings:schedule", args=[here.child.pk])
    assert client.get(url).status_code == 200
    day = at(3).date().isoformat()
    form = {
        "kind": "responsibility_group",
        "title": "First meeting",
        "date": day,
        "start_time": "09:00",
        "end_time": "10:00",
        "staff": [here.coordinator.pk],
        "outside": "not an address",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Line 1" in refused.content.decode()
    done = client.post(url, form | {"outside": "Dr. Berg <berg@example.invalid>"})
    meeting = Meeting.objects.get()
    assert done.url == reverse("meetings:detail", args=[meeting.pk])  # type: ignore[attr-defined]
    assert meeting.participants.count() == 2


@pytest.mark.parametrize("size", [3, 30])
def test_the_meeting_page_runs_a_fixed_number_of_queries(tenants: tuple[Tenant, Tenant], size: int) -> None:
    here, _ = tenants
    make_plan(here)
    meeting = hold(make_meeting(here))
    actor = Actor(here.coordinator)
    version = meeting.version
    for n in range(size):
        services.add_decision(actor=actor, meeting_id=meeting.pk, expected_version=version, text=f"D{n}")
        services.add_action_item(
            actor=actor,
            meeting_id=meeting.pk,
            expected_version=version + 1,
            text=f"A{n}",
            due_on=TODAY,
            owner_name="X",
        )
        version += 2
    client = client_for(here.coordinator)
    url = reverse("meetings:detail", args=[meeting.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) == MEETING_PAGE_QUERIES


MEETING_PAGE_QUERIES = 11  # session, user, meeting, consent check, parts of it, access log


def test_every_form_page_opens(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    meeting = make_meeting(here)
    client = client_for(here.coordinator)
    for name in ("move", "cancel", "invite", "minutes", "decision_new", "action_new"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 200, name
    assert client.get(reverse("meetings:for_child", args=[here.child.pk])).status_code == 200
    assert client_for(here.leader).get(reverse("meetings:move", args=[meeting.pk])).status_code == 404
