"""Norway's rules, one situation per row (pbrl §§ 2-5, 2-5b, 2-5c, 7-2, 7-5; sphl § 2-5a)."""

from __future__ import annotations

from typing import Any

import pytest

from knutepunkt.jurisdictions import MunicipalitySettings, assess_situation
from knutepunkt.jurisdictions.tests.expectations import assert_matches
from knutepunkt.jurisdictions.tests.factories import norway, replace_block

MUNICIPAL = ["barnekoordinator", "koordinator", "individual_plan"]
NOT_SERIOUS = {"judgement": {"serious_condition": False}}

SCENARIOS: list[Any] = [
    pytest.param(
        norway(child={"birth_date": None, "expected_date": "2027-03-01"}),
        {"entitled": MUNICIPAL, "offer": ["barnekoordinator", "individual_plan"], "may_appoint": True},
        id="expected-child-is-assessed-before-birth",
    ),
    pytest.param(
        norway(child={"birth_date": "2026-11-20"}),
        {"entitled": MUNICIPAL, "offer": ["barnekoordinator", "individual_plan"], "may_appoint": True},
        id="newborn",
    ),
    pytest.param(
        norway(),
        {"entitled": MUNICIPAL, "consent_missing": [], "unverified": ["all_guardians_consent"]},
        id="six-year-old-all-criteria-met",
    ),
    pytest.param(
        norway(child={"birth_date": "2008-11-23"}),
        {"entitled": MUNICIPAL, "criteria_met": {"child_under_18_or_expected": True}},
        id="seventeen-the-day-before-18th-birthday",
    ),
    pytest.param(
        norway(child={"birth_date": "2008-11-22"}),
        {
            "entitled": ["koordinator", "individual_plan"],
            "offer": ["koordinator", "individual_plan"],
            "criteria_met": {"child_under_18_or_expected": False},
            "consent_missing": ["own_consent"],
            "may_appoint": False,
        },
        id="18th-birthday-exactly-bk-ends-k-and-ip-remain",
    ),
    pytest.param(
        norway(child={"birth_date": "1990-01-15"}, judgement=NOT_SERIOUS["judgement"]),
        {"entitled": ["koordinator", "individual_plan"], "consent_missing": ["own_consent"]},
        id="adult-koordinator-has-no-age-limit",
    ),
    pytest.param(
        norway(family={"declines": ["barnekoordinator"]}),
        {"offer": ["koordinator", "individual_plan"], "may_appoint": True},
        id="declines-bk-so-k-is-offered",
    ),
    pytest.param(
        norway(family={"declines": ["barnekoordinator", "koordinator"]}),
        {"entitled": MUNICIPAL, "offer": ["individual_plan"], "may_appoint": False},
        id="declines-both-coordinators",
    ),
    pytest.param(
        norway(family={"declines": ["individual_plan"]}),
        {"offer": ["barnekoordinator"], "may_appoint": True},
        id="declines-ip-keeps-the-coordinator",
    ),
    pytest.param(
        norway(family={"declines": ["barnekoordinator", "koordinator", "individual_plan"]}),
        {"offer": [], "may_appoint": False, "consent_missing": []},
        id="declines-everything",
    ),
    pytest.param(
        norway(family={"guardians_consenting": 1}),
        {
            "consent_missing": ["second_guardian"],
            "may_appoint": False,
            "unverified": ["all_guardians_consent"],
        },
        id="only-one-of-two-guardians-consented",
    ),
    pytest.param(
        norway(family={"guardians_consenting": 0}),
        {"consent_missing": ["first_guardian", "second_guardian"], "may_appoint": False},
        id="no-guardian-consented",
    ),
    pytest.param(
        norway(family={"guardians_with_responsibility": 1, "guardians_consenting": 1}),
        {"consent_missing": [], "may_appoint": True, "unverified": []},
        id="sole-guardian-consented",
    ),
    pytest.param(
        norway(family={"guardians_with_responsibility": 0, "guardians_consenting": 0}),
        {"consent_missing": ["guardian_consent"], "may_appoint": False},
        id="nobody-holds-parental-responsibility",
    ),
    pytest.param(
        replace_block(norway(), "family", None),
        {"consent_missing": ["guardian_consent"], "may_appoint": False, "entitled": MUNICIPAL},
        id="family-not-described-consent-unknown",
    ),
    pytest.param(
        norway(
            family={
                "child_welfare_has_care": True,
                "guardians_with_responsibility": 1,
                "guardians_consenting": 1,
            }
        ),
        {"consent_missing": [], "may_appoint": True, "unverified": ["child_welfare_consents"]},
        id="child-welfare-has-care-and-consents",
    ),
    pytest.param(
        norway(family={"child_welfare_has_care": True, "guardians_consenting": 0}),
        {
            "consent_missing": ["child_welfare"],
            "may_appoint": False,
            "unverified": ["child_welfare_consents"],
        },
        id="child-welfare-has-care-not-yet-consented",
    ),
    pytest.param(
        norway(**NOT_SERIOUS),
        {
            "entitled": ["koordinator", "individual_plan"],
            "offer": ["koordinator", "individual_plan"],
            "criteria_met": {"serious_condition": False},
        },
        id="not-serious-gets-k-not-bk",
    ),
    pytest.param(
        norway(judgement={"needs_other_welfare_services": False}),
        {"entitled": ["koordinator", "individual_plan"], "offer": ["koordinator", "individual_plan"]},
        id="no-other-welfare-services-gets-k-not-bk",
    ),
    pytest.param(
        norway(judgement={"coordinated": False}),
        {
            "entitled": ["barnekoordinator"],
            "offer": ["barnekoordinator"],
            "criteria_met": {
                "long_term_complex_or_coordinated_health_and_care": True,
                "koordinator_long_term_and_coordinated": False,
            },
        },
        id="complex-but-not-coordinated-bk-only",
    ),
    pytest.param(
        norway(judgement={"long_term": False}),
        {"entitled": [], "offer": [], "may_appoint": False},
        id="not-long-term-nothing",
    ),
    pytest.param(
        replace_block(norway(), "judgement", {}),
        {
            "entitled": [],
            "offer": [],
            "may_appoint": False,
            "criteria_met": {
                "child_under_18_or_expected": True,
                "serious_condition": None,
                "long_term_complex_or_coordinated_health_and_care": None,
                "koordinator_long_term_and_coordinated": None,
            },
        },
        id="nothing-judged-yet-nothing-entitled",
    ),
    pytest.param(
        norway(judgement={"serious_condition": None}),
        {
            "entitled": ["koordinator", "individual_plan"],
            "offer": ["koordinator", "individual_plan"],
            "criteria_met": {"serious_condition": None},
        },
        id="serious-not-judged-yet-bk-waits",
    ),
    pytest.param(
        norway(judgement={"complex": None}),
        {
            "entitled": MUNICIPAL,
            "criteria_met": {"long_term_complex_or_coordinated_health_and_care": True},
        },
        id="complex-not-judged-but-coordinated-is-enough",
    ),
    pytest.param(
        replace_block(norway(), "child", None),
        {
            "entitled": ["koordinator", "individual_plan"],
            "criteria_met": {"child_under_18_or_expected": None},
        },
        id="no-birth-or-expected-date-bk-waits",
    ),
    pytest.param(
        norway(judgement={"needs_specialist_health_services": True}),
        {
            "entitled": [*MUNICIPAL, "specialist_coordinator"],
            "offer": ["barnekoordinator", "individual_plan", "specialist_coordinator"],
        },
        id="specialist-coordinator-listed-for-the-hospital",
    ),
    pytest.param(
        norway(
            judgement={
                "needs_specialist_health_services": True,
                "complex": False,
                "coordinated": False,
            }
        ),
        {"entitled": [], "criteria_met": {"specialist_complex_or_long_term_coordinated": False}},
        id="specialist-need-neither-complex-nor-coordinated",
    ),
    pytest.param(
        norway(child={"birth_date": "2010-06-01"}),
        {"consent_missing": [], "unverified": ["all_guardians_consent", "child_voice_at_16"]},
        id="sixteen-year-old-guardians-still-consent",
    ),
    pytest.param(
        norway(child={"birth_date": "2008-02-29"}, today="2026-02-28"),
        {
            "entitled": MUNICIPAL,
            "unverified": ["all_guardians_consent", "child_voice_at_16", "leap_day_anniversary"],
        },
        id="born-29-february-still-17-on-28-february",
    ),
    pytest.param(
        norway(child={"birth_date": "2008-02-29"}, today="2026-03-01"),
        {"entitled": ["koordinator", "individual_plan"], "unverified": ["leap_day_anniversary"]},
        id="born-29-february-turns-18-on-1-march",
    ),
]


