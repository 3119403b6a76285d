"""Plans made through the services, so they carry versions like real ones."""

from __future__ import annotations

import datetime

from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.plans import services
from knutepunkt.plans.models import MeasureStatus, Plan

TODAY = timezone.localdate()


def make_plan(t: Tenant, *, goals: int = 2, measures: int = 2, **texts: str) -> Plan:
    actor = Actor(t.coordinator)
    plan = services.create_plan(
        actor=actor,
        child_id=t.child.pk,
        period_start=TODAY - datetime.timedelta(days=30),
        period_end=TODAY + datetime.timedelta(days=335),
        consent_to_plan_on=TODAY - datetime.timedelta(days=31),
        consent_to_plan_by="Both parents",
        child_own_words=texts.get("child_own_words", "I want to play football with my friends."),
        needs_assessment=texts.get("needs_assessment", "Help with moving around at school."),
    )
    made = []
    for n in range(goals):
        made.append(
            services.save_goal(
                actor=actor, plan_id=plan.pk, expected_version=plan.version + n, text=f"Goal number {n + 1}"
            )
        )
    plan.refresh_from_db()
    statuses = list(MeasureStatus.values)
    for n in range(measures):
        services.save_measure(
            actor=actor,
            plan_id=plan.pk,
            expected_version=plan.version + n,
            title=f"Measure number {n + 1}",
            goal=made[n % len(made)] if made else None,
            scope="2 hours a week",
            how="At school",
            responsible_unit=t.school,
            responsible_person="Teacher",
            starts_on=TODAY - datetime.timedelta(days=20),
            ends_on=TODAY + datetime.timedelta(days=60),
            status=statuses[n % len(statuses)],
        )
    plan.refresh_from_db()
    return plan
