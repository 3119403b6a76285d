"""Legal references and the English texts that explain them, as data, in one place.

Every criterion id, consent reason and ``unverified`` name that the rules can produce is a key
here, so the ``assess`` command's ``--help``, the pages and the tests all read the same table and
cannot drift. The English texts are stable keys for translation: change the wording only together
with the translations.

Abbreviations follow DOMAIN.md: pbrl = pasient- og brukerrettighetsloven, hol = helse- og
omsorgstjenesteloven, sphl = spesialisthelsetjenesteloven; "Act 86/2021" is Iceland's Prosperity
Act (lög um samþættingu þjónustu í þágu farsældar barna), "Act 88/2021" the act on GEV.
"""

from __future__ import annotations

from typing import Final


def N_(text: str) -> str:  # the conventional name of a gettext marker
    """Mark ``text`` for translation without translating it here (no Django in this package).

    ``manage.py makemessages`` collects every ``N_("...")`` (knutepunkt/core/management/commands/
    makemessages.py adds the keyword); pages and letters translate the text when they show it.
    """
    return text


# --- Norway ---------------------------------------------------------------------------------

NORWAY_ENTITLEMENTS: Final = ("barnekoordinator", "koordinator", "individual_plan", "specialist_coordinator")

# The family's right is in pbrl; the municipality's matching duty is in hol (BK § 7-2a, K § 7-2,
# IP § 7-1). Criteria cite the right, because the family is the one who can complain about it.
NORWAY_BASIS: Final[dict[str, str]] = {
    "child_under_18_or_expected": "pbrl § 2-5c",
    "serious_condition": "pbrl § 2-5c",
    "long_term_complex_or_coordinated_health_and_care": "pbrl § 2-5c",
    "needs_other_welfare_services": "pbrl § 2-5c",
    "koordinator_long_term_and_coordinated": "pbrl § 2-5b",
    "individual_plan_long_term_and_coordinated": "pbrl § 2-5",
    "needs_specialist_health_services": "sphl § 2-5a",
    "specialist_complex_or_long_term_coordinated": "sphl § 2-5a",
}

# Which criteria each entitlement needs; an entitlement is true only when every one is met.
NORWAY_ENTITLEMENT_CRITERIA: Final[dict[str, tuple[str, ...]]] = {
    "barnekoordinator": (
        "child_under_18_or_expected",
        "serious_condition",
        "long_term_complex_or_coordinated_health_and_care",
        "needs_other_welfare_services",
    ),
    "koordinator": ("koordinator_long_term_and_coordinated",),
    "individual_plan": ("individual_plan_long_term_and_coordinated",),
    "specialist_coordinator": (
        "needs_specialist_health_services",
        "specialist_complex_or_long_term_coordinated",
    ),
}

NORWAY_DUTY_BASIS: Final[dict[str, str]] = {
    "barnekoordinator": "hol § 7-2a",
    "koordinator": "hol § 7-2",
    "individual_plan": "hol § 7-1",
    "specialist_coordinator": "sphl § 2-5a",
}

NORWAY_COMPLAINT_BASIS: Final = "pbrl § 7-2, § 7-5"
NORWAY_COMPLAINT_LODGE_WITH: Final = "municipality"
NORWAY_COMPLAINT_DECIDED_BY: Final = "Statsforvalteren"

# --- Iceland --------------------------------------------------------------------------------

ICELAND_ENTITLEMENTS: Final = (
    "service_contact",
    "case_manager",
    "support_team",
    "support_plan",
    "adulthood_plan",
)

ICELAND_BASIS: Final[dict[str, str]] = {
    "request_made": "Act 86/2021 art. 18",
    "child_under_18_or_expected": "Act 86/2021 art. 2",
    "service_contact_identified": "Act 86/2021 art. 17, art. 25",
    "multi_faceted_long_term": "Act 86/2021 art. 20",
    "needs_level_2_or_3": "Act 86/2021 art. 20",
    "no_child_protection_case": "Act 86/2021 art. 20",
    "nearing_adulthood": "Act 86/2021 art. 21",
}

_CASE_MANAGER_CRITERIA: Final = (
    "request_made",
    "child_under_18_or_expected",
    "multi_faceted_long_term",
    "needs_level_2_or_3",
    "no_child_protection_case",
)

# service_contact_identified is deliberately in no entitlement: every child with a request has a
# right to a service contact (art. 17); not yet knowing the stage only leaves *which* one open.
ICELAND_ENTITLEMENT_CRITERIA: Final[dict[str, tuple[str, ...]]] = {
    "service_contact": ("request_made", "child_under_18_or_expected"),
    "case_manager": _CASE_MANAGER_CRITERIA,
    "support_team": _CASE_MANAGER_CRITERIA,
    "support_plan": _CASE_MANAGER_CRITERIA,
    "adulthood_plan": (*_CASE_MANAGER_CRITERIA, "nearing_adulthood"),
}

