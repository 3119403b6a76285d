"""``get_plan_for``: the plan, or 404 alike for "missing", "not yours" and "not shared with you".

A plan belongs to a family: whoever sees the family through the policy sees its plan, except a
service contact, who sees it only while the family consents to share the category "plan".
"""

from __future__ import annotations

from django.http import Http404

from knutepunkt.access.policy import shared_categories, visible_families
from knutepunkt.consent.models import Category
from knutepunkt.people.models import Guardian, User
from knutepunkt.plans.models import Plan


def get_plan_for(user: User, plan_id: int, *, for_write: bool = False) -> Plan:
    if user.municipality_id is None:
        raise Http404
    plan = (
        Plan.objects.filter(
            municipality_id=user.municipality_id,
            family__in=visible_families(user, for_write=for_write).values("pk"),
        )
        .select_related("family", "family__municipality", "child", "municipality", "coordinator")
        .filter(pk=plan_id)
        .first()
    )
    if plan is None or Category.PLAN not in shared_categories(user, plan.family):
        raise Http404
    return plan


def get_guardian_for(user: User, plan: Plan) -> Guardian:
    """The signed-in family member as a guardian of the plan's family who may sign for the child
    (parental responsibility); 404 otherwise."""
    guardian = (
        Guardian.objects.filter(user=user, family_id=plan.family_id, has_parental_responsibility=True)
        .order_by("pk")
        .first()
    )
    if guardian is None or not user.is_active:
        raise Http404
    return guardian
