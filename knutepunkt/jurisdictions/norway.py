"""Norway: barnekoordinator, koordinator, individuell plan and the hospital's coordinator.

Rights: pbrl § 2-5c (BK, in force 1 August 2022), § 2-5b (K), § 2-5 (IP); duties: hol § 7-2a,
§ 7-2, § 7-1; the specialist-health coordinator: sphl § 2-5a. Complaints: pbrl §§ 7-2, 7-5, 7-7.
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from knutepunkt.jurisdictions import deadlines
from knutepunkt.jurisdictions.base import (
    DEFAULT_SETTINGS,
    AssessmentResult,
    ComplaintCheck,
    ComplaintFacts,
    Jurisdiction,
    MunicipalitySettings,
    Situation,
    all_of,
    any_of,
)
from knutepunkt.jurisdictions.consent import (
    child_welfare_consent_missing,
    guardian_consent_missing,
    ordered_unverified,
)
from knutepunkt.jurisdictions.legal import (
    NORWAY_BASIS,
    NORWAY_COMPLAINT_DECIDED_BY,
    NORWAY_COMPLAINT_LODGE_WITH,
    NORWAY_ENTITLEMENT_CRITERIA,
    NORWAY_ENTITLEMENTS,
)

# The coordinators the municipality appoints; the specialist coordinator is the hospital's.
MUNICIPAL_COORDINATORS = ("barnekoordinator", "koordinator")


class Norway(Jurisdiction):
    code: ClassVar[str] = "NO"
    entitlement_keys: ClassVar[tuple[str, ...]] = NORWAY_ENTITLEMENTS
    criterion_basis: ClassVar[dict[str, str]] = NORWAY_BASIS
    entitlement_criteria: ClassVar[dict[str, tuple[str, ...]]] = NORWAY_ENTITLEMENT_CRITERIA

    def criteria_met(self, situation: Situation) -> dict[str, bool | None]:
        j = situation.judgement
        long_term_and_coordinated = all_of(j.long_term, j.coordinated)
        return {
            # pbrl § 2-5c (a): a child under 18 or an expected child; the right ends at 18.
            "child_under_18_or_expected": situation.child_under_18_or_expected,
            # (b): a professional judgement; no diagnosis needed.
            "serious_condition": j.serious_condition,
            # (c), first half: long-term AND complex-or-coordinated health and care services.
            "long_term_complex_or_coordinated_health_and_care": all_of(
                j.long_term, any_of(j.complex, j.coordinated), j.needs_health_and_care_services
            ),
            # (c), second half: AND other welfare services (NAV, adapted kindergarten or school, …).
            "needs_other_welfare_services": j.needs_other_welfare_services,
            # pbrl § 2-5b and § 2-5: long-term AND coordinated, no age limit, no "serious".
            "koordinator_long_term_and_coordinated": long_term_and_coordinated,
            "individual_plan_long_term_and_coordinated": long_term_and_coordinated,
            # sphl § 2-5a: "complex, or long-term and coordinated" specialist services.
            "needs_specialist_health_services": j.needs_specialist_health_services,
            "specialist_complex_or_long_term_coordinated": any_of(j.complex, long_term_and_coordinated),
        }

    def offer(self, entitlements: dict[str, bool], declines: frozenset[str]) -> tuple[str, ...]:
        """Never two coordinators: BK if entitled and wanted, else K if entitled and wanted.

        A declined IP leaves the coordinator in place (K "is offered even when the person declines
        an IP"), and a plan is never made without consent, so a declined IP is not offered.
        """
        offer: list[str] = []
        for coordinator in MUNICIPAL_COORDINATORS:
            if entitlements[coordinator] and coordinator not in declines:
                offer.append(coordinator)
                break
        if entitlements["individual_plan"] and "individual_plan" not in declines:
            offer.append("individual_plan")
        if entitlements["specialist_coordinator"]:
            offer.append("specialist_coordinator")
        return tuple(offer)

    def consent_missing(
        self, situation: Situation, settings: MunicipalitySettings, applied: set[str]
    ) -> list[str]:
        """Appointment needs the consent of whoever consents on the child's behalf (hol § 7-2a,
        DOMAIN.md "How it goes" 3); an adult consents for themselves (pbrl § 4-1)."""
        age = situation.child_age
        if age is not None and age >= deadlines.AGE_OF_MAJORITY:
            return ["own_consent"]
        family = situation.family
        if family.child_welfare_has_care and settings.child_welfare_consents:
            applied.add("child_welfare_consents")
            missing = child_welfare_consent_missing(family)
        else:
            missing = guardian_consent_missing(
                family,
                all_must_consent=settings.all_guardians_consent,
                applied=applied,
                rule="all_guardians_consent",
            )
        if age is not None and age >= 16:
            # pbrl § 4-3 makes a 16-year-old of age for health matters; how that meets the
            # family's right to a BK is unsettled, hence a setting.
            applied.add("child_voice_at_16")
            if settings.child_of_16_consents_too:
                missing.append("child")
        return missing

    def complaint_deadline(self, situation: Situation, complaint: ComplaintFacts) -> datetime.date:
        return deadlines.norway_complaint_deadline(complaint.decision_known_on)

    def check_complaint(
        self, situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS
    ) -> ComplaintCheck | None:
        """pbrl § 7-2: written and signed; § 7-5: four weeks; sent to the municipality, which
        reassesses and forwards to Statsforvalteren if it keeps its decision."""
        complaint = situation.complaint
        if complaint is None:
            return None
        deadline = self.complaint_deadline(situation, complaint)
        # No lodged_on: the question is "if it is lodged today".
        lodged_on = complaint.lodged_on or situation.today
        return ComplaintCheck(
            deadline=deadline,
            in_time=lodged_on <= deadline,
            valid_form=complaint.written is True and complaint.signed is True,
            lodge_with=NORWAY_COMPLAINT_LODGE_WITH,
            decided_by=NORWAY_COMPLAINT_DECIDED_BY,
        )

    def assess(
        self, situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS
    ) -> AssessmentResult:
        met = self.criteria_met(situation)
        entitlements = self.entitlements_from(met)
        offer = self.offer(entitlements, situation.family.declines)
        applied: set[str] = set()
        consent_missing = self.consent_missing(situation, settings, applied)
        if situation.child_born_on_leap_day:
            applied.add("leap_day_anniversary")
        return AssessmentResult(
            jurisdiction=self.code,
            entitlements=entitlements,
            offer=offer,
            criteria=self.criteria_from(met),
            may_appoint=any(c in offer for c in MUNICIPAL_COORDINATORS) and not consent_missing,
            consent_missing=tuple(consent_missing),
            complaint=self.check_complaint(situation, settings),
            unverified=ordered_unverified(applied),
        )
