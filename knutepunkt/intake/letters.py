"""The decision letter: a real PDF (WeasyPrint) in the family's language.

Good practice for a coordinator decision (DOMAIN.md, How it goes 5): the outcome and how each
criterion was judged, the named coordinator with contact details, the consent on record, and the
complaint information — the deadline as a date, where to send it, who decides, and who can help.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML

from knutepunkt.intake.assessment import ComplaintTerms, complaint_terms
from knutepunkt.intake.models import Decision
from knutepunkt.jurisdictions.legal import CRITERION_EXPLANATIONS, ENTITLEMENT_DESCRIPTIONS
from knutepunkt.tenancy.models import UnitKind


@dataclass(frozen=True)
class CriterionLine:
    explanation: str
    met: bool | None
    basis: str


def _criterion_lines(decision: Decision) -> list[CriterionLine]:
    return [
        CriterionLine(
            explanation=translation.gettext(CRITERION_EXPLANATIONS.get(c["id"], c["id"])),
            met=c.get("met"),
            basis=c.get("basis", ""),
        )
        for c in decision.criteria
    ]


def letter_context(decision: Decision) -> dict[str, Any]:
    case = decision.case
    municipality = case.municipality
    unit = municipality.units.filter(kind=UnitKind.COORDINATING_UNIT).order_by("pk").first()
    terms: ComplaintTerms = complaint_terms(case, known_on=decision.known_on, today=timezone.localdate())
    consents = list(case.consents.filter(withdrawn_on__isnull=True).select_related("guardian"))
    guardians = [g for g in case.family.guardians.all() if g.has_parental_responsibility]
    return {
        "decision": decision,
        "case": case,
        "municipality": municipality,
        "unit": unit,
        "child": case.child,
        "family": case.family,
        "guardians": guardians,
        "consents": consents,
        "criteria": _criterion_lines(decision),
        "terms": terms,
        "is_iceland": municipality.is_icelandic,
        "arrangement_description": translation.gettext(ENTITLEMENT_DESCRIPTIONS.get(decision.arrangement, ""))
        if decision.arrangement
        else "",
    }


def render_decision_letter(decision: Decision) -> bytes:
    """The letter as PDF bytes, written in the language recorded on the decision."""
    with translation.override(decision.letter_language):
        html = render_to_string("intake/letters/decision.html", letter_context(decision))
        return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
