"""Changing a plan. Every change names the version it was made from: a save from an older version
is refused (someone else saved first), so nobody's work is silently overwritten. Each accepted
change raises the version and keeps the whole plan as it now reads in a new ``PlanVersion``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction
from knutepunkt.audit.services import record_access
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.people.models import Child, Role
from knutepunkt.people.selectors import purpose_for
from knutepunkt.plans.access import get_guardian_for, get_plan_for
from knutepunkt.plans.models import (
    Goal,
    GoalEvaluation,
    Measure,
    MeasureStatus,
    Participant,
    Plan,
    PlanKind,
    PlanVersion,
    Progress,
    Review,
    Signature,
    SignatureMethod,
)
from knutepunkt.plans.snapshot import PLAN_FIELDS, snapshot

T = TypeVar("T")
M = TypeVar("M", bound=Model)

PLAN_TEXT_FIELDS = [name for name in PLAN_FIELDS if name != "kind"]


def _stale() -> ConflictError:
    return ConflictError(
        _(
            "Someone else saved the plan while you were working on it. Your text is kept below: "
            "compare it with the plan as it is now, and save again."
        ),
        code="stale_plan",
    )


def _lock(actor: Actor, plan_id: int, expected_version: int) -> Plan:
    """The plan if this user may change it (404 alike otherwise), locked so that two saves cannot
    both pass the version check."""
    get_plan_for(actor.user, plan_id, for_write=True)
    plan = (
        Plan.objects.select_for_update(of=("self",))
        .select_related("family", "child", "municipality", "coordinator")
        .get(pk=plan_id)
    )
    if plan.version != expected_version:
        raise _stale()
    return plan


def _saved(actor: Actor, plan: Plan, change: str) -> Plan:
    """Raise the version, keep the plan as it now reads, and log the change."""
    plan.version += 1
    plan.updated_at = timezone.now()
    plan.save(update_fields=["version", "updated_at"])
    user = actor.user
    PlanVersion.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        number=plan.version,
        content=snapshot(plan),
        saved_by=user,
        saved_by_name=user.get_full_name() or user.username,
        change=change[:200],
    )
    record_access(
        actor=actor,
        family=plan.family,
        obj=plan,
        child=plan.child,
        action=AccessAction.CHANGE,
        purpose=purpose_for(user),
    )
    return plan


def _change(actor: Actor, plan_id: int, expected_version: int, change: str, apply: Callable[[Plan], T]) -> T:
    with transaction.atomic():
        plan = _lock(actor, plan_id, expected_version)
        result = apply(plan)
        _saved(actor, plan, change)
    return result


def default_kind(child: Child) -> PlanKind:
    return PlanKind.SUPPORT_PLAN if child.municipality.is_icelandic else PlanKind.INDIVIDUAL_PLAN


def create_plan(
    *,
    actor: Actor,
    child_id: int,
    period_start: datetime.date,
    period_end: datetime.date,
    kind: PlanKind | str | None = None,
    **texts: str | datetime.date | None,
) -> Plan:
    """Start the child's plan (one per child; DOMAIN.md: one plan per person). The coordinator
    is whoever creates it, if they coordinate; otherwise it is left for the coordinating unit."""
    from knutepunkt.access.helpers import get_child_for

    child = get_child_for(actor.user, child_id, for_write=True)
    unknown = set(texts) - set(PLAN_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan fields {sorted(unknown)}")
    if not texts.get("consent_to_plan_on") or not texts.get("consent_to_plan_by"):
        # An individual plan is never made without consent (pbrl § 2-5; Iceland art. 21 needs a request).
        raise ValidationError(
            {
                name: _("A plan is made only with the family's consent: say who consented, and when.")
                for name in ("consent_to_plan_on", "consent_to_plan_by")
                if not texts.get(name)
            }
        )
    if Plan.objects.filter(child=child).exists():
        raise DomainError(_("This child already has a plan. Open it to change it."), code="plan_exists")
    plan = Plan(
        municipality_id=child.municipality_id,
        family=child.family,
        child=child,
        kind=kind or default_kind(child),
        coordinator=actor.user if actor.user.role == Role.COORDINATOR else None,
        period_start=period_start,
        period_end=period_end,
        **texts,
    )
    plan.full_clean(exclude=["child"])
    with transaction.atomic():
        plan.save()
        _saved(actor, plan, str(_("Plan created")))
    return plan


def update_plan(*, actor: Actor, plan_id: int, expected_version: int, **fields: Any) -> Plan:
    """Change the plan's own texts, period and consents."""
    unknown = set(fields) - set(PLAN_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan fields {sorted(unknown)}")

    def apply(plan: Plan) -> Plan:
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.full_clean(exclude=["child"])
        plan.save(update_fields=list(fields))
        return plan

    return _change(actor, plan_id, expected_version, str(_("Plan text changed")), apply)


def save_goal(
    *,
    actor: Actor,
    plan_id: int,
    expected_version: int,
    text: str,
    child_words: str = "",
    goal_id: int | None = None,
) -> Goal:
    def apply(plan: Plan) -> Goal:
        if goal_id is None:
            last = plan.goals.order_by("-position").values_list("position", flat=True).first()
            goal = Goal(municipality_id=plan.municipality_id, plan=plan, position=(last or 0) + 1)
        else:
            goal = _own(plan.goals.all(), goal_id)
        goal.text, goal.child_words = text.strip(), child_words.strip()
        goal.full_clean()
        goal.save()
        return goal

    change = _("Goal added") if goal_id is None else _("Goal changed")
    return _change(actor, plan_id, expected_version, str(change), apply)


def remove_goal(*, actor: Actor, plan_id: int, expected_version: int, goal_id: int) -> None:
    def apply(plan: Plan) -> None:
        _own(plan.goals.all(), goal_id).delete()

    _change(actor, plan_id, expected_version, str(_("Goal removed")), apply)


MEASURE_FIELDS = [
    "title",
    "goal",
    "scope",
    "how",
    "responsible_unit",
    "responsible_agency",
    "responsible_person",
    "starts_on",
    "ends_on",
    "status",
]


def save_measure(
    *,
    actor: Actor,
    plan_id: int,
    expected_version: int,
    measure_id: int | None = None,
    **fields: Any,
) -> Measure:
    """Add or change a measure: what is done, how much, how, by whom, from when to when."""
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields {sorted(unknown)}")

    def apply(plan: Plan) -> Measure:
        measure = (
            Measure(municipality_id=plan.municipality_id, plan=plan)
            if measure_id is None
            else _own(plan.measures.all(), measure_id)
        )
        for name, value in fields.items():
            setattr(measure, name, value)
        if (
            measure.responsible_unit is not None
            and measure.responsible_unit.municipality_id != plan.municipality_id
        ):
            raise ValidationError({"responsible_unit": _("The service belongs to another municipality.")})
        measure.full_clean()
        measure.save()
        return measure

    change = _("Measure added") if measure_id is None else _("Measure changed")
    return _change(actor, plan_id, expected_version, str(change), apply)


def set_measure_status(
    *, actor: Actor, plan_id: int, expected_version: int, measure_id: int, status: MeasureStatus | str
) -> Measure:
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})

    def apply(plan: Plan) -> Measure:
        measure = _own(plan.measures.all(), measure_id)
        measure.status = str(status)
        measure.save(update_fields=["status"])
        return measure

    return _change(actor, plan_id, expected_version, str(_("Measure status changed")), apply)


