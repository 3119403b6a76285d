"""The plan as a PDF (WeasyPrint), written in the family's language.

Three versions: the whole plan (``full``), a plain-language summary for the family (``summary``)
and a short version written for the child (``child``). Labels and explanations are translated;
what the coordinator and family wrote is printed as they wrote it.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from knutepunkt.plans.models import MeasureStatus, PlanKind
from knutepunkt.plans.selectors import PlanPage

KINDS = ("full", "summary", "child")


def render_plan_html(page: PlanPage, *, kind: str) -> str:
    plan = page.plan
    with translation.override(plan.family.language):
        return render_to_string(
            "plans/documents/plan.html",
            {
                "page": page,
                "plan": plan,
                "child": plan.child,
                "kind": kind,
                "is_support_plan": plan.kind == PlanKind.SUPPORT_PLAN,
                "open_measures": [m for m in page.measures if m.status != MeasureStatus.STOPPED],
                "goals_for_child": [g.child_words or g.text for g in page.goals],
            },
        )


def render_plan_pdf(page: PlanPage, *, kind: str) -> bytes:
    if kind not in KINDS:
        raise ValueError(f"unknown plan document {kind!r}")
    return HTML(string=render_plan_html(page, kind=kind)).write_pdf()  # type: ignore[no-any-return]
