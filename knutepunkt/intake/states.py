"""The case's states and the only steps between them.

requested -> assessing -> decided (granted or refused) -> active -> closed. A request may be
withdrawn (closed) before it is decided, a refusal is closed, and a complaint that is upheld by
the municipality's own reassessment reverses the decision: a new decision on the same case.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from knutepunkt.core.errors import DomainError
from knutepunkt.intake.models import CaseStatus

S = CaseStatus

ALLOWED_STEPS: dict[str, frozenset[str]] = {
    S.REQUESTED: frozenset({S.ASSESSING, S.CLOSED}),
    S.ASSESSING: frozenset({S.DECIDED, S.CLOSED}),
    S.DECIDED: frozenset({S.ACTIVE, S.CLOSED, S.DECIDED}),
    S.ACTIVE: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.DECIDED}),
}


def check_step(current: str, target: str) -> None:
    """Raise a DomainError naming both states when ``current -> target`` is not allowed."""
    if target not in ALLOWED_STEPS[current]:
        raise DomainError(
            _("A case that is “%(current)s” cannot go to “%(target)s”.")
            % {"current": CaseStatus(current).label, "target": CaseStatus(target).label},
            code="illegal_step",
        )