def remove_measure(*, actor: Actor, plan_id: int, expected_version: int, measure_id: int) -> None:
    def apply(plan: Plan) -> None:
        _own(plan.measures.all(), measure_id).delete()

    _change(actor, plan_id, expected_version, str(_("Measure removed")), apply)


def save_participant(
    *,
    actor: Actor,
    plan_id: int,
    expected_version: int,
    name: str,
    role: str = "",
    unit_id: int | None = None,
    contributes: str = "",
    participant_id: int | None = None,
) -> Participant:
    def apply(plan: Plan) -> Participant:
        participant = (
            Participant(municipality_id=plan.municipality_id, plan=plan)
            if participant_id is None
            else _own(plan.participants.all(), participant_id)
        )
        if unit_id is not None and not plan.municipality.units.filter(pk=unit_id).exists():
            raise ValidationError({"unit": _("The service belongs to another municipality.")})
        participant.name, participant.role = name.strip(), role.strip()
        participant.unit_id, participant.contributes = unit_id, contributes.strip()
        participant.full_clean()
        participant.save()
        return participant

    change = _("Participant added") if participant_id is None else _("Participant changed")
    return _change(actor, plan_id, expected_version, str(change), apply)


def remove_participant(*, actor: Actor, plan_id: int, expected_version: int, participant_id: int) -> None:
    def apply(plan: Plan) -> None:
        _own(plan.participants.all(), participant_id).delete()

    _change(actor, plan_id, expected_version, str(_("Participant removed")), apply)


def schedule_review(
    *, actor: Actor, plan_id: int, expected_version: int, scheduled_on: datetime.date
) -> Review:
    def apply(plan: Plan) -> Review:
        review = Review(municipality_id=plan.municipality_id, plan=plan, scheduled_on=scheduled_on)
        review.full_clean()
        review.save()
        return review

    return _change(actor, plan_id, expected_version, str(_("Review scheduled")), apply)


