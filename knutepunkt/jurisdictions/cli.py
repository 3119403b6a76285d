"""The ``assess`` command's logic, kept free of Django so it can be tested and run anywhere.

``knutepunkt/intake/management/commands/assess.py`` only reads the file and wraps
``run_assess``; ``help_epilog`` builds its ``--help`` from the same tables the rules use, so the
documentation of criterion ids, consent reasons and unverified names cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import json
import textwrap
from collections.abc import Iterable
from typing import Any

from knutepunkt.jurisdictions import assess_situation
from knutepunkt.jurisdictions.base import DEFAULT_SETTINGS, MunicipalitySettings
from knutepunkt.jurisdictions.legal import (
    CONSENT_REASONS,
    CRITERION_EXPLANATIONS,
    ENTITLEMENT_DESCRIPTIONS,
    ICELAND_BASIS,
    ICELAND_DUTY_BASIS,
    ICELAND_ENTITLEMENTS,
    NORWAY_BASIS,
    NORWAY_DUTY_BASIS,
    NORWAY_ENTITLEMENTS,
    OTHER_ACTS,
    READING_NOTES,
    SERVICE_CONTACTS,
    UNVERIFIED_RULES,
)
from knutepunkt.jurisdictions.situation import SituationError

EXIT_OK = 0
EXIT_MALFORMED = 2
WIDTH = 100


class _NotStandardJsonError(ValueError):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would silently keep the last of two equal keys; an auditor's file with two
    # "today"s must not be judged on a guess.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotStandardJsonError(f'the field "{key}" appears twice in one object')
        result[key] = value
    return result


def _refuse_constant(name: str) -> Any:
    raise _NotStandardJsonError(f"{name} is not a JSON number")


def parse_json(text: str) -> Any:
    """Standard JSON only: no NaN or Infinity, no repeated keys. Errors as ``SituationError``."""
    if not text.strip():
        raise SituationError("", "the input is empty; expected one situation as a JSON object")
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except _NotStandardJsonError as error:
        raise SituationError("", f"not valid JSON: {error}") from None
    except json.JSONDecodeError as error:
        raise SituationError(
            "", f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None


def format_result(result: dict[str, Any]) -> str:
    # Key order is the contract's (set by AssessmentResult.to_json), so no sort_keys.
    return json.dumps(result, indent=2, ensure_ascii=False) + "\n"


def run_assess(text: str, settings: MunicipalitySettings = DEFAULT_SETTINGS) -> tuple[int, str, str]:
    """Assess one situation given as JSON text: ``(exit code, stdout, stderr)``."""
    try:
        result = assess_situation(parse_json(text), settings)
    except SituationError as error:
        return EXIT_MALFORMED, "", f"assess: the situation cannot be assessed: {error}\n"
    return EXIT_OK, format_result(result), ""


# --- --help ---------------------------------------------------------------------------------


def _entry(name: str, text: str, *, tag: str = "") -> list[str]:
    head = f"  {name}" + (f"  [{tag}]" if tag else "")
    body = textwrap.wrap(
        text, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6, break_on_hyphens=False
    )
    return [head, *body]


def _section(title: str, entries: Iterable[list[str]]) -> list[str]:
    lines = ["", title]
    for entry in entries:
        lines.extend(entry)
    return lines


def _setting_default(setting: str | None) -> str:
    if setting is None:
        return "fixed reading"
    default = next(f.default for f in dataclasses.fields(MunicipalitySettings) if f.name == setting)
    return f"setting {setting}, default {json.dumps(default)}"


def help_epilog() -> str:
    """Everything an auditor needs to read a result, generated from the rules' own tables."""
    lines = [
        "Exit status: 0 with the result on standard output; 2 with the reason on standard error when",
        "the input is not valid JSON or not a valid situation (unknown or repeated fields, wrong types,",
        "impossible dates, contradictions). The rules use the municipality settings' defaults.",
    ]
    lines += _section(
        "Entitlements (entitlements, offer), NO:",
        (
            _entry(key, ENTITLEMENT_DESCRIPTIONS[key], tag=NORWAY_DUTY_BASIS[key])
            for key in NORWAY_ENTITLEMENTS
        ),
    )
    lines += _section(
        "Entitlements (entitlements, offer), IS:",
        (
            _entry(key, ENTITLEMENT_DESCRIPTIONS[key], tag=ICELAND_DUTY_BASIS[key])
            for key in ICELAND_ENTITLEMENTS
        ),
    )
    lines += _section(
        "Criterion ids (criteria[].id), NO, with legal basis:",
        (_entry(cid, CRITERION_EXPLANATIONS[cid], tag=basis) for cid, basis in NORWAY_BASIS.items()),
    )
    lines += _section(
        "Criterion ids (criteria[].id), IS, with legal basis:",
        (_entry(cid, CRITERION_EXPLANATIONS[cid], tag=basis) for cid, basis in ICELAND_BASIS.items()),
    )
    lines += _section(
        "Consent reasons (consent_missing):",
        (_entry(reason, text) for reason, text in CONSENT_REASONS.items()),
    )
    lines += _section(
        "Unverified rules (unverified): the municipality's practice, not law:",
        (
            _entry(name, text, tag=_setting_default(setting))
            for name, (text, setting) in UNVERIFIED_RULES.items()
        ),
    )
    lines += _section(
        "Service contacts (service_contact), IS:",
        (_entry(key, text) for key, text in SERVICE_CONTACTS.items()),
    )
    lines += _section(
        "Other acts (governed_by_other_act), IS:",
        (_entry(key, text) for key, text in OTHER_ACTS.items()),
    )
    lines += _section(
        "How the input is read where the law and the contract are silent:",
        (
            textwrap.wrap(
                note, WIDTH, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False
            )
            for note in READING_NOTES
        ),
    )
    return "\n".join(lines) + "\n"
