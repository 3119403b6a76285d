"""Iceland's rules, one situation per row (Act 86/2021 arts. 2, 17, 18, 20, 21, 25; Act 88/2021
art. 17)."""

from __future__ import annotations

from typing import Any

import pytest

from knutepunkt.jurisdictions import MunicipalitySettings, assess_situation
from knutepunkt.jurisdictions.tests.expectations import assert_matches
from knutepunkt.jurisdictions.tests.factories import iceland

EVERYTHING_BUT_ADULTHOOD = ["service_contact", "case_manager", "support_team", "support_plan"]
ALL_IS = [*EVERYTHING_BUT_ADULTHOOD, "adulthood_plan"]

SCENARIOS: list[Any] = [
    pytest.param(
        iceland(iceland={"request_by": "none"}),
        {
            "entitled": [],
            "offer": [],
            "may_appoint": False,
            "consent_missing": ["request"],
            "service_contact": None,
            "criteria_met": {"request_made": False, "multi_faceted_long_term": True},
        },
        id="no-request-nothing-starts",
    ),
    pytest.param(
        iceland(iceland={"request_by": None}),
        {"entitled": [], "consent_missing": ["request"], "criteria_met": {"request_made": None}},
        id="request-not-recorded-yet",
    ),
    pytest.param(
        iceland(),
        {
            "entitled": EVERYTHING_BUT_ADULTHOOD,
            "offer": EVERYTHING_BUT_ADULTHOOD,
            "may_appoint": True,
            "service_contact": "school",
            "governed_by_other_act": None,
            "unverified": ["joint_custody_request", "adulthood_plan_age"],
        },
        id="primary-school-level-2-case-manager",
    ),
    pytest.param(
        iceland(
            child={"birth_date": None, "expected_date": "2027-02-01"},
            iceland={"stage": "pregnancy", "service_levels": [1]},
        ),
        {"entitled": ["service_contact"], "service_contact": "health_centre", "may_appoint": True},
        id="pregnancy-health-centre",
    ),
    pytest.param(
        iceland(child={"birth_date": "2026-03-01"}, iceland={"stage": "infant"}),
        {"service_contact": "health_centre", "entitled": EVERYTHING_BUT_ADULTHOOD},
        id="infant-health-centre",
    ),
    pytest.param(
        iceland(child={"birth_date": "2022-01-10"}, iceland={"stage": "preschool"}),
        {"service_contact": "school"},
        id="preschool-is-that-school",
    ),
    pytest.param(
        iceland(child={"birth_date": "2010-02-01"}, iceland={"stage": "secondary_school"}),
        {"service_contact": "school"},
        id="secondary-school",
    ),
    pytest.param(
        iceland(child={"birth_date": "2010-02-01"}, iceland={"stage": "not_in_school", "has_domicile": True}),
        {"service_contact": "social_services"},
        id="not-in-school-social-services-of-domicile",
    ),
    pytest.param(
        iceland(
            child={"birth_date": "2010-02-01"}, iceland={"stage": "not_in_school", "has_domicile": False}
        ),
        {"service_contact": "municipality_of_stay", "entitled": ALL_IS},
        id="no-domicile-municipality-of-stay",
    ),
    pytest.param(
        iceland(child={"birth_date": "2010-02-01"}, iceland={"stage": "not_in_school", "has_domicile": None}),
        {
            "service_contact": None,
            "entitled": ALL_IS,
            "criteria_met": {"service_contact_identified": None},
        },
        id="not-in-school-domicile-unknown-contact-not-named-yet",
    ),
    pytest.param(
        iceland(iceland={"child_protection_case": True}),
        {
            "entitled": ["service_contact"],
            "governed_by_other_act": "child_protection_act",
            "criteria_met": {"no_child_protection_case": False},
        },
        id="child-protection-case-governed-by-other-act",
    ),
    pytest.param(
        iceland(iceland={"child_protection_case": None}),
        {"entitled": ["service_contact"], "criteria_met": {"no_child_protection_case": None}},
        id="child-protection-not-checked-yet",
    ),
    pytest.param(
        iceland(iceland={"service_levels": [1]}),
        {
            "entitled": ["service_contact"],
            "offer": ["service_contact"],
            "criteria_met": {"needs_level_2_or_3": False},
        },
        id="level-1-only-service-contact-only",
    ),
    pytest.param(
        iceland(iceland={"service_levels": [3]}),
        {"entitled": EVERYTHING_BUT_ADULTHOOD},
        id="level-3-multi-faceted-case-manager",
    ),
    pytest.param(
        iceland(iceland={"service_levels": [2, 3], "multi_faceted_long_term": False}),
        {"entitled": ["service_contact"]},
        id="level-2-and-3-but-not-multi-faceted",
    ),
    pytest.param(
        iceland(iceland={"service_levels": None}),
        {"entitled": ["service_contact"], "criteria_met": {"needs_level_2_or_3": None}},
        id="levels-not-assessed-yet",
    ),
    pytest.param(
        iceland(child={"birth_date": "2010-11-22"}, iceland={"stage": "secondary_school"}),
        {"entitled": ALL_IS, "criteria_met": {"nearing_adulthood": True}},
        id="sixteenth-birthday-adulthood-plan",
    ),
    pytest.param(
        iceland(child={"birth_date": "2010-11-23"}, iceland={"stage": "secondary_school"}),
        {"entitled": EVERYTHING_BUT_ADULTHOOD, "criteria_met": {"nearing_adulthood": False}},
        id="day-before-sixteenth-birthday-no-adulthood-plan-yet",
    ),
    pytest.param(
        iceland(child={"birth_date": "2008-11-22"}, iceland={"stage": "not_in_school"}),
        {
            "entitled": [],
            "offer": [],
            "may_appoint": False,
            "criteria_met": {"child_under_18_or_expected": False},
        },
        id="eighteen-today-no-longer-a-child",
    ),
    pytest.param(
        iceland(
            child={"birth_date": "2012-04-04"},
            iceland={"request_by": "child"},
            family={"guardians_consenting": 0},
        ),
        {
            "entitled": EVERYTHING_BUT_ADULTHOOD,
            "consent_missing": [],
            "may_appoint": True,
            "unverified": ["child_age_for_own_request", "adulthood_plan_age"],
        },
        id="child-asks-on-its-own",
    ),
    pytest.param(
        iceland(family={"guardians_consenting": 1}),
        {
            "entitled": EVERYTHING_BUT_ADULTHOOD,
            "consent_missing": ["second_guardian"],
            "may_appoint": False,
            "unverified": ["joint_custody_request", "adulthood_plan_age"],
        },
        id="one-of-two-custodians-supports-the-request",
    ),
    pytest.param(
        iceland(iceland={"request_by": "both"}, family={"guardians_consenting": 1}),
        {"consent_missing": [], "may_appoint": True},
        id="child-and-one-parent-ask-the-child-request-stands",
    ),
    pytest.param(
        iceland(
            family={
                "child_welfare_has_care": True,
                "guardians_with_responsibility": 1,
                "guardians_consenting": 0,
            }
        ),
        {
            "consent_missing": ["child_welfare"],
            "unverified": ["child_welfare_consents", "adulthood_plan_age"],
        },
        id="child-welfare-has-care-has-not-agreed",
    ),
]


