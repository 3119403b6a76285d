"""Strict reading of the contract's situation JSON into a ``Situation``.

Anything the contract does not describe is refused rather than guessed at: an auditor who
misspells ``serious_condtion`` must get an error, not a silent "not judged yet". Every error names
the field by its dotted path (``family.guardians_consenting``) and says what was expected.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Final

from knutepunkt.jurisdictions.base import (
    ChildFacts,
    ComplaintFacts,
    FamilyFacts,
    IcelandFacts,
    Judgements,
    Situation,
)
from knutepunkt.jurisdictions.legal import NORWAY_ENTITLEMENTS

JURISDICTIONS: Final = ("NO", "IS")
TOP_LEVEL_FIELDS: Final = ("jurisdiction", "today", "child", "judgement", "family", "iceland", "complaint")
CHILD_FIELDS: Final = ("birth_date", "expected_date")
JUDGEMENT_FIELDS: Final = (
    "serious_condition",
    "long_term",
    "complex",
    "coordinated",
    "needs_health_and_care_services",
    "needs_other_welfare_services",
    "needs_specialist_health_services",
)
FAMILY_FIELDS: Final = (
    "guardians_with_responsibility",
    "guardians_consenting",
    "child_welfare_has_care",
    "declines",
)
ICELAND_FIELDS: Final = (
    "request_by",
    "stage",
    "has_domicile",
    "service_levels",
    "multi_faceted_long_term",
    "child_protection_case",
)
COMPLAINT_FIELDS: Final = ("decision_known_on", "lodged_on", "written", "signed")

DECLINABLE: Final = tuple(k for k in NORWAY_ENTITLEMENTS if k != "specialist_coordinator")
REQUESTERS: Final = ("parents", "child", "both", "none")
STAGES: Final = ("pregnancy", "infant", "preschool", "primary_school", "secondary_school", "not_in_school")
SERVICE_LEVELS: Final = (1, 2, 3)

# A pregnancy lasts about 40 weeks and is induced by 42; an expected date outside this window is
# a typo or a birth nobody recorded, not a pregnancy.
EXPECTED_DATE_LATEST_AFTER_TODAY: Final = datetime.timedelta(weeks=44)
EXPECTED_DATE_EARLIEST_BEFORE_TODAY: Final = datetime.timedelta(weeks=6)
# Keeps date arithmetic (18th birthdays plus a year) far from Python's year 9999 limit.
EARLIEST_YEAR: Final = 1900
LATEST_YEAR: Final = 2200

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SituationError(ValueError):
    """The situation cannot be read; ``field`` is the dotted path of the offending field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


