"""Complaint test helpers: a case with a refusal, and a complaint registered against it."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.complaints import services
from knutepunkt.complaints.models import Complaint, ComplaintChannel, ComplaintKind
from knutepunkt.conftest import Tenant
from knutepunkt.intake import services as intake_services
from knutepunkt.intake.models import Decision, Outcome
from knutepunkt.intake.tests.factories import open_case

TODAY = timezone.localdate()
REFUSAL_REASONS = "The child's needs can be met by the school and the GP without a coordinator."


def refusal(
    t: Tenant,
    *,
    decided_on: datetime.date | None = None,
    known_on: datetime.date | None = None,
    received_days_ago: int | None = None,
) -> Decision:
    """A case for ``t.other_child``, assessed and refused."""
    decided = decided_on or TODAY - datetime.timedelta(days=5)
    days_ago = received_days_ago if received_days_ago is not None else (TODAY - decided).days + 10
    # The factory's random birth date may fall after an old decision date; no decision predates a birth.
    if t.other_child.birth_date and t.other_child.birth_date >= decided:
        t.other_child.birth_date = decided - datetime.timedelta(days=5 * 365)
        t.other_child.save()
    case = open_case(t, days_ago=days_ago)
    actor = Actor(t.officer)
    intake_services.start_assessment(actor=actor, case_id=case.pk)
    return intake_services.decide_case(
        actor=actor,
        case_id=case.pk,
        outcome=Outcome.REFUSED,
        reasons=REFUSAL_REASONS,
        decided_on=decided,
        known_on=known_on or decided,
    )


def appeal(t: Tenant, decision: Decision, **overrides: Any) -> Complaint:
    """A complete, signed appeal against ``decision``, lodged the day the family knew of it."""
    kwargs: dict[str, Any] = {
        "actor": Actor(t.officer, "192.0.2.7"),
        "case_id": decision.case_id,
        "kind": ComplaintKind.APPEAL,
        "channel": ComplaintChannel.LETTER,
        "lodged_on": decision.known_on,
        "complainant": "The mother",
        "written": True,
        "signed": True,
        "what": "The refusal of a child coordinator: the school and the GP do not talk to each other.",
        "change_wanted": "We want a child coordinator for our family.",
        "decision_id": decision.pk,
    }
    kwargs.update(overrides)
    return services.register_complaint(**kwargs)