@pytest.mark.parametrize(("situation", "expected"), SCENARIOS)
def test_norway_scenario(situation: dict[str, Any], expected: dict[str, Any]) -> None:
    assert_matches(assess_situation(situation), expected)


def _complaint(
    known: str, lodged: str | None, *, written: bool = True, signed: bool = True
) -> dict[str, Any]:
    complaint: dict[str, Any] = {"decision_known_on": known, "written": written, "signed": signed}
    if lodged is not None:
        complaint["lodged_on"] = lodged
    return complaint


COMPLAINTS: list[Any] = [
    pytest.param(
        _complaint("2026-03-05", "2026-03-20"),
        "2026-11-22",
        {"deadline": "2026-04-02", "in_time": True, "valid_form": True},
        id="in-time-as-in-the-contract",
    ),
    pytest.param(
        _complaint("2026-03-05", "2026-04-02"), "2026-11-22", {"in_time": True}, id="in-time-on-the-last-day"
    ),
    pytest.param(
        _complaint("2026-03-05", "2026-04-03"),
        "2026-11-22",
        {"deadline": "2026-04-02", "in_time": False},
        id="one-day-late",
    ),
    pytest.param(
        _complaint("2026-01-31", "2026-02-28"),
        "2026-11-22",
        {"deadline": "2026-02-28", "in_time": True},
        id="across-the-end-of-january",
    ),
    pytest.param(
        _complaint("2028-02-10", "2028-03-09"),
        "2028-12-01",
        {"deadline": "2028-03-09", "in_time": True},
        id="across-february-in-a-leap-year",
    ),
    pytest.param(
        _complaint("2027-02-10", "2027-03-11"),
        "2027-12-01",
        {"deadline": "2027-03-10", "in_time": False},
        id="across-february-in-a-common-year-one-day-late",
    ),
    pytest.param(
        _complaint("2025-12-20", "2026-01-17"),
        "2026-11-22",
        {"deadline": "2026-01-17", "in_time": True},
        id="across-new-year",
    ),
    pytest.param(
        _complaint("2026-11-01", None),
        "2026-11-22",
        {"in_time": True},
        id="not-yet-lodged-in-time-if-lodged-today",
    ),
    pytest.param(
        _complaint("2026-10-01", None), "2026-11-22", {"in_time": False}, id="not-yet-lodged-already-too-late"
    ),
    pytest.param(
        _complaint("2026-03-05", "2026-03-06", signed=False),
        "2026-11-22",
        {"valid_form": False, "in_time": True},
        id="unsigned",
    ),
    pytest.param(
        _complaint("2026-03-05", "2026-03-06", written=False, signed=False),
        "2026-11-22",
        {"valid_form": False},
        id="oral-is-not-yet-a-complaint",
    ),
    pytest.param(
        {"decision_known_on": "2026-03-05", "lodged_on": "2026-03-06"},
        "2026-11-22",
        {"valid_form": False},
        id="form-not-described-is-not-valid",
    ),
]


