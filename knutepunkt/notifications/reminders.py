"""The daily reminder scan: what is due, late or about to run out, told to whoever must act.

Each source yields ``Reminder``s with a key that names the thing and its date; ``notify`` refuses
a key a person has had before, so running the scan twice (or every hour) never repeats one. A
date that moves (a review put off, a meeting moved) makes a new key, and so a new reminder.

How far ahead each reminder comes is the municipality's practice [U], not law.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from knutepunkt.complaints.models import Complaint, ComplaintStatus
from knutepunkt.complaints.rules import DEFAULT_DAYS_TO_HANDLE
from knutepunkt.consent.selectors import expiring_consents
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.notifications.models import NotificationKind
from knutepunkt.people.models import Family, Role, User

K = NotificationKind

# [U] Lead times: the municipality's practice.
REVIEW_DUE_AHEAD = datetime.timedelta(days=14)
CONSENT_EXPIRING_AHEAD = datetime.timedelta(days=14)
COMPLAINT_DEADLINE_AHEAD = datetime.timedelta(days=5)


@dataclass(frozen=True)
class Reminder:
    recipient: User
    kind: str
    key: str
    family: Family | None = None
    params: dict[str, str] = field(default_factory=dict)
    link: str = ""


def coordinators_by_family(family_ids: Iterable[int], today: datetime.date) -> dict[int, list[User]]:
    """Who coordinates each family today: the people a family's reminders go to."""
    found: dict[int, list[User]] = {}
    assignments = (
        CoordinatorAssignment.objects.active_on(today)
        .filter(family_id__in=set(family_ids))
        .select_related("coordinator", "coordinator__municipality", "coordinator__unit")
    )
    for assignment in assignments:
        found.setdefault(assignment.family_id, []).append(assignment.coordinator)
    return found


def consent_expiring(today: datetime.date) -> Iterator[Reminder]:
    # What "running out" means is consent's to say; the scan only decides whom to tell.
    consents = list(
        expiring_consents(today=today, within_days=CONSENT_EXPIRING_AHEAD.days).select_related(
            "family", "unit"
        )
    )
    coordinators = coordinators_by_family((c.family_id for c in consents), today)
    for consent in consents:
        assert consent.valid_to is not None
        for coordinator in coordinators.get(consent.family_id, []):
            yield Reminder(
                recipient=coordinator,
                kind=K.CONSENT_EXPIRING,
                key=f"consent_expiring:{consent.pk}:{consent.valid_to.isoformat()}",
                family=consent.family,
                params={
                    "family": consent.family.name,
                    "unit": consent.unit.name,
                    "date": consent.valid_to.isoformat(),
                },
            )


def complaint_deadline(today: datetime.date) -> Iterator[Reminder]:
    """The municipality's own time to handle a complaint (complaints.rules), told to its officers."""
    horizon = today + COMPLAINT_DEADLINE_AHEAD
    handle_from = horizon - datetime.timedelta(days=DEFAULT_DAYS_TO_HANDLE)
    complaints = list(
        Complaint.objects.filter(
            status__in=[ComplaintStatus.REGISTERED, ComplaintStatus.REASSESSING], lodged_on__lte=handle_from
        ).select_related("case", "case__family", "case__child")
    )
    officers: dict[int, list[User]] = {}
    for officer in User.objects.filter(
        role=Role.OFFICER, is_active=True, municipality_id__in={c.municipality_id for c in complaints}
    ).select_related("municipality", "unit"):
        assert officer.municipality_id is not None
        officers.setdefault(officer.municipality_id, []).append(officer)
    for complaint in complaints:
        due = complaint.lodged_on + datetime.timedelta(days=DEFAULT_DAYS_TO_HANDLE)
        for officer in officers.get(complaint.municipality_id, []):
            yield Reminder(
                recipient=officer,
                kind=K.COMPLAINT_DEADLINE,
                key=f"complaint_deadline:{complaint.pk}:{due.isoformat()}",
                family=complaint.case.family,
                params={"child": str(complaint.case.child), "date": due.isoformat()},
                link=reverse("complaints:detail", args=[complaint.pk]),
            )


