"""The demo's request history, so a demo leader's statistics show something real: for every demo
family with a coordinator, the request, assessment and decision that led to the appointment,
dated back from the day the coordinator started; and a few requests still waiting.

Rows are validated with ``full_clean()`` like the rest of the demo, and a family that already
has a case (added by another part of the demo) is left alone.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import Min
from django.utils import timezone

from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind
from knutepunkt.intake.models import Arrangement, Case, CaseEvent, CaseStatus, Channel, Decision, Outcome
from knutepunkt.people.models import Child, Role, User
from knutepunkt.reporting.queries import APPOINTED_EVENT
from knutepunkt.tenancy.models import Municipality

CHANNELS = (Channel.PHONE, Channel.REFERRAL, Channel.EMAIL, Channel.ELECTRONIC)


def add_request_history(*, municipalities: list[Municipality], today: datetime.date, seed: int) -> int:
    """Returns the number of cases added."""
    rng = random.Random(seed)  # noqa: S311 - invented history, repeatable
    added = 0
    for municipality in municipalities:
        officer = User.objects.filter(municipality=municipality, role=Role.OFFICER).order_by("pk").first()
        if officer is None:
            continue
        with_case = set(Case.objects.filter(municipality=municipality).values_list("family_id", flat=True))
        started = (
            CoordinatorAssignment.objects.filter(municipality=municipality)
            .order_by("family_id")
            .values("family_id")
            .annotate(first=Min("starts_on"))
        )
        first_children = {
            child.family_id: child
            for child in Child.objects.filter(municipality=municipality).order_by("-pk")
        }
        kinds = dict(
            CoordinatorAssignment.objects.filter(municipality=municipality).values_list("family_id", "kind")
        )
        coordinators = dict(
            CoordinatorAssignment.objects.filter(municipality=municipality).values_list(
                "family_id", "coordinator_id"
            )
        )
        for row in started:
            family_id = row["family_id"]
            child = first_children.get(family_id)
            if family_id in with_case or child is None:
                continue
            appointed = row["first"]
            decided = appointed - datetime.timedelta(days=rng.randint(2, 20))
            received = decided - datetime.timedelta(days=rng.randint(7, 60))
            _case(
                municipality=municipality,
                child=child,
                officer=officer,
                received=received,
                decided=decided,
                appointed=min(appointed, today),
                arrangement=_arrangement(kinds[family_id]),
                coordinator_id=coordinators[family_id],
                rng=rng,
            )
            added += 1
    return added


def _arrangement(kind: str) -> str:
    return {
        CoordinatorKind.BARNEKOORDINATOR: Arrangement.BARNEKOORDINATOR,
        CoordinatorKind.KOORDINATOR: Arrangement.KOORDINATOR,
        CoordinatorKind.SERVICE_CONTACT: Arrangement.SERVICE_CONTACT,
        CoordinatorKind.CASE_MANAGER: Arrangement.CASE_MANAGER,
    }[CoordinatorKind(kind)]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _case(
    *,
    municipality: Municipality,
    child: Child,
    officer: User,
    received: datetime.date,
    decided: datetime.date,
    appointed: datetime.date,
    arrangement: str,
    coordinator_id: int,
    rng: random.Random,
) -> None:
    case = Case(
        municipality=municipality,
        family_id=child.family_id,
        child=child,
        status=CaseStatus.ACTIVE,
        channel=rng.choice(CHANNELS),
        received_on=received,
        created_by=officer,
        created_at=_at(received, 10),
    )
    case.full_clean()
    case.save()
    decision = Decision(
        municipality=municipality,
        case=case,
        outcome=Outcome.GRANTED,
        arrangement=arrangement,
        individual_plan=municipality.country == "NO" and rng.random() < 0.6,
        coordinator_id=coordinator_id,
        reasons="Vilkårene er oppfylt." if municipality.country == "NO" else "Skilyrðin eru uppfyllt.",
        # The history is summarised, not assessed step by step: only the request is on record.
        criteria=[{"id": "request_made", "met": True, "basis": ""}],
        decided_on=decided,
        decided_by=officer,
        known_on=decided,
        letter_language=municipality.language,
    )
    decision.full_clean()
    decision.save()
    steps = (
        (received, "registered", "", CaseStatus.REQUESTED),
        (received, "assessment_started", CaseStatus.REQUESTED, CaseStatus.ASSESSING),
        (decided, "decided", CaseStatus.ASSESSING, CaseStatus.DECIDED),
        (appointed, APPOINTED_EVENT, CaseStatus.DECIDED, CaseStatus.ACTIVE),
    )
    for hour, (day, kind, old, new) in enumerate(steps, start=9):
        event = CaseEvent(
            municipality=municipality,
            case=case,
            occurred_at=_at(day, hour),
            actor=officer,
            kind=kind,
            from_status=old,
            to_status=new,
        )
        event.full_clean()
        event.save()
