"""Properties of the rules that must hold for every date and every set of judgements, not only the
situations someone thought of: age boundaries, deadline arithmetic across month ends and leap
years, and "a judgement not yet made is never read as yes"."""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from knutepunkt.jurisdictions import assess_situation
from knutepunkt.jurisdictions.deadlines import (
    add_years,
    age_on,
    eighteenth_birthday,
    iceland_complaint_deadline,
    is_under_18,
    norway_complaint_deadline,
)
from knutepunkt.jurisdictions.tests.factories import iceland, norway, replace_block

# Within the years the contract accepts, around today's children and families.
dates = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2060, 12, 31))
# Days at the edges the arithmetic trips on: month ends, 28/29 February, the turn of the year.
month_ends = st.builds(
    lambda year, month: (
        (datetime.date(year, month % 12 + 1, 1) if month < 12 else datetime.date(year + 1, 1, 1))
        - datetime.timedelta(days=1)
    ),
    st.integers(1995, 2055),
    st.integers(1, 12),
)
leap_days = st.sampled_from([y for y in range(1992, 2060, 4) if y % 100 or y % 400 == 0]).map(
    lambda year: datetime.date(year, 2, 29)
)
edge_dates = st.one_of(dates, month_ends, leap_days)


def _iso(day: datetime.date) -> str:
    return day.isoformat()


# --- Age boundaries ---------------------------------------------------------------------------


@given(birth=edge_dates, day=edge_dates)
def test_a_child_is_under_18_exactly_until_the_18th_birthday(
    birth: datetime.date, day: datetime.date
) -> None:
    eighteenth = eighteenth_birthday(birth)
    assert is_under_18(birth, day) == (day < eighteenth)
    assert is_under_18(birth, day) == (age_on(birth, day) < 18)


@given(birth=edge_dates, years=st.integers(0, 40))
def test_age_turns_on_the_birthday_and_not_the_day_before(birth: datetime.date, years: int) -> None:
    birthday = add_years(birth, years)
    assert age_on(birth, birthday) == years
    if years > 0:
        assert age_on(birth, birthday - datetime.timedelta(days=1)) == years - 1


@given(birth=st.one_of(edge_dates, leap_days), offset=st.integers(-3, 3))
def test_the_barnekoordinator_ends_on_the_18th_birthday(birth: datetime.date, offset: int) -> None:
    today = eighteenth_birthday(birth) + datetime.timedelta(days=offset)
    result = assess_situation(norway(child={"birth_date": _iso(birth)}, today=_iso(today)))
    under_18 = next(c for c in result["criteria"] if c["id"] == "child_under_18_or_expected")
    assert under_18["met"] is (offset < 0)
    assert result["entitlements"]["barnekoordinator"] is (offset < 0)
    assert result["entitlements"]["koordinator"]  # the koordinator has no age limit


def test_a_leap_day_child_turns_18_on_1_march_in_a_common_year() -> None:
    assert eighteenth_birthday(datetime.date(2008, 2, 29)) == datetime.date(2026, 3, 1)
    assert eighteenth_birthday(datetime.date(2012, 2, 29)) == datetime.date(2030, 3, 1)


# --- Deadline arithmetic ----------------------------------------------------------------------


@given(known=edge_dates)
def test_the_norwegian_deadline_is_four_weeks_later_on_the_same_weekday(known: datetime.date) -> None:
    deadline = norway_complaint_deadline(known)
    assert deadline - known == datetime.timedelta(days=28)
    assert deadline.weekday() == known.weekday()


@given(known=edge_dates, lodged_after=st.integers(0, 60))
def test_a_norwegian_complaint_is_in_time_up_to_and_including_the_deadline(
    known: datetime.date, lodged_after: int
) -> None:
    lodged = known + datetime.timedelta(days=lodged_after)
    today = max(lodged, known)
    complaint = {"decision_known_on": _iso(known), "lodged_on": _iso(lodged), "written": True, "signed": True}
    born = _iso(known - datetime.timedelta(days=5 * 365))
    result = assess_situation(norway(today=_iso(today), child={"birth_date": born}, complaint=complaint))[
        "complaint"
    ]
    assert result["deadline"] == _iso(known + datetime.timedelta(days=28))
    assert result["in_time"] is (lodged_after <= 28)