def _kind(value: object) -> str:
    """How a JSON value reads to a person, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _path(parent: str, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def _block(data: Mapping[str, object], name: str, allowed: tuple[str, ...]) -> Mapping[str, object]:
    """An optional object; absent or null reads as empty. Unknown fields are refused."""
    value = data.get(name)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SituationError(name, f"expected an object, got {_kind(value)}")
    _refuse_unknown(value, name, allowed)
    return value


def _refuse_unknown(data: Mapping[str, object], parent: str, allowed: tuple[str, ...]) -> None:
    for key in data:
        if key not in allowed:
            where = f"in {parent}" if parent else "at the top level"
            raise SituationError(
                _path(parent, str(key)),
                f"unknown field {where}; the fields allowed are: {', '.join(allowed)}",
            )


def _bool(data: Mapping[str, object], parent: str, name: str) -> bool | None:
    value = data.get(name)
    if value is None or isinstance(value, bool):
        return value
    raise SituationError(_path(parent, name), f"expected true, false or null, got {_kind(value)}")


def _count(data: Mapping[str, object], parent: str, name: str) -> int | None:
    value = data.get(name)
    if value is None:
        return None
    # bool is an int in Python but `true` is not a count in JSON.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SituationError(_path(parent, name), f"expected a whole number 0 or more, got {_kind(value)}")
    return value


def _choice(data: Mapping[str, object], parent: str, name: str, allowed: tuple[str, ...]) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise SituationError(_path(parent, name), f"expected one of {', '.join(allowed)}; got {_kind(value)}")
    return value


def parse_date(value: object, field: str) -> datetime.date:
    """A real calendar date written YYYY-MM-DD, nothing looser (no week dates, no times)."""
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise SituationError(field, f"expected a date written YYYY-MM-DD, got {_kind(value)}")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise SituationError(field, f"{value} is not a real date") from None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise SituationError(field, f"{value} is outside the years {EARLIEST_YEAR}–{LATEST_YEAR}")
    return day


def _optional_date(data: Mapping[str, object], parent: str, name: str) -> datetime.date | None:
    value = data.get(name)
    return None if value is None else parse_date(value, _path(parent, name))


def _distinct_list(data: Mapping[str, object], parent: str, name: str) -> list[object] | None:
    value = data.get(name)
    if value is None:
        return None
    field = _path(parent, name)
    if not isinstance(value, list):
        raise SituationError(field, f"expected a list, got {_kind(value)}")
    seen: list[object] = []
    for item in value:
        # `1 == True` in Python, so compare with the type as well when looking for repeats.
        if any(type(item) is type(other) and item == other for other in seen):
            raise SituationError(field, f"{_kind(item)} is listed twice")
        seen.append(item)
    return seen


def _parse_child(data: Mapping[str, object], today: datetime.date) -> ChildFacts:
    block = _block(data, "child", CHILD_FIELDS)
    birth = _optional_date(block, "child", "birth_date")
    expected = _optional_date(block, "child", "expected_date")
    if birth is not None and expected is not None:
        raise SituationError(
            "child", "give birth_date or expected_date, not both: a child is born or expected"
        )
    if birth is not None and birth > today:
        raise SituationError("child.birth_date", f"{birth} is after today ({today})")
    if expected is not None:
        if expected > today + EXPECTED_DATE_LATEST_AFTER_TODAY:
            raise SituationError(
                "child.expected_date", f"{expected} is more than 44 weeks after today ({today})"
            )
        if expected < today - EXPECTED_DATE_EARLIEST_BEFORE_TODAY:
            raise SituationError(
                "child.expected_date",
                f"{expected} is more than 6 weeks before today ({today}); give the birth_date instead",
            )
    return ChildFacts(birth_date=birth, expected_date=expected)


def _parse_judgement(data: Mapping[str, object]) -> Judgements:
    block = _block(data, "judgement", JUDGEMENT_FIELDS)
    return Judgements(**{name: _bool(block, "judgement", name) for name in JUDGEMENT_FIELDS})


def _parse_family(data: Mapping[str, object]) -> FamilyFacts:
    block = _block(data, "family", FAMILY_FIELDS)
    responsible = _count(block, "family", "guardians_with_responsibility")
    consenting = _count(block, "family", "guardians_consenting")
    if responsible is not None and consenting is not None and consenting > responsible:
        raise SituationError(
            "family.guardians_consenting",
            f"{consenting} consenting is more than the {responsible} guardians_with_responsibility",
        )
    declines = _distinct_list(block, "family", "declines") or []
    for item in declines:
        if not isinstance(item, str) or item not in DECLINABLE:
            raise SituationError(
                "family.declines", f"expected items from {', '.join(DECLINABLE)}; got {_kind(item)}"
            )
    return FamilyFacts(
        guardians_with_responsibility=responsible,
        guardians_consenting=consenting,
        child_welfare_has_care=_bool(block, "family", "child_welfare_has_care"),
        declines=frozenset(str(item) for item in declines),
    )


def _parse_iceland(data: Mapping[str, object], child: ChildFacts) -> IcelandFacts:
    block = _block(data, "iceland", ICELAND_FIELDS)
    request_by = _choice(block, "iceland", "request_by", REQUESTERS)
    stage = _choice(block, "iceland", "stage", STAGES)
    levels: list[int] | None = None
    listed = _distinct_list(block, "iceland", "service_levels")
    if listed is not None:
        levels = []
        for item in listed:
            # bool and float compare equal to ints in Python; only the JSON numbers 1, 2, 3 count.
            if type(item) is not int or item not in SERVICE_LEVELS:
                raise SituationError("iceland.service_levels", f"expected items 1, 2 or 3; got {_kind(item)}")
            levels.append(item)
    if child.expected_date is not None:
        if request_by in ("child", "both"):
            raise SituationError(
                "iceland.request_by", f'"{request_by}" is impossible: the child is not born yet'
            )
        if stage is not None and stage != "pregnancy":
            raise SituationError("iceland.stage", f'"{stage}" is impossible: the child is not born yet')
    if child.birth_date is not None and stage == "pregnancy":
        raise SituationError("iceland.stage", '"pregnancy" is impossible: the child has a birth_date')
    return IcelandFacts(
        request_by=request_by,
        stage=stage,
        has_domicile=_bool(block, "iceland", "has_domicile"),
        service_levels=None if levels is None else frozenset(levels),
        multi_faceted_long_term=_bool(block, "iceland", "multi_faceted_long_term"),
        child_protection_case=_bool(block, "iceland", "child_protection_case"),
    )


def _parse_complaint(data: Mapping[str, object], today: datetime.date) -> ComplaintFacts | None:
    if data.get("complaint") is None:
        return None
    block = _block(data, "complaint", COMPLAINT_FIELDS)
    if block.get("decision_known_on") is None:
        raise SituationError(
            "complaint.decision_known_on", "is required when a complaint is given: the deadline runs from it"
        )
    known = parse_date(block["decision_known_on"], "complaint.decision_known_on")
    lodged = _optional_date(block, "complaint", "lodged_on")
    if known > today:
        raise SituationError("complaint.decision_known_on", f"{known} is after today ({today})")
    if lodged is not None:
        if lodged < known:
            raise SituationError(
                "complaint.lodged_on", f"{lodged} is before the decision was known ({known})"
            )
        if lodged > today:
            raise SituationError("complaint.lodged_on", f"{lodged} is after today ({today})")
    return ComplaintFacts(
        decision_known_on=known,
        lodged_on=lodged,
        written=_bool(block, "complaint", "written"),
        signed=_bool(block, "complaint", "signed"),
    )


def parse_situation(data: object) -> Situation:
    """Read the contract's situation; raise ``SituationError`` naming the first field at fault."""
    if not isinstance(data, Mapping):
        raise SituationError("", f"expected the situation as a JSON object, got {_kind(data)}")
    _refuse_unknown(data, "", TOP_LEVEL_FIELDS)
    if data.get("jurisdiction") is None:
        raise SituationError("jurisdiction", 'is required: "NO" or "IS"')
    jurisdiction = _choice(data, "", "jurisdiction", JURISDICTIONS)
    assert jurisdiction is not None
    if data.get("today") is None:
        raise SituationError("today", "is required: the date the assessment is made, YYYY-MM-DD")
    today = parse_date(data["today"], "today")
    child = _parse_child(data, today)
    return Situation(
        jurisdiction=jurisdiction,
        today=today,
        child=child,
        # Both blocks are checked whatever the country, so a typo is caught even where unused.
        judgement=_parse_judgement(data),
        family=_parse_family(data),
        iceland=_parse_iceland(data, child),
        complaint=_parse_complaint(data, today),
    )