def review_due(today: datetime.date) -> Iterator[Reminder]:
    """A plan review coming within two weeks, or scheduled and not yet held: to the coordinator."""
    from knutepunkt.plans.models import Review

    reviews = list(
        Review.objects.filter(
            held_on__isnull=True, scheduled_on__lte=today + REVIEW_DUE_AHEAD
        ).select_related("plan", "plan__family", "plan__child")
    )
    coordinators = coordinators_by_family((r.plan.family_id for r in reviews), today)
    for review in reviews:
        for coordinator in coordinators.get(review.plan.family_id, []):
            yield Reminder(
                recipient=coordinator,
                kind=K.REVIEW_DUE,
                key=f"review_due:{review.pk}:{review.scheduled_on.isoformat()}",
                family=review.plan.family,
                params={"child": str(review.plan.child), "date": review.scheduled_on.isoformat()},
                link=reverse("plans:detail", args=[review.plan_id]) + "#reviews",
            )


def measure_late(today: datetime.date) -> Iterator[Reminder]:
    """A measure past its end and still planned or under way: to the coordinator, once per end date."""
    from knutepunkt.plans.models import Measure, MeasureStatus

    measures = list(
        Measure.objects.filter(
            status__in=[MeasureStatus.PLANNED, MeasureStatus.UNDER_WAY], ends_on__lt=today
        ).select_related("plan", "plan__family", "plan__child")
    )
    coordinators = coordinators_by_family((m.plan.family_id for m in measures), today)
    for measure in measures:
        assert measure.ends_on is not None
        for coordinator in coordinators.get(measure.plan.family_id, []):
            yield Reminder(
                recipient=coordinator,
                kind=K.MEASURE_LATE,
                key=f"measure_late:{measure.pk}:{measure.ends_on.isoformat()}",
                family=measure.plan.family,
                params={
                    "measure": measure.title,
                    "child": str(measure.plan.child),
                    "date": measure.ends_on.isoformat(),
                },
                link=reverse("plans:detail", args=[measure.plan_id]) + "#measures",
            )


def meeting_tomorrow(today: datetime.date) -> Iterator[Reminder]:
    """Tomorrow's meetings: a notice to everyone invited who signs in and may still read the
    meeting; an e-mail (time and place only) to those who do not sign in."""
    from knutepunkt.meetings.models import Meeting, MeetingStatus
    from knutepunkt.meetings.services import may_read, remind_by_email

    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    meetings = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED, starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)
    ).select_related("family", "family__municipality", "municipality", "child", "organiser")
    for meeting in meetings.prefetch_related("participants__user__municipality", "participants__user__unit"):
        local = timezone.localtime(meeting.starts_at)
        params = {"title": meeting.title, "date": local.date().isoformat(), "time": local.strftime("%H:%M")}
        key = f"meeting_tomorrow:{meeting.pk}:{meeting.starts_at.isoformat()}"
        users = {p.user for p in meeting.participants.all() if p.user is not None} | {meeting.organiser}
        for user in sorted(users, key=lambda u: u.pk):
            if may_read(user, meeting):
                yield Reminder(
                    recipient=user,
                    kind=K.MEETING_TOMORROW,
                    key=key,
                    family=meeting.family,
                    params=params,
                    link=reverse("meetings:detail", args=[meeting.pk]),
                )
        remind_by_email(
            meeting, [p for p in meeting.participants.all() if p.user is None and p.email], key=key
        )


SOURCES: list[Callable[[datetime.date], Iterable[Reminder]]] = [
    review_due,
    measure_late,
    consent_expiring,
    complaint_deadline,
    meeting_tomorrow,
]


def scan(*, today: datetime.date | None = None) -> int:
    """Give every reminder that is due and not given before; how many were new."""
    from knutepunkt.notifications.services import notify

    today = today or timezone.localdate()
    given = 0
    for source in SOURCES:
        for reminder in source(today):
            notification = notify(
                recipient=reminder.recipient,
                kind=reminder.kind,
                params=reminder.params,
                link=reminder.link,
                family=reminder.family,
                dedupe_key=reminder.key,
            )
            given += notification is not None
    return given


def run_daily(*, today: datetime.date) -> dict[str, int]:
    """Everything the daily run does: reminders, then digests, then e-mails still waiting."""
    from knutepunkt.notifications.services import send_digests
    from knutepunkt.notifications.tasks import send_due_emails

    now = timezone.now()
    if today > timezone.localdate(now):
        # The clock moved on (a test, or catching up): act as at the start of that day.
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(6, 0)))
    reminders = scan(today=today)
    digests = send_digests(now=now)
    emails = send_due_emails(now=now)
    return {"reminders": reminders, "digests": digests, "emails": emails}
