"""Iceland: the Prosperity Act no. 86/2021 (integration of services in the interest of children's
prosperity) and complaints to GEV under Act 88/2021.

Service contact (tengiliður) art. 17 and 25; request art. 18; case manager (málstjóri) art. 20;
support team and support plan art. 21. A child is anyone under 18, and "parent" includes a
pregnant person (art. 2).
"""

from __future__ import annotations

import datetime
from typing import ClassVar, Final

from knutepunkt.jurisdictions import deadlines
from knutepunkt.jurisdictions.base import (
    DEFAULT_SETTINGS,
    AssessmentResult,
    ComplaintCheck,
    ComplaintFacts,
    Jurisdiction,
    MunicipalitySettings,
    Situation,
    any_of,
    negate,
)
from knutepunkt.jurisdictions.consent import (
    child_welfare_consent_missing,
    guardian_consent_missing,
    ordered_unverified,
)
from knutepunkt.jurisdictions.legal import (
    ICELAND_BASIS,
    ICELAND_COMPLAINT_DECIDED_BY,
    ICELAND_COMPLAINT_LODGE_WITH,
    ICELAND_ENTITLEMENT_CRITERIA,
    ICELAND_ENTITLEMENTS,
)

# Art. 17: pregnancy until preschool — the health centre; in preschool, primary or secondary
# school — that school. "not_in_school" depends on domicile (art. 25) and is resolved apart.
CONTACT_BY_STAGE: Final[dict[str, str]] = {
    "pregnancy": "health_centre",
    "infant": "health_centre",
    "preschool": "school",
    "primary_school": "school",
    "secondary_school": "school",
}
CASE_MANAGER_LEVELS: Final = frozenset({2, 3})


