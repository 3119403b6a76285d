"""Plans: made with consent, one per child, every save kept, concurrent saves refused, signed off."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.consent.services import give_sharing_consent
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.notifications.models import Notification, NotificationKind
from knutepunkt.people.tests.factories import UserFactory
from knutepunkt.plans import selectors, services
from knutepunkt.plans.access import get_plan_for
from knutepunkt.plans.models import MeasureStatus, Plan, PlanKind, PlanVersion, Signature, SignatureMethod
from knutepunkt.plans.tests.factories import TODAY, make_plan

pytestmark = pytest.mark.django_db


def test_a_plan_is_never_made_without_consent(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    with pytest.raises(ValidationError) as refused:
        services.create_plan(
            actor=Actor(here.coordinator),
            child_id=here.child.pk,
            period_start=TODAY,
            period_end=TODAY + datetime.timedelta(days=365),
        )
    assert "consent_to_plan_on" in refused.value.message_dict
    assert not Plan.objects.exists()


def test_one_plan_per_child_and_the_kind_follows_the_country(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here)
    assert plan.kind == PlanKind.INDIVIDUAL_PLAN
    with pytest.raises(DomainError):
        make_plan(here)


def test_every_saved_version_is_kept_unchanged(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=1, measures=0)
    first_goal_version = PlanVersion.objects.get(plan=plan, number=plan.version)
    kept = dict(first_goal_version.content)
    goal = plan.goals.get()
    services.save_goal(
        actor=Actor(here.coordinator),
        plan_id=plan.pk,
        expected_version=plan.version,
        goal_id=goal.pk,
        text="A changed goal",
    )
    first_goal_version.refresh_from_db()
    assert first_goal_version.content == kept
    assert first_goal_version.content["goals"][0]["text"] == "Goal number 1"
    newest = PlanVersion.objects.get(plan=plan, number=plan.version + 1)
    assert newest.content["goals"][0]["text"] == "A changed goal"
    assert list(PlanVersion.objects.filter(plan=plan).values_list("number", flat=True)) == list(
        range(plan.version + 1, 0, -1)
    )


def test_a_save_from_an_older_version_is_refused_and_changes_nothing(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=0, measures=0)
    read_at = plan.version
    services.update_plan(
        actor=Actor(here.coordinator), plan_id=plan.pk, expected_version=read_at, resources="First save"
    )
    with pytest.raises(ConflictError):
        services.update_plan(
            actor=Actor(here.officer), plan_id=plan.pk, expected_version=read_at, resources="Second save"
        )
    plan.refresh_from_db()
    assert plan.resources == "First save"
    assert plan.version == read_at + 1


def test_only_case_workers_change_a_plan_and_other_municipalities_see_nothing(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    plan = make_plan(here)
    for user in (here.leader, there.officer, here.other_coordinator, here.service_contact):
        with pytest.raises(Http404):
            services.update_plan(
                actor=Actor(user), plan_id=plan.pk, expected_version=plan.version, resources="x"
            )
    assert get_plan_for(here.leader, plan.pk) == plan
    with pytest.raises(Http404):
        get_plan_for(there.officer, plan.pk)


def test_a_service_contact_reads_the_plan_only_with_consent_to_the_plan_category(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, _ = tenants
    plan = make_plan(here)
    guardian = here.family.guardians.first()
    assert guardian is not None

    def consent(categories: list[str]) -> None:
        give_sharing_consent(
            actor=Actor(here.coordinator),
            family_id=here.family.pk,
            unit_id=here.school.pk,
            categories=categories,
            given_by_id=guardian.pk,
            valid_from=TODAY,
        )

    consent(["basics"])
    with pytest.raises(Http404):
        selectors.plan_page(actor=Actor(here.service_contact), plan_id=plan.pk)
    consent(["plan"])
    page = selectors.plan_page(actor=Actor(here.service_contact), plan_id=plan.pk)
    assert page.plan == plan
    assert not page.can_edit


def test_the_progress_view_counts_done_late_and_due(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=1, measures=0)
    actor = Actor(here.coordinator)
    dates = [
        (MeasureStatus.DONE, TODAY - datetime.timedelta(days=5)),
        (MeasureStatus.UNDER_WAY, TODAY - datetime.timedelta(days=1)),  # late
        (MeasureStatus.PLANNED, TODAY + datetime.timedelta(days=3)),  # due
        (MeasureStatus.STOPPED, TODAY - datetime.timedelta(days=9)),
    ]
    for n, (status, ends_on) in enumerate(dates):
        services.save_measure(
            actor=actor,
            plan_id=plan.pk,
            expected_version=plan.version + n,
            title=f"M{n}",
            starts_on=TODAY - datetime.timedelta(days=30),
            ends_on=ends_on,
            status=status,
        )
    page = selectors.plan_page(actor=actor, plan_id=plan.pk)
    counts = {row.key: row.count for row in page.progress}
    assert counts == {"done": 1, "under_way": 0, "planned": 1, "late": 1, "stopped": 1}
    assert [m.title for m in page.late] == ["M1"]
    assert [m.title for m in page.due] == ["M2"]


def test_a_review_records_an_evaluation_for_every_goal(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=2, measures=0)
    actor = Actor(here.coordinator)
    review = services.schedule_review(
        actor=actor, plan_id=plan.pk, expected_version=plan.version, scheduled_on=TODAY
    )
    goals = list(plan.goals.all())
    with pytest.raises(ValidationError):
        services.record_review(
            actor=actor,
            plan_id=plan.pk,
            expected_version=plan.version + 1,
            review_id=review.pk,
            held_on=TODAY,
            summary="Went well",
            evaluations={goals[0].pk: ("some", "")},
        )
    services.record_review(
        actor=actor,
        plan_id=plan.pk,
        expected_version=plan.version + 1,
        review_id=review.pk,
        held_on=TODAY,
        summary="Went well",
        evaluations={goals[0].pk: ("some", "Walks to the bus"), goals[1].pk: ("reached", "")},
    )
    review.refresh_from_db()
    assert review.held_on == TODAY
    assert sorted(review.evaluations.values_list("progress", flat=True)) == ["reached", "some"]


def test_a_guardian_signs_the_version_they_read_in_the_portal(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    plan = make_plan(here)
    guardian = here.family.guardians.first()
    assert guardian is not None
    guardian.user = UserFactory.create(municipality=None, unit=None, role="")
    guardian.save()
    assert guardian.user is not None
    with pytest.raises(ConflictError):
        services.sign_plan(actor=Actor(guardian.user), plan_id=plan.pk, version=plan.version - 1)
    signature = services.sign_plan(actor=Actor(guardian.user), plan_id=plan.pk, version=plan.version)
    assert (signature.guardian, signature.method, signature.version) == (
        guardian,
        SignatureMethod.PORTAL,
        plan.version,
    )
    with pytest.raises(DomainError):
        services.sign_plan(actor=Actor(guardian.user), plan_id=plan.pk, version=plan.version)
    other_plan = make_plan(there)
    with pytest.raises(Http404):
        services.sign_plan(actor=Actor(guardian.user), plan_id=other_plan.pk, version=other_plan.version)
    notice = Notification.objects.get(recipient=here.coordinator)
    assert notice.kind == NotificationKind.PLAN_SIGNED


def test_the_coordinator_records_a_signature_given_on_paper(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here)
    guardian = here.family.guardians.first()
    other_family_guardian = here.other_family.guardians.first()
    assert guardian is not None
    assert other_family_guardian is not None
    with pytest.raises(ValidationError):
        services.sign_plan(
            actor=Actor(here.coordinator),
            plan_id=plan.pk,
            version=plan.version,
            method=SignatureMethod.PAPER,
            guardian_id=other_family_guardian.pk,
            signed_on=TODAY,
        )
    services.sign_plan(
        actor=Actor(here.coordinator),
        plan_id=plan.pk,
        version=plan.version,
        method=SignatureMethod.PAPER,
        guardian_id=guardian.pk,
        signed_on=TODAY,
    )
    assert Signature.objects.get().method == SignatureMethod.PAPER
