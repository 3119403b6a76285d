"""Situations as the contract's JSON, built from a complete default so each test states only
what differs. ``None`` as an override removes the key (the judgement was not made)."""

from __future__ import annotations

import copy
from typing import Any

TODAY = "2026-11-22"

ALL_JUDGEMENTS_YES: dict[str, bool] = {
    "serious_condition": True,
    "long_term": True,
    "complex": True,
    "coordinated": True,
    "needs_health_and_care_services": True,
    "needs_other_welfare_services": True,
    "needs_specialist_health_services": False,
}


def _merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    merged = copy.deepcopy(base)
    for key, value in overrides.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def norway(**overrides: Any) -> dict[str, Any]:
    """A six-year-old entitled to everything municipal, both guardians consenting."""
    base: dict[str, Any] = {
        "jurisdiction": "NO",
        "today": TODAY,
        "child": {"birth_date": "2020-05-10"},
        "judgement": dict(ALL_JUDGEMENTS_YES),
        "family": {
            "guardians_with_responsibility": 2,
            "guardians_consenting": 2,
            "child_welfare_has_care": False,
            "declines": [],
        },
    }
    return _merge(base, overrides)


def iceland(**overrides: Any) -> dict[str, Any]:
    """A primary-school child whose parents asked, needing multi-faceted level-2 services."""
    base: dict[str, Any] = {
        "jurisdiction": "IS",
        "today": TODAY,
        "child": {"birth_date": "2017-09-01"},
        "family": {
            "guardians_with_responsibility": 2,
            "guardians_consenting": 2,
            "child_welfare_has_care": False,
        },
        "iceland": {
            "request_by": "parents",
            "stage": "primary_school",
            "has_domicile": True,
            "service_levels": [1, 2],
            "multi_faceted_long_term": True,
            "child_protection_case": False,
        },
    }
    return _merge(base, overrides)


def replace_block(situation: dict[str, Any], block: str, value: Any) -> dict[str, Any]:
    """Set a whole block (``_merge`` would merge into it)."""
    result = copy.deepcopy(situation)
    result[block] = value
    return result