@pytest.mark.parametrize(("complaint", "today", "expected"), COMPLAINTS)
def test_norway_complaint(complaint: dict[str, Any], today: str, expected: dict[str, Any]) -> None:
    result = assess_situation(norway(today=today, complaint=complaint))
    assert result["complaint"]["lodge_with"] == "municipality"
    assert result["complaint"]["decided_by"] == "Statsforvalteren"
    assert_matches(result, {"complaint": expected})


def test_no_complaint_gives_null_complaint() -> None:
    assert assess_situation(norway())["complaint"] is None


def test_one_guardian_is_enough_when_the_municipality_says_so() -> None:
    settings = MunicipalitySettings(all_guardians_consent=False)
    result = assess_situation(norway(family={"guardians_consenting": 1}), settings)
    assert result["consent_missing"] == []
    assert result["may_appoint"] is True
    assert "all_guardians_consent" in result["unverified"]


def test_child_of_16_consenting_too_is_reported_missing_when_required() -> None:
    settings = MunicipalitySettings(child_of_16_consents_too=True)
    result = assess_situation(norway(child={"birth_date": "2010-06-01"}), settings)
    assert result["consent_missing"] == ["child"]
    assert result["may_appoint"] is False


def test_child_welfare_rule_off_falls_back_to_the_guardians() -> None:
    settings = MunicipalitySettings(child_welfare_consents=False)
    situation = norway(family={"child_welfare_has_care": True, "guardians_consenting": 1})
    result = assess_situation(situation, settings)
    assert result["consent_missing"] == ["second_guardian"]
    assert "child_welfare_consents" not in result["unverified"]


def test_result_carries_exactly_the_contract_fields_and_norwegian_entitlements() -> None:
    result = assess_situation(replace_block(norway(), "judgement", {}))
    assert list(result) == [
        "jurisdiction",
        "entitlements",
        "offer",
        "criteria",
        "may_appoint",
        "consent_missing",
        "service_contact",
        "governed_by_other_act",
        "complaint",
        "unverified",
    ]
    assert list(result["entitlements"]) == [
        "barnekoordinator",
        "koordinator",
        "individual_plan",
        "specialist_coordinator",
    ]
    assert result["service_contact"] is None
    assert result["governed_by_other_act"] is None
    assert all(set(c) == {"id", "met", "basis"} for c in result["criteria"])


def test_each_criterion_cites_its_basis() -> None:
    bases = {c["id"]: c["basis"] for c in assess_situation(norway())["criteria"]}
    assert bases["child_under_18_or_expected"] == "pbrl § 2-5c"
    assert bases["koordinator_long_term_and_coordinated"] == "pbrl § 2-5b"
    assert bases["individual_plan_long_term_and_coordinated"] == "pbrl § 2-5"
    assert bases["needs_specialist_health_services"] == "sphl § 2-5a"
