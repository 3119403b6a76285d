"""Cases with their decisions and appointment, written straight to the tables: the statistics
only count what the intake services leave behind, so tests can set the dates they need."""

from __future__ import annotations

import datetime

from django.utils import timezone

from knutepunkt.complaints.models import Complaint, ComplaintChannel, ComplaintKind, ComplaintStatus
from knutepunkt.conftest import Tenant
from knutepunkt.intake.models import Case, CaseEvent, CaseStatus, Channel, Decision, Outcome
from knutepunkt.people.models import User
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory, UserFactory
from knutepunkt.reporting.queries import APPOINTED_EVENT

TODAY = timezone.localdate()


def supervisor() -> User:
    return UserFactory.create(role="supervisor", municipality=None, unit=None)


def decided_case(
    t: Tenant,
    *,
    received_days_ago: int,
    decided_after: int | None = None,
    appointed_after: int | None = None,
    individual_plan: bool = False,
) -> Case:
    """A request in ``t``'s municipality for a new family's child, decided and started
    the given number of days after it came in."""
    family = FamilyFactory.create(municipality=t.municipality)
    child = ChildFactory.create(family=family)
    received = TODAY - datetime.timedelta(days=received_days_ago)
    status = (
        CaseStatus.ACTIVE
        if appointed_after is not None
        else CaseStatus.DECIDED
        if decided_after is not None
        else CaseStatus.REQUESTED
    )
    case = Case.objects.create(
        municipality=t.municipality,
        family=family,
        child=child,
        status=status,
        channel=Channel.PHONE,
        received_on=received,
        created_by=t.officer,
    )
    if decided_after is not None:
        decided = received + datetime.timedelta(days=decided_after)
        Decision.objects.create(
            municipality=t.municipality,
            case=case,
            outcome=Outcome.GRANTED,
            arrangement="barnekoordinator",
            individual_plan=individual_plan,
            coordinator=t.coordinator,
            reasons="Meets the conditions.",
            decided_on=decided,
            decided_by=t.officer,
            known_on=decided,
            letter_language="nb",
        )
    if appointed_after is not None:
        appointed = received + datetime.timedelta(days=appointed_after)
        CaseEvent.objects.create(
            municipality=t.municipality,
            case=case,
            occurred_at=timezone.make_aware(datetime.datetime.combine(appointed, datetime.time(12))),
            actor=t.officer,
            kind=APPOINTED_EVENT,
        )
    return case


def complaint(t: Tenant, case: Case, *, kind: ComplaintKind, status: ComplaintStatus) -> Complaint:
    return Complaint.objects.create(
        municipality=t.municipality,
        case=case,
        decision=case.decisions.first() if kind == ComplaintKind.APPEAL else None,
        kind=kind,
        status=status,
        channel=ComplaintChannel.LETTER,
        lodged_on=TODAY,
        complainant="The mother",
        registered_by=t.officer,
    )
