"""A plan's content as plain data: what a version keeps, and what two versions are compared on."""

from __future__ import annotations

from typing import Any

from knutepunkt.plans.models import Plan

PLAN_FIELDS = [
    "kind",
    "period_start",
    "period_end",
    "needs_assessment",
    "resources",
    "child_own_words",
    "family_contribution",
    "cooperation",
    "evaluation_method",
    "consent_to_plan_on",
    "consent_to_plan_by",
    "consent_to_share_note",
]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def snapshot(plan: Plan) -> dict[str, Any]:
    """Everything the plan says now, with display values (names, not ids), so an old version
    reads the same after a unit is renamed or a goal is removed."""
    goals = list(plan.goals.order_by("position", "pk"))
    goal_text = {goal.pk: goal.text for goal in goals}
    return {
        "plan": {name: _text(getattr(plan, name)) for name in PLAN_FIELDS}
        | {"coordinator": str(plan.coordinator) if plan.coordinator else ""},
        "goals": [{"id": g.pk, "text": g.text, "child_words": g.child_words} for g in goals],
        "measures": [
            {
                "id": m.pk,
                "title": m.title,
                "goal": goal_text.get(m.goal_id or 0, ""),
                "scope": m.scope,
                "how": m.how,
                "responsible": m.responsible,
                "starts_on": _text(m.starts_on),
                "ends_on": _text(m.ends_on),
                "status": m.status,
            }
            for m in plan.measures.select_related("responsible_unit").order_by("starts_on", "pk")
        ],
        "participants": [
            {
                "id": p.pk,
                "name": p.name,
                "role": p.role,
                "unit": p.unit.name if p.unit else "",
                "contributes": p.contributes,
            }
            for p in plan.participants.select_related("unit").order_by("pk")
        ],
        "reviews": [
            {
                "id": r.pk,
                "scheduled_on": _text(r.scheduled_on),
                "held_on": _text(r.held_on),
                "summary": r.summary,
                "evaluations": [
                    {"goal": goal_text.get(e.goal_id, ""), "progress": e.progress, "note": e.note}
                    for e in r.evaluations.all()
                ],
            }
            for r in plan.reviews.prefetch_related("evaluations").order_by("scheduled_on", "pk")
        ],
    }