@pytest.mark.parametrize(("situation", "expected"), SCENARIOS)
def test_iceland_scenario(situation: dict[str, Any], expected: dict[str, Any]) -> None:
    assert_matches(assess_situation(situation), expected)


def _complaint(known: str, lodged: str, *, written: bool = True) -> dict[str, Any]:
    return {"decision_known_on": known, "lodged_on": lodged, "written": written, "signed": False}


COMPLAINTS: list[Any] = [
    pytest.param(
        "2009-06-01",
        _complaint("2026-01-10", "2026-11-20"),
        {"deadline": "2028-06-01", "in_time": True, "valid_form": True},
        id="child-of-17-the-year-starts-at-18",
    ),
    pytest.param(
        "1990-01-01",
        _complaint("2025-11-01", "2026-11-01"),
        {"deadline": "2026-11-01", "in_time": True},
        id="adult-on-the-last-day",
    ),
    pytest.param(
        "1990-01-01",
        _complaint("2025-11-01", "2026-11-02"),
        {"deadline": "2026-11-01", "in_time": False},
        id="adult-one-day-late",
    ),
    pytest.param(
        "2000-05-05",
        _complaint("2024-02-29", "2025-03-01"),
        {"deadline": "2025-03-01", "in_time": True},
        id="known-on-29-february-year-ends-1-march",
    ),
    pytest.param(
        "2008-02-29",
        _complaint("2025-05-01", "2026-11-20"),
        {"deadline": "2027-03-01", "in_time": True},
        id="child-born-29-february-turned-18-on-1-march",
    ),
    pytest.param(
        "2009-06-01",
        _complaint("2026-01-10", "2026-11-20", written=False),
        {"valid_form": False},
        id="not-written",
    ),
]


