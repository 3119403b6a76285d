"""A complaint's states and the only steps between them, by the way the complaint goes.

Three ways (``Route``), decided when the complaint is registered:

- ``reassess`` — Norway, a complaint about a decision (pbrl § 7-2): the municipality reassesses;
  it either changes its decision (``reversed``: a new decision) or keeps it and forwards the case to
  Statsforvalteren, whose outcome is recorded. Sent back ("returned") it is reassessed again; changed
  by Statsforvalteren, the municipality makes the new decision.
- ``answer`` — Norway, a complaint about the quality of the service: the unit that decides
  coordinator cases answers it.
- ``authority`` — Iceland: complaints go to GEV directly (Act 88/2021 art. 17); the municipality
  records that it knows of the complaint and GEV's outcome, and does not reassess and forward.

A complaint that lacks something the law asks for waits for the complainant to complete it
(``awaiting_mending``), on every way.
"""

from __future__ import annotations

import enum

from django.utils.translation import gettext_lazy as _

from knutepunkt.complaints.models import AuthorityOutcome, Complaint, ComplaintKind, ComplaintStatus
from knutepunkt.core.errors import DomainError
from knutepunkt.jurisdictions.legal import ICELAND_COMPLAINT_LODGE_WITH

S = ComplaintStatus


class Route(enum.StrEnum):
    REASSESS = "reassess"
    ANSWER = "answer"
    AUTHORITY = "authority"


_MENDING: dict[str, frozenset[str]] = {
    S.AWAITING_MENDING: frozenset({S.AWAITING_MENDING, S.REGISTERED, S.WITHDRAWN}),
}

ALLOWED_STEPS: dict[Route, dict[str, frozenset[str]]] = {
    Route.REASSESS: {
        **_MENDING,
        S.REGISTERED: frozenset({S.REASSESSING, S.WITHDRAWN}),
        S.REASSESSING: frozenset({S.REVERSED, S.FORWARDED, S.WITHDRAWN}),
        S.FORWARDED: frozenset({S.DECIDED_BY_AUTHORITY, S.WITHDRAWN}),
        # Statsforvalteren sent it back (reassess again) or changed the decision (decide anew).
        S.DECIDED_BY_AUTHORITY: frozenset({S.REASSESSING, S.REVERSED}),
    },
    Route.ANSWER: {
        **_MENDING,
        S.REGISTERED: frozenset({S.ANSWERED, S.WITHDRAWN}),
    },
    Route.AUTHORITY: {
        **_MENDING,
        S.REGISTERED: frozenset({S.DECIDED_BY_AUTHORITY, S.WITHDRAWN}),
        S.DECIDED_BY_AUTHORITY: frozenset({S.REVERSED}),
    },
}

ROUTE_HINTS = {
    Route.REASSESS: _(
        "A complaint about a decision is reassessed by the municipality; if it keeps its decision, "
        "it sends the complaint to Statsforvalteren."
    ),
    Route.ANSWER: _("A complaint about the quality of the service is answered by the municipality."),
    Route.AUTHORITY: _(
        "In Iceland the complaint goes to GEV, which decides it; the municipality records GEV's outcome."
    ),
}


def route_of(complaint: Complaint) -> Route:
    if complaint.lodge_with == ICELAND_COMPLAINT_LODGE_WITH:
        return Route.AUTHORITY
    if complaint.kind == ComplaintKind.QUALITY:
        return Route.ANSWER
    return Route.REASSESS


def allowed_steps(complaint: Complaint) -> frozenset[str]:
    steps = ALLOWED_STEPS[route_of(complaint)].get(complaint.status, frozenset())
    if complaint.status == S.DECIDED_BY_AUTHORITY:
        outcome = complaint.authority_outcome
        # Sent back: Statsforvalteren's case is reassessed (and then changed or forwarded again);
        # GEV's is decided anew. Changed: the municipality makes the new decision.
        if outcome != AuthorityOutcome.RETURNED:
            steps -= {S.REASSESSING}
        new_decision_after = {AuthorityOutcome.REVERSED}
        if route_of(complaint) is Route.AUTHORITY:
            new_decision_after.add(AuthorityOutcome.RETURNED)
        if outcome not in new_decision_after:
            steps -= {S.REVERSED}
    return steps


def check_step(complaint: Complaint, target: str) -> None:
    """Raise a DomainError naming both states (and how this complaint goes) when the step is not
    allowed."""
    if target not in allowed_steps(complaint):
        raise DomainError(
            _("A complaint that is “%(current)s” cannot go to “%(target)s”. %(hint)s")
            % {
                "current": ComplaintStatus(complaint.status).label,
                "target": ComplaintStatus(target).label,
                "hint": ROUTE_HINTS[route_of(complaint)],
            },
            code="illegal_step",
        )