def record_review(
    *,
    actor: Actor,
    plan_id: int,
    expected_version: int,
    review_id: int,
    held_on: datetime.date,
    summary: str,
    evaluations: Mapping[int, tuple[str, str]],
) -> Review:
    """Record a held review: a summary, and for each goal how far it has come and a note."""
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("The review date is in the future.")})

    def apply(plan: Plan) -> Review:
        review = _own(plan.reviews.all(), review_id)
        goals = {goal.pk: goal for goal in plan.goals.all()}
        missing = [pk for pk in goals if pk not in evaluations]
        if missing or set(evaluations) - set(goals):
            raise ValidationError(_("Give an evaluation for every goal of the plan."))
        review.held_on, review.summary = held_on, summary.strip()
        review.full_clean()
        review.save()
        review.evaluations.all().delete()
        rows = []
        for goal_id, (progress, note) in evaluations.items():
            if progress not in Progress.values:
                raise ValidationError({f"progress_{goal_id}": _("Choose how far the goal has come.")})
            row = GoalEvaluation(
                municipality_id=plan.municipality_id,
                review=review,
                goal=goals[goal_id],
                progress=progress,
                note=note.strip(),
            )
            row.full_clean(exclude=["review"])
            rows.append(row)
        GoalEvaluation.objects.bulk_create(rows)
        return review

    return _change(actor, plan_id, expected_version, str(_("Review recorded")), apply)


def sign_plan(
    *,
    actor: Actor,
    plan_id: int,
    version: int,
    method: SignatureMethod | str = SignatureMethod.PORTAL,
    guardian_id: int | None = None,
    signed_on: datetime.date | None = None,
    note: str = "",
) -> Signature:
    """A guardian signs one version of the plan off.

    ``method=PORTAL``: the signed-in family member signs for themselves (the family portal calls
    this with the guardian's own user as ``actor``); ``guardian_id`` is not needed. ``PAPER``: a
    coordinator or officer records a signature given on paper by ``guardian_id`` on ``signed_on``.
    ``version`` is the version the signer read: if the plan has changed since, the signature is
    refused (``ConflictError``) so that nobody signs something they have not seen.
    """
    today = timezone.localdate()
    with transaction.atomic():
        if method == SignatureMethod.PORTAL:
            plan = (
                Plan.objects.select_for_update(of=("self",))
                .select_related("family", "child")
                .filter(pk=plan_id)
                .first()
            )
            if plan is None:
                raise Http404
            guardian = get_guardian_for(actor.user, plan)
            signed_on = today
        elif method == SignatureMethod.PAPER:
            get_plan_for(actor.user, plan_id, for_write=True)
            plan = (
                Plan.objects.select_for_update(of=("self",)).select_related("family", "child").get(pk=plan_id)
            )
            chosen = plan.family.guardians.filter(
                pk=guardian_id or 0, has_parental_responsibility=True
            ).first()
            if chosen is None:
                raise ValidationError({"guardian": _("Choose a guardian with parental responsibility.")})
            guardian = chosen
            if signed_on is None:
                raise ValidationError({"signed_on": _("Give the date on the signed paper.")})
            if signed_on > today:
                raise ValidationError({"signed_on": _("The date signed is in the future.")})
        else:
            raise ValidationError({"method": _("Choose how the plan was signed.")})
        if plan.version != version:
            raise ConflictError(
                _("The plan has changed since this version was read. Read the new version before signing."),
                code="stale_signature",
            )
        if Signature.objects.filter(plan=plan, version=version, guardian=guardian).exists():
            raise DomainError(_("This guardian has already signed this version."), code="already_signed")
        signature = Signature(
            municipality_id=plan.municipality_id,
            plan=plan,
            version=version,
            guardian=guardian,
            method=str(method),
            signed_on=signed_on,
            recorded_by=actor.user,
            note=note.strip(),
        )
        signature.full_clean()
        signature.save()
        record_access(
            actor=actor,
            family=plan.family,
            obj=plan,
            child=plan.child,
            action=AccessAction.CHANGE,
            purpose=purpose_for(actor.user),
        )
        _tell_coordinator_signed(plan, guardian_name=str(guardian), actor=actor)
    return signature


def _tell_coordinator_signed(plan: Plan, *, guardian_name: str, actor: Actor) -> None:
    """The coordinators are told, unless one of them recorded the signature."""
    from knutepunkt.notifications.models import NotificationKind
    from knutepunkt.notifications.reminders import coordinators_by_family
    from knutepunkt.notifications.services import notify

    for coordinator in coordinators_by_family([plan.family_id], timezone.localdate()).get(plan.family_id, []):
        if coordinator == actor.user:
            continue
        notify(
            recipient=coordinator,
            kind=NotificationKind.PLAN_SIGNED,
            params={"child": str(plan.child), "signer": guardian_name},
            family=plan.family,
            link=reverse("plans:detail", args=[plan.pk]),
        )


def _own(queryset: QuerySet[M], pk: int) -> M:
    """A row of this plan; another plan's row is as if missing. (The version check already
    caught a row someone removed meanwhile.)"""
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row