@pytest.mark.parametrize(("birth_date", "complaint", "expected"), COMPLAINTS)
def test_iceland_complaint(birth_date: str, complaint: dict[str, Any], expected: dict[str, Any]) -> None:
    result = assess_situation(iceland(child={"birth_date": birth_date}, complaint=complaint))
    assert result["complaint"]["lodge_with"] == "GEV"
    assert result["complaint"]["decided_by"] == "GEV"
    assert "iceland_complaint_form" in result["unverified"]
    assert_matches(result, {"complaint": expected})


def test_leap_day_choice_is_reported_when_it_set_the_deadline() -> None:
    result = assess_situation(
        iceland(child={"birth_date": "2000-05-05"}, complaint=_complaint("2024-02-29", "2024-03-01"))
    )
    assert "leap_day_anniversary" in result["unverified"]


def test_expected_child_complaint_year_starts_at_estimated_18th_birthday() -> None:
    situation = iceland(
        child={"birth_date": None, "expected_date": "2027-01-15"},
        iceland={"stage": "pregnancy"},
        complaint={"decision_known_on": "2026-10-01", "written": True},
    )
    assert assess_situation(situation)["complaint"]["deadline"] == "2046-01-15"


def test_signature_required_when_the_municipality_says_so() -> None:
    settings = MunicipalitySettings(iceland_complaint_must_be_signed=True)
    situation = iceland(complaint=_complaint("2026-01-10", "2026-02-01"))
    assert assess_situation(situation, settings)["complaint"]["valid_form"] is False


def test_adulthood_plan_age_is_a_municipality_setting() -> None:
    settings = MunicipalitySettings(adulthood_plan_age=15)
    situation = iceland(child={"birth_date": "2011-01-01"}, iceland={"stage": "secondary_school"})
    assert assess_situation(situation)["entitlements"]["adulthood_plan"] is False
    assert assess_situation(situation, settings)["entitlements"]["adulthood_plan"] is True


def test_minimum_age_for_a_childs_own_request() -> None:
    settings = MunicipalitySettings(child_age_for_own_request=12)
    young = iceland(child={"birth_date": "2017-09-01"}, iceland={"request_by": "child"})
    old_enough = iceland(child={"birth_date": "2013-09-01"}, iceland={"request_by": "child"})
    assert assess_situation(young, settings)["consent_missing"] == ["request"]
    assert assess_situation(young, settings)["entitlements"]["service_contact"] is False
    assert assess_situation(old_enough, settings)["entitlements"]["service_contact"] is True


def test_one_custodian_is_enough_when_the_municipality_says_so() -> None:
    settings = MunicipalitySettings(joint_custody_request=False)
    result = assess_situation(iceland(family={"guardians_consenting": 1}), settings)
    assert result["consent_missing"] == []


def test_iceland_ignores_the_norwegian_judgements_and_declines() -> None:
    situation = iceland(judgement={"serious_condition": False}, family={"declines": ["koordinator"]})
    assert assess_situation(situation)["entitlements"]["case_manager"] is True


def test_result_lists_every_icelandic_entitlement() -> None:
    result = assess_situation(iceland(iceland={"request_by": "none"}))
    assert list(result["entitlements"]) == [
        "service_contact",
        "case_manager",
        "support_team",
        "support_plan",
        "adulthood_plan",
    ]
    assert [c["id"] for c in result["criteria"]][0] == "request_made"
    assert result["criteria"][0]["basis"] == "Act 86/2021 art. 18"
