"""Reads of plans. Each goes through ``get_plan_for`` (the policy, 404 alike) and logs the read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.access.policy import ROLES_THAT_CHANGE_CASES
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access, record_refused_attempt
from knutepunkt.consent.models import SharingConsent
from knutepunkt.people.selectors import purpose_for
from knutepunkt.plans.access import get_plan_for
from knutepunkt.plans.diff import Comparison, compare
from knutepunkt.plans.models import (
    Goal,
    GoalEvaluation,
    Measure,
    Participant,
    Plan,
    PlanVersion,
    Signature,
)


@dataclass(frozen=True)
class ProgressRow:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class PlanPage:
    plan: Plan
    goals: list[Goal]
    measures: list[Measure]
    participants: list[Participant]
    reviews: list[ReviewRow]
    signatures: list[Signature]
    versions: list[PlanVersion]
    consents: list[SharingConsent]
    today: datetime.date
    can_edit: bool
    progress: list[ProgressRow] = field(default_factory=list)

    @property
    def late(self) -> list[Measure]:
        return [m for m in self.measures if m.is_late(self.today)]

    @property
    def due(self) -> list[Measure]:
        return [m for m in self.measures if m.is_due(self.today)]

    @property
    def next_review(self) -> ReviewRow | None:
        return next((r for r in self.reviews if r.held_on is None), None)

    @property
    def current_signatures(self) -> list[Signature]:
        return [s for s in self.signatures if s.version == self.plan.version]


def _progress(measures: list[Measure], today: datetime.date) -> list[ProgressRow]:
    """Every measure in exactly one row (a late one counts as late, not as planned or under way),
    so the rows add up to the number of measures and can be drawn as one bar."""
    from django.utils.translation import gettext

    def where(key: str, measure: Measure) -> bool:
        if key == "late":
            return measure.is_late(today)
        return measure.status == key and not measure.is_late(today)

    rows = [
        ("done", gettext("Done")),
        ("under_way", gettext("Under way")),
        ("planned", gettext("Planned")),
        ("late", gettext("Late")),
        ("stopped", gettext("Stopped")),
    ]
    return [ProgressRow(key, label, sum(where(key, m) for m in measures)) for key, label in rows]


def _plan(actor: Actor, plan_id: int, *, for_write: bool = False) -> Plan:
    try:
        return get_plan_for(actor.user, plan_id, for_write=for_write)
    except Http404:
        record_refused_attempt(actor=actor, model=Plan, object_id=plan_id, purpose=purpose_for(actor.user))
        raise


def _log(actor: Actor, plan: Plan, action: AccessAction) -> None:
    record_access(
        actor=actor,
        family=plan.family,
        obj=plan,
        child=plan.child,
        action=action,
        purpose=purpose_for(actor.user),
    )


@dataclass(frozen=True)
class ReviewRow:
    """A review as the plan page shows it: when, whether held, and each goal's evaluation."""

    pk: int
    scheduled_on: datetime.date
    held_on: datetime.date | None
    summary: str
    evaluations: list[GoalEvaluation]


def _reviews_with_evaluations(plan: Plan, goals: list[Goal]) -> list[ReviewRow]:
    """The plan's reviews, each with its evaluations per goal, in one query: the reviews joined to
    their evaluations, one row per evaluation (one row for a review without any), the goals taken
    from those already read. A prefetch would take a second query."""
    by_goal = {goal.pk: goal for goal in goals}
    reviews: dict[int, ReviewRow] = {}
    rows = plan.reviews.values(
        "pk",
        "scheduled_on",
        "held_on",
        "summary",
        "evaluations__pk",
        "evaluations__goal_id",
        "evaluations__progress",
        "evaluations__note",
    ).order_by("scheduled_on", "pk")
    for row in rows:
        review = reviews.get(row["pk"])
        if review is None:
            review = reviews[row["pk"]] = ReviewRow(
                pk=row["pk"],
                scheduled_on=row["scheduled_on"],
                held_on=row["held_on"],
                summary=row["summary"],
                evaluations=[],
            )
        if row["evaluations__pk"] is not None:
            review.evaluations.append(
                GoalEvaluation(
                    pk=row["evaluations__pk"],
                    municipality_id=plan.municipality_id,
                    review_id=row["pk"],
                    goal=by_goal[row["evaluations__goal_id"]],
                    progress=row["evaluations__progress"],
                    note=row["evaluations__note"],
                )
            )
    for review in reviews.values():
        review.evaluations.sort(key=lambda e: (e.goal.position, e.goal.pk))
    return list(reviews.values())


def plan_page(*, actor: Actor, plan_id: int, action: AccessAction = AccessAction.VIEW) -> PlanPage:
    """The whole plan on one page, in a fixed number of queries however long it is."""
    plan = _plan(actor, plan_id)
    today = timezone.localdate()
    goals = list(plan.goals.all())
    measures = list(plan.measures.select_related("responsible_unit", "goal"))
    participants = list(plan.participants.select_related("unit"))
    reviews = _reviews_with_evaluations(plan, goals)
    signatures = list(plan.signatures.select_related("guardian"))
    versions = list(plan.versions.defer("content").order_by("-number")[:50])
    consents = list(SharingConsent.objects.live_on(today).filter(family=plan.family).select_related("unit"))
    _log(actor, plan, action)
    return PlanPage(
        plan=plan,
        goals=goals,
        measures=measures,
        participants=participants,
        reviews=reviews,
        signatures=signatures,
        versions=versions,
        consents=consents,
        today=today,
        can_edit=actor.user.role in ROLES_THAT_CHANGE_CASES,
        progress=_progress(measures, today),
    )


def plan_for_editing(*, actor: Actor, plan_id: int) -> Plan:
    """The plan for an edit form: only for those who may change it, logged as a view."""
    plan = _plan(actor, plan_id, for_write=True)
    _log(actor, plan, AccessAction.VIEW)
    return plan


@dataclass(frozen=True)
class VersionComparison:
    plan: Plan
    older: PlanVersion
    newer: PlanVersion
    numbers: list[int]
    comparison: Comparison


def compare_versions(*, actor: Actor, plan_id: int, older: int, newer: int) -> VersionComparison:
    plan = _plan(actor, plan_id)
    if older > newer:
        older, newer = newer, older
    found = {v.number: v for v in plan.versions.filter(number__in=[older, newer])}
    if older not in found or newer not in found:
        raise Http404
    numbers = list(plan.versions.order_by("number").values_list("number", flat=True))
    _log(actor, plan, AccessAction.VIEW)
    return VersionComparison(
        plan=plan,
        older=found[older],
        newer=found[newer],
        numbers=numbers,
        comparison=compare(found[older].content, found[newer].content),
    )


def plan_for_document(*, actor: Actor, plan_id: int) -> PlanPage:
    """The plan to print: the same content as the page, logged as printed."""
    return plan_page(actor=actor, plan_id=plan_id, action=AccessAction.PRINT)