class Iceland(Jurisdiction):
    code: ClassVar[str] = "IS"
    entitlement_keys: ClassVar[tuple[str, ...]] = ICELAND_ENTITLEMENTS
    criterion_basis: ClassVar[dict[str, str]] = ICELAND_BASIS
    entitlement_criteria: ClassVar[dict[str, tuple[str, ...]]] = ICELAND_ENTITLEMENT_CRITERIA

    def child_may_request(self, situation: Situation, settings: MunicipalitySettings) -> bool | None:
        """No age is set for a child's own request ([U]); a municipality may set one."""
        minimum = settings.child_age_for_own_request
        if minimum is None:
            return True
        age = situation.child_age
        return None if age is None else age >= minimum

    def request_made(
        self, situation: Situation, settings: MunicipalitySettings, applied: set[str]
    ) -> bool | None:
        """Art. 18: nothing starts without a request from the parents and/or the child."""
        by = situation.iceland.request_by
        if by is None:
            return None
        if by == "none":
            return False
        parents = by in ("parents", "both")
        child: bool | None = False
        if by in ("child", "both"):
            applied.add("child_age_for_own_request")
            child = self.child_may_request(situation, settings)
        return any_of(parents, child)

    def service_contact_for(self, situation: Situation) -> str | None:
        """Art. 17 by stage; outside school, social services of legal domicile, or with no
        domicile the municipality where the child stays (art. 25). ``None`` while unknown."""
        facts = situation.iceland
        if facts.stage is None:
            return None
        if facts.stage != "not_in_school":
            return CONTACT_BY_STAGE[facts.stage]
        if facts.has_domicile is None:
            return None
        return "social_services" if facts.has_domicile else "municipality_of_stay"

    def nearing_adulthood(self, situation: Situation, settings: MunicipalitySettings) -> bool | None:
        if situation.child_is_expected:
            return False
        age = situation.child_age
        return None if age is None else age >= settings.adulthood_plan_age

    def criteria_met(
        self, situation: Situation, settings: MunicipalitySettings, applied: set[str]
    ) -> dict[str, bool | None]:
        facts = situation.iceland
        levels = facts.service_levels
        return {
            "request_made": self.request_made(situation, settings, applied),
            "child_under_18_or_expected": situation.child_under_18_or_expected,
            "service_contact_identified": None if self.service_contact_for(situation) is None else True,
            # Art. 20: multi-faceted level 2/3 services over a longer time.
            "multi_faceted_long_term": facts.multi_faceted_long_term,
            "needs_level_2_or_3": None if levels is None else bool(levels & CASE_MANAGER_LEVELS),
            # Art. 20: an open child protection case is run under the Child Protection Act.
            "no_child_protection_case": negate(facts.child_protection_case),
            "nearing_adulthood": self.nearing_adulthood(situation, settings),
        }

    def consent_missing(
        self,
        situation: Situation,
        settings: MunicipalitySettings,
        request_made: bool | None,
        applied: set[str],
    ) -> list[str]:
        """The request is the family's consent to start (art. 18). When it rests on the parents,
        joint custodians decide it jointly ([U]); a child's own request stands on its own."""
        missing: list[str] = [] if request_made is True else ["request"]
        by = situation.iceland.request_by
        child_request_counts = by in ("child", "both") and self.child_may_request(situation, settings) is True
        if by in ("parents", "both") and not child_request_counts:
            family = situation.family
            if family.child_welfare_has_care and settings.child_welfare_consents:
                applied.add("child_welfare_consents")
                missing += child_welfare_consent_missing(family)
            else:
                missing += guardian_consent_missing(
                    family,
                    all_must_consent=settings.joint_custody_request,
                    applied=applied,
                    rule="joint_custody_request",
                )
        return missing

    def complaint_birth_date(self, situation: Situation) -> datetime.date | None:
        # An unborn child's 18th birthday is estimated from the expected date; any error is
        # nearly two decades away from a complaint lodged now.
        return situation.child.birth_date or situation.child.expected_date

    def complaint_deadline(self, situation: Situation, complaint: ComplaintFacts) -> datetime.date:
        return deadlines.iceland_complaint_deadline(
            complaint.decision_known_on, self.complaint_birth_date(situation)
        )

    def check_complaint(
        self, situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS
    ) -> ComplaintCheck | None:
        """Act 88/2021 art. 17: to GEV, refused after one year, for a child counted from 18."""
        complaint = situation.complaint
        if complaint is None:
            return None
        deadline = self.complaint_deadline(situation, complaint)
        lodged_on = complaint.lodged_on or situation.today
        signed_if_needed = complaint.signed is True or not settings.iceland_complaint_must_be_signed
        return ComplaintCheck(
            deadline=deadline,
            in_time=lodged_on <= deadline,
            valid_form=complaint.written is True and signed_if_needed,
            lodge_with=ICELAND_COMPLAINT_LODGE_WITH,
            decided_by=ICELAND_COMPLAINT_DECIDED_BY,
        )

    def leap_day_mattered(self, situation: Situation) -> bool:
        if situation.child_born_on_leap_day:
            return True
        complaint = situation.complaint
        if complaint is None:
            return False
        birth = self.complaint_birth_date(situation)
        start = deadlines.iceland_complaint_start(complaint.decision_known_on, birth)
        from_leap_birthday = (
            birth is not None
            and deadlines.is_leap_day(birth)
            and start == deadlines.eighteenth_birthday(birth)
        )
        return deadlines.is_leap_day(start) or from_leap_birthday

    def assess(
        self, situation: Situation, settings: MunicipalitySettings = DEFAULT_SETTINGS
    ) -> AssessmentResult:
        applied: set[str] = set()
        met = self.criteria_met(situation, settings, applied)
        entitlements = self.entitlements_from(met)
        offer = tuple(key for key in self.entitlement_keys if entitlements[key])
        consent_missing = self.consent_missing(situation, settings, met["request_made"], applied)
        if entitlements["support_plan"]:
            applied.add("adulthood_plan_age")
        complaint = self.check_complaint(situation, settings)
        if complaint is not None:
            applied.add("iceland_complaint_form")
        if self.leap_day_mattered(situation):
            applied.add("leap_day_anniversary")
        return AssessmentResult(
            jurisdiction=self.code,
            entitlements=entitlements,
            offer=offer,
            criteria=self.criteria_from(met),
            may_appoint=bool(offer) and not consent_missing,
            consent_missing=tuple(consent_missing),
            service_contact=self.service_contact_for(situation) if entitlements["service_contact"] else None,
            governed_by_other_act="child_protection_act" if situation.iceland.child_protection_case else None,
            complaint=complaint,
            unverified=ordered_unverified(applied),
        )
