"""A case, read as the situation the rules judge.

The case is turned into exactly the situation the ``assess`` command reads
(../shared/contracts/assessment.md), and judged by the same ``jurisdictions`` code, so the
pages, the decision and outside auditors can never disagree about what the law says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from knutepunkt.intake.models import Case
from knutepunkt.jurisdictions import assess_situation

NORWEGIAN_JUDGEMENTS = (
    "serious_condition",
    "long_term",
    "complex",
    "coordinated",
    "needs_health_and_care_services",
    "needs_other_welfare_services",
    "needs_specialist_health_services",
)
ICELANDIC_JUDGEMENTS = ("multi_faceted_long_term", "child_protection_case", "has_domicile")
ICELANDIC_STAGES = ("pregnancy", "infant", "preschool", "primary_school", "secondary_school", "not_in_school")

JUDGEMENT_LABELS: dict[str, Any] = {
    "serious_condition": _("The child has a serious illness, injury or reduced functional capacity"),
    "long_term": _("The child will need long-term services"),
    "complex": _("The services needed are complex"),
    "coordinated": _("The services needed must be coordinated"),
    "needs_health_and_care_services": _("The child needs health and care services"),
    "needs_other_welfare_services": _(
        "The child needs other welfare services (NAV benefits, adapted kindergarten or school, …)"
    ),
    "needs_specialist_health_services": _("The child needs specialist health services"),
    "multi_faceted_long_term": _("The child likely needs multi-faceted services over a longer time"),
    "child_protection_case": _("Child protection has opened a case"),
    "has_domicile": _("The child has legal domicile in the municipality"),
}

CONSENT_LABELS: dict[str, Any] = {
    "first_guardian": _("consent from a guardian with parental responsibility"),
    "second_guardian": _("consent from the second guardian with parental responsibility"),
    "guardian_consent": _("consent from the guardians with parental responsibility"),
    "child_welfare": _("consent from child welfare, which has care of the child"),
    "request": _("a request from the parents or the child"),
}

ENTITLEMENT_FOR_ARRANGEMENT = {
    "barnekoordinator": "barnekoordinator",
    "koordinator": "koordinator",
    "service_contact": "service_contact",
    "case_manager": "case_manager",
}


def judgement_keys(country: str) -> tuple[str, ...]:
    return NORWEGIAN_JUDGEMENTS if country == "NO" else ICELANDIC_JUDGEMENTS


@dataclass(frozen=True)
class CaseAssessment:
    """The rules' answer for a case, with the questions pages and services ask of it."""

    situation: dict[str, Any]
    result: dict[str, Any]

    def entitled_to(self, arrangement: str) -> bool:
        key = ENTITLEMENT_FOR_ARRANGEMENT.get(arrangement)
        return bool(key and self.result["entitlements"].get(key))

    @property
    def may_appoint(self) -> bool:
        return bool(self.result["may_appoint"])

    @property
    def consent_complete(self) -> bool:
        return not self.result["consent_missing"]

    @property
    def consent_missing_labels(self) -> list[str]:
        return [str(CONSENT_LABELS.get(reason, reason)) for reason in self.result["consent_missing"]]

    @property
    def offer(self) -> list[str]:
        return list(self.result["offer"])

    def criteria_for_storage(self) -> list[dict[str, Any]]:
        return [dict(c) for c in self.result["criteria"]]


def situation_for(case: Case, *, today: datetime.date) -> dict[str, Any]:
    """The contract's situation for this case, from its judgements, guardians and consents."""
    country = case.municipality.country
    judged = {j.key: j.value for j in case.judgements.all()}
    guardians = list(case.family.guardians.all())
    live_consents = {c.guardian_id for c in case.consents.all() if c.withdrawn_on is None}
    responsible = [g for g in guardians if g.has_parental_responsibility and g.relation != "child_welfare"]
    child_welfare = [g for g in guardians if g.relation == "child_welfare"]
    facts = case.facts or {}
    child = case.child
    situation: dict[str, Any] = {
        "jurisdiction": country,
        "today": today.isoformat(),
        "child": {
            "birth_date": child.birth_date.isoformat() if child.birth_date else None,
            "expected_date": child.expected_date.isoformat() if child.expected_date else None,
        },
        "family": {
            "guardians_with_responsibility": len(child_welfare) if child_welfare else len(responsible),
            "guardians_consenting": sum(1 for g in (child_welfare or responsible) if g.pk in live_consents),
            "child_welfare_has_care": bool(child_welfare),
            "declines": list(facts.get("declines", [])),
        },
    }
    if country == "NO":
        situation["judgement"] = {key: judged.get(key) for key in NORWEGIAN_JUDGEMENTS}
    else:
        situation["iceland"] = {
            "request_by": facts.get("request_by", "parents"),
            "stage": facts.get("stage"),
            "has_domicile": judged.get("has_domicile"),
            "service_levels": list(facts.get("service_levels", [])),
            "multi_faceted_long_term": judged.get("multi_faceted_long_term"),
            "child_protection_case": judged.get("child_protection_case"),
        }
    return situation


def assess_case(case: Case, *, today: datetime.date) -> CaseAssessment:
    situation = situation_for(case, today=today)
    return CaseAssessment(situation=situation, result=assess_situation(situation))


@dataclass(frozen=True)
class ComplaintTerms:
    deadline: datetime.date
    in_time: bool
    valid_form: bool
    lodge_with: str
    decided_by: str


def complaint_terms(
    case: Case,
    *,
    known_on: datetime.date,
    today: datetime.date,
    lodged_on: datetime.date | None = None,
    written: bool = True,
    signed: bool = True,
) -> ComplaintTerms:
    """The complaint deadline and where a complaint goes, from the same rules as everything else."""
    situation = situation_for(case, today=today)
    situation["complaint"] = {
        "decision_known_on": known_on.isoformat(),
        "lodged_on": (lodged_on or max(today, known_on)).isoformat(),
        "written": written,
        "signed": signed,
    }
    terms = assess_situation(situation)["complaint"]
    return ComplaintTerms(
        deadline=datetime.date.fromisoformat(terms["deadline"]),
        in_time=bool(terms["in_time"]),
        valid_form=bool(terms["valid_form"]),
        lodge_with=terms["lodge_with"],
        decided_by=terms["decided_by"],
    )