ICELAND_DUTY_BASIS: Final[dict[str, str]] = {
    "service_contact": "Act 86/2021 art. 17",
    "case_manager": "Act 86/2021 art. 20",
    "support_team": "Act 86/2021 art. 21",
    "support_plan": "Act 86/2021 art. 21",
    "adulthood_plan": "Act 86/2021 art. 21",
}

SERVICE_CONTACTS: Final[dict[str, str]] = {
    "health_centre": N_("the health centre (pregnancy until preschool)"),
    "school": N_("the child's preschool, primary or secondary school"),
    "social_services": N_("social services of the municipality of legal domicile"),
    "municipality_of_stay": N_("the municipality where the child stays (no legal domicile, art. 25)"),
}

OTHER_ACTS: Final[dict[str, str]] = {
    "child_protection_act": N_("Child protection has opened a case, so the Child Protection Act governs it"),
}

ICELAND_COMPLAINT_BASIS: Final = "Act 88/2021 art. 17"
# GEV = Gæða- og eftirlitsstofnun velferðarmála, which both receives and decides the complaint.
ICELAND_COMPLAINT_LODGE_WITH: Final = "GEV"
ICELAND_COMPLAINT_DECIDED_BY: Final = "GEV"

# --- Texts shared by both -------------------------------------------------------------------

CRITERION_EXPLANATIONS: Final[dict[str, str]] = {
    "child_under_18_or_expected": N_("The child is under 18, or the child is expected."),
    "serious_condition": (
        N_(
            "The child has a serious illness, injury or reduced functional capacity "
            "(a professional judgement; no diagnosis is needed)."
        )
    ),
    "long_term_complex_or_coordinated_health_and_care": (
        N_("The child will need long-term health and care services that are complex or must be coordinated.")
    ),
    "needs_other_welfare_services": (
        N_(
            "The child will also need other welfare services, such as NAV benefits or an adapted "
            "kindergarten or school."
        )
    ),
    "koordinator_long_term_and_coordinated": (
        N_("The person needs long-term and coordinated health and care services; there is no age limit.")
    ),
    "individual_plan_long_term_and_coordinated": (
        N_(
            "The person needs long-term and coordinated services, which gives a right to an individual plan, "
            "made only with consent."
        )
    ),
    "needs_specialist_health_services": N_("The child needs specialist health services."),
    "specialist_complex_or_long_term_coordinated": (
        N_("The specialist health services needed are complex, or long-term and coordinated.")
    ),
    "request_made": (
        N_(
            "The parents and/or the child have asked for integrated services; "
            "nothing starts without a request."
        )
    ),
    "service_contact_identified": (
        N_(
            "The child's stage of life (and, outside school, legal domicile) is known, "
            "so the service contact can be named."
        )
    ),
    "multi_faceted_long_term": N_("The child likely needs multi-faceted services over a longer time."),
    "needs_level_2_or_3": N_("The child needs services at level 2 (targeted) or level 3 (specialised)."),
    "no_child_protection_case": (
        N_("Child protection has not opened a case; if it has, the Child Protection Act governs instead.")
    ),
    "nearing_adulthood": (
        N_("The child has reached the age from which the support plan also plans services into adulthood.")
    ),
}

ENTITLEMENT_DESCRIPTIONS: Final[dict[str, str]] = {
    "barnekoordinator": N_("a child coordinator for the family (until the child turns 18)"),
    "koordinator": N_("a coordinator (no age limit)"),
    "individual_plan": N_("an individual plan (only with consent)"),
    "specialist_coordinator": N_(
        "the hospital's coordinator; the hospital appoints it, not the municipality"
    ),
    "service_contact": N_("a service contact (tengiliður)"),
    "case_manager": N_("a case manager (málstjóri), appointed by the municipality of legal domicile"),
    "support_team": N_("a support team (stuðningsteymi), formed by the case manager"),
    "support_plan": N_("a support plan, written by the support team"),
    "adulthood_plan": N_("a plan for services into adulthood, as part of the support plan"),
}

