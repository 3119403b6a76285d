"""Norway's and Iceland's rules as pure Python behind one interface (``base.Jurisdiction``).

No Django here: the pages, the decision letter and the ``assess`` command all call this package,
and auditors can run it without a database. ``assess_situation`` is the contract's whole round
trip (shared/contracts/assessment.md): situation JSON in, result JSON out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from knutepunkt.jurisdictions.base import (
    DEFAULT_SETTINGS,
    AssessmentResult,
    ComplaintCheck,
    Criterion,
    Jurisdiction,
    MunicipalitySettings,
    Situation,
)
from knutepunkt.jurisdictions.iceland import Iceland
from knutepunkt.jurisdictions.norway import Norway
from knutepunkt.jurisdictions.situation import SituationError, parse_situation

_JURISDICTIONS: dict[str, Jurisdiction] = {"NO": Norway(), "IS": Iceland()}


def get_jurisdiction(code: str) -> Jurisdiction:
    """The rules of ``"NO"`` or ``"IS"``; ``KeyError`` naming the codes known for anything else."""
    try:
        return _JURISDICTIONS[code]
    except KeyError:
        raise KeyError(f"unknown jurisdiction {code!r}; known: {', '.join(_JURISDICTIONS)}") from None


def assess(situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS) -> AssessmentResult:
    return get_jurisdiction(situation.jurisdiction).assess(situation, settings)


def assess_situation(
    data: Mapping[str, Any], settings: MunicipalitySettings = DEFAULT_SETTINGS
) -> dict[str, Any]:
    """The contract's situation (parsed JSON) in, the contract's result out.

    Raises ``SituationError`` (a ``ValueError``) naming the field when the situation is malformed.
    """
    return assess(parse_situation(data), settings).to_json()


__all__ = [
    "DEFAULT_SETTINGS",
    "AssessmentResult",
    "ComplaintCheck",
    "Criterion",
    "Jurisdiction",
    "MunicipalitySettings",
    "Situation",
    "SituationError",
    "assess",
    "assess_situation",
    "get_jurisdiction",
    "parse_situation",
]