@given(known=edge_dates, later=st.integers(1, 400))
def test_knowing_later_never_gives_an_earlier_deadline(known: datetime.date, later: int) -> None:
    after = known + datetime.timedelta(days=later)
    assert norway_complaint_deadline(after) > norway_complaint_deadline(known)
    assert iceland_complaint_deadline(after, None) >= iceland_complaint_deadline(known, None)


@given(known=edge_dates, birth=st.one_of(st.none(), edge_dates))
def test_the_icelandic_year_runs_from_18_for_a_child(
    known: datetime.date, birth: datetime.date | None
) -> None:
    deadline = iceland_complaint_deadline(known, birth)
    start = known if birth is None else max(known, eighteenth_birthday(birth))
    assert deadline == add_years(start, 1)
    # One calendar year: the same day, or 1 March after a 29 February.
    if (start.month, start.day) == (2, 29):
        assert deadline == datetime.date(start.year + 1, 3, 1)
    else:
        assert (deadline.year, deadline.month, deadline.day) == (start.year + 1, start.month, start.day)
    assert 365 <= (deadline - start).days <= 366


# --- A judgement not yet made is never read as yes --------------------------------------------

NORWEGIAN_KEYS = [
    "serious_condition",
    "long_term",
    "complex",
    "coordinated",
    "needs_health_and_care_services",
    "needs_other_welfare_services",
    "needs_specialist_health_services",
]
ICELANDIC_KEYS = ["has_domicile", "multi_faceted_long_term", "child_protection_case"]
judgement_value = st.sampled_from([True, False, None])  # None: not judged yet


def _entitlements(situation: dict[str, Any]) -> dict[str, bool]:
    return dict(assess_situation(situation)["entitlements"])


@given(values=st.fixed_dictionaries(dict.fromkeys(NORWEGIAN_KEYS, judgement_value)))
def test_norway_an_unjudged_criterion_never_entitles(values: dict[str, bool | None]) -> None:
    """Whatever is granted while a criterion is unjudged must hold both if it is later judged yes
    and if it is judged no: the open question never decided it."""

    def situation(judged: dict[str, bool | None]) -> dict[str, Any]:
        return replace_block(norway(), "judgement", {k: v for k, v in judged.items() if v is not None})

    granted = {k for k, v in _entitlements(situation(values)).items() if v}
    for key in (k for k, v in values.items() if v is None):
        for answer in (True, False):
            decided = {k for k, v in _entitlements(situation({**values, key: answer})).items() if v}
            assert granted <= decided, f"{key} unjudged granted {granted - decided}"


@given(values=st.fixed_dictionaries(dict.fromkeys(ICELANDIC_KEYS, judgement_value)))
def test_iceland_an_unjudged_criterion_never_entitles(values: dict[str, bool | None]) -> None:
    def situation(judged: dict[str, bool | None]) -> dict[str, Any]:
        block = {**iceland()["iceland"], **{k: v for k, v in judged.items() if v is not None}}
        for key, value in judged.items():
            if value is None:
                block.pop(key, None)
        return replace_block(iceland(), "iceland", block)

    granted = {k for k, v in _entitlements(situation(values)).items() if v}
    for key in (k for k, v in values.items() if v is None):
        for answer in (True, False):
            decided = {k for k, v in _entitlements(situation({**values, key: answer})).items() if v}
            assert granted <= decided, f"{key} unjudged granted {granted - decided}"


def test_with_nothing_judged_nothing_is_granted_in_norway() -> None:
    result = assess_situation(replace_block(norway(), "judgement", {}))
    assert not any(result["entitlements"].values())
    assert result["offer"] == []