CONSENT_REASONS: Final[dict[str, str]] = {
    "first_guardian": N_("No guardian with parental responsibility has consented yet."),
    "second_guardian": N_("The second guardian with parental responsibility has not consented yet."),
    "guardian_consent": (
        N_(
            "Consent from the guardians with parental responsibility cannot be confirmed: how many hold "
            "it is not given, nobody holds it, or more than two hold it and not all have consented."
        )
    ),
    "child_welfare": N_("Child welfare has care of the child and has not consented yet."),
    "child": (
        N_(
            "The child is 16 or 17 and the municipality asks for the child's own consent too; the situation "
            "has no field for it, so it is recorded outside this assessment."
        )
    ),
    "own_consent": (
        N_(
            "The person is 18 or older and consents for themselves; the situation has no field for that "
            "consent, so it is recorded outside this assessment."
        )
    ),
    "request": N_("Neither the parents nor the child have made a request that counts (Act 86/2021 art. 18)."),
}

# Rules DOMAIN.md marks [U] (or that it leaves open): applied as the municipality's practice, never
# as law. Each maps to the MunicipalitySettings field that sets it (None: a fixed reading).
UNVERIFIED_RULES: Final[dict[str, tuple[str, str | None]]] = {
    "all_guardians_consent": (
        N_("Norway: every guardian with parental responsibility consents to the appointment."),
        "all_guardians_consent",
    ),
    "child_welfare_consents": (
        N_(
            "Where child welfare has taken over care, child welfare consents on the child's behalf; "
            "one consent on record is read as child welfare's consent."
        ),
        "child_welfare_consents",
    ),
    "child_voice_at_16": (
        N_(
            "Norway: for a child of 16 or 17 (of age for health matters, pbrl § 4-3), the family right is "
            "still consented to by the guardians; the municipality may also ask for the child's own consent."
        ),
        "child_of_16_consents_too",
    ),
    "child_age_for_own_request": (
        N_("Iceland: no age is set for a child's own request; the municipality may set a minimum age."),
        "child_age_for_own_request",
    ),
    "joint_custody_request": (
        N_(
            "Iceland: a request is a major matter that joint custodians decide jointly, so every custodian "
            "supports a request made by the parents."
        ),
        "joint_custody_request",
    ),
    "adulthood_plan_age": (
        N_("Iceland: the support plan plans services into adulthood from this age."),
        "adulthood_plan_age",
    ),
    "iceland_complaint_form": (
        N_(
            "Iceland: a complaint to GEV counts as in valid form when it is written (and signed, if the "
            "municipality requires it); naming whom and describing the events is not in the input."
        ),
        "iceland_complaint_must_be_signed",
    ),
    "leap_day_anniversary": (
        N_(
            "A year counted from 29 February ends on 1 March in a year without 29 February, so a child "
            "born on 29 February turns 18 on 1 March."
        ),
        None,
    ),
}

# How the input is read where DOMAIN.md and the contract are silent; printed by ``assess --help``.
READING_NOTES: Final = (
    "A missing or null judgement means 'not judged yet': the criteria depending on it show met: null "
    "and no entitlement depending on it is true.",
    "NO reads only the 'judgement' block, IS only the 'iceland' block; the other, if given, is "
    "still checked but not used. 'declines' is used only in NO.",
    "BK criterion (c) is long_term AND (complex OR coordinated) AND needs_health_and_care_services; "
    "K and IP are long_term AND coordinated ('coordinated' being services under hol).",
    "The specialist-health coordinator (sphl § 2-5a) is needs_specialist_health_services AND (complex "
    "OR (long_term AND coordinated)), the same judgements read as describing the hospital's services. "
    "It is listed in 'offer' when entitled, but the hospital appoints it.",
    "Never two coordinators: 'offer' holds barnekoordinator if entitled and not declined, else "
    "koordinator if entitled and not declined; may_appoint needs one of those in 'offer' and no "
    "consent missing.",
    "consent_missing is worked out even when nothing is offered; it says whose consent is lacking.",
    "A person 18 or older in NO consents for themselves (reason own_consent).",
    "IS: a request by the child alone stands on its own; guardians_consenting counts the custodians "
    "who support a request made by the parents. An expected child cannot request.",
    "IS: may_appoint needs something in 'offer' (every entitlement that is true) and nothing in "
    "consent_missing.",
    "IS: service_contact is named only when the child is entitled to one; an expected child is "
    "at stage 'pregnancy' and a born child is never at that stage.",
    "Complaints: decision_known_on is required; a missing lodged_on means 'if lodged today'; "
    "valid_form is false unless the form is shown valid. NO deadline = known + 28 days, not moved "
    "off weekends or holidays (a late complaint may still be heard, pbrl § 7-7). IS deadline = one "
    "year after the later of decision_known_on and the 18th birthday (from expected_date for an "
    "expected child; from decision_known_on alone when neither date is given).",
    "An expected_date may lie at most 6 weeks before and 44 weeks after today; dates must be "
    "YYYY-MM-DD between the years 1900 and 2200.",
)
