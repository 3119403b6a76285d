"""Calendar files (RFC 5545, built with ``icalendar``) for meeting invitations.

One UID for the meeting's whole life; SEQUENCE goes up with every move, so a calendar replaces
the event it has instead of adding a second one; a cancellation is METHOD:CANCEL with the same
UID. The summary names the kind of meeting and the municipality, never the child: the file goes
by ordinary e-mail, also to people outside the services.
"""

from __future__ import annotations

import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from icalendar import Calendar, Event, vCalAddress, vText

from knutepunkt.meetings.models import Meeting, MeetingParticipant, MeetingStatus

PRODID = "-//Knutepunkt//Meetings//NO"


def summary_of(meeting: Meeting) -> str:
    return f"{meeting.get_kind_display()} – {meeting.municipality.name}"


def build_calendar(
    meeting: Meeting, participants: list[MeetingParticipant], *, language: str, cancel: bool = False
) -> bytes:
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("method", "CANCEL" if cancel else "REQUEST")
        event = Event()
        event.add("uid", f"{meeting.uid}@knutepunkt")
        event.add("sequence", meeting.sequence)
        event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
        event.add("dtstart", meeting.starts_at.astimezone(datetime.UTC))
        event.add("dtend", meeting.ends_at.astimezone(datetime.UTC))
        event.add("summary", summary_of(meeting))
        if meeting.location:
            event.add("location", meeting.location)
        event.add(
            "description",
            translation.gettext(
                "The agenda and the minutes are in Knutepunkt. Ask the coordinator if you need them."
            ),
        )
        event.add(
            "status", "CANCELLED" if cancel or meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
        )
        organiser_name, organiser_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        organiser = vCalAddress(f"mailto:{organiser_address}")
        organiser.params["cn"] = vText(organiser_name or "Knutepunkt")
        event.add("organizer", organiser)
        for participant in participants:
            if not participant.email:
                continue
            attendee = vCalAddress(f"mailto:{participant.email}")
            attendee.params["cn"] = vText(participant.name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            event.add("attendee", attendee, encode=False)
        calendar.add_component(event)
        return calendar.to_ical()  # type: ignore[no-any-return]
