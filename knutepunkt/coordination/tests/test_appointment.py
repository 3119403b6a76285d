"""Appointment: the picker, wishes, one coordinator per family, Iceland's suggestion by stage."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.coordination import selectors, services
from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind
from knutepunkt.core.errors import DomainError
from knutepunkt.intake import services as intake
from knutepunkt.intake.models import Case, CaseStatus, Outcome
from knutepunkt.intake.tests.factories import assess_all_yes, consent_all, open_case
from knutepunkt.people.models import Role
from knutepunkt.people.tests.factories import UserFactory
from knutepunkt.tenancy.models import UnitKind
from knutepunkt.tenancy.tests.factories import IcelandicMunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def granted_case(t: Tenant) -> Case:
    case = assess_all_yes(t, open_case(t))
    consent_all(t, case)
    intake.decide_case(
        actor=Actor(t.officer),
        case_id=case.pk,
        outcome=Outcome.GRANTED,
        arrangement="barnekoordinator",
        coordinator_id=t.coordinator.pk,
        reasons="All criteria are met.",
        decided_on=TODAY,
    )
    return case


def test_picker_shows_unit_caseload_languages_and_competence(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    here.other_coordinator.languages = "norsk, arabisk"
    here.other_coordinator.competence = "Sykepleier, erfaring med epilepsi"
    here.other_coordinator.save()
    case = granted_case(here)
    page = client_for(here.officer).get(reverse("coordination:appoint", args=[case.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "arabisk" in text
    assert "erfaring med epilepsi" in text
    assert here.other_coordinator.unit is not None
    assert here.other_coordinator.unit.name in text
    assert "Named in the decision" in text
    # Another municipality's coordinators are never candidates.
    assert there.coordinator.get_full_name() not in text
    candidates = {
        c.user: c.caseload
        for c in selectors.appointment_candidates(
            actor=Actor(here.officer), municipality_id=here.municipality.pk
        )
    }
    assert candidates[here.coordinator] == 1


def test_appointing_from_the_picker_records_the_wishes_and_activates_the_case(tenant: Tenant) -> None:
    case = granted_case(tenant)
    response = client_for(tenant.officer).post(
        reverse("coordination:appoint", args=[case.pk]),
        {
            "coordinator": tenant.other_coordinator.pk,
            "starts_on": TODAY.isoformat(),
            "family_wishes": "Someone who speaks Arabic",
            "child_wishes": "A woman",
        },
    )
    assert response.status_code == 302
    assignment = CoordinatorAssignment.objects.active_on(TODAY).get(family=case.family)
    assert assignment.coordinator == tenant.other_coordinator
    assert (assignment.family_wishes, assignment.child_wishes) == ("Someone who speaks Arabic", "A woman")
    assert assignment.appointed_by == tenant.officer
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


def test_a_coordinator_cannot_open_the_picker(tenant: Tenant) -> None:
    case = granted_case(tenant)
    assert (
        client_for(tenant.coordinator).get(reverse("coordination:appoint", args=[case.pk])).status_code == 403
    )


def test_one_coordinator_per_family_in_norway(tenant: Tenant) -> None:
    services.appoint_coordinator(
        actor=Actor(tenant.officer),
        family_id=tenant.family.pk,
        coordinator_id=tenant.other_coordinator.pk,
        kind=CoordinatorKind.KOORDINATOR,
        starts_on=TODAY,
    )
    active = CoordinatorAssignment.objects.active_on(TODAY).filter(family=tenant.family)
    assert [a.coordinator for a in active] == [tenant.other_coordinator]
    tenant.assignment.refresh_from_db()
    assert tenant.assignment.ends_on == TODAY


def test_appointment_refuses_wrong_coordinator_kind_and_role(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    with pytest.raises(ValidationError) as error:
        services.appoint_coordinator(
            actor=Actor(here.officer),
            family_id=here.family.pk,
            coordinator_id=there.coordinator.pk,
            kind=CoordinatorKind.SERVICE_CONTACT,
            starts_on=TODAY,
        )
    assert set(error.value.message_dict) == {"coordinator", "kind"}
    assert CoordinatorAssignment.objects.active_on(TODAY).get(family=here.family) == here.assignment
    with pytest.raises(PermissionDenied):
        services.appoint_coordinator(
            actor=Actor(here.coordinator),
            family_id=here.family.pk,
            coordinator_id=here.other_coordinator.pk,
            kind=CoordinatorKind.KOORDINATOR,
            starts_on=TODAY,
        )


def test_a_start_before_the_current_coordinators_start_is_refused(tenant: Tenant) -> None:
    with pytest.raises(DomainError) as error:
        services.appoint_coordinator(
            actor=Actor(tenant.officer),
            family_id=tenant.family.pk,
            coordinator_id=tenant.other_coordinator.pk,
            kind=CoordinatorKind.KOORDINATOR,
            starts_on=tenant.assignment.starts_on,
        )
    assert error.value.code == "starts_too_early"


@pytest.mark.parametrize(
    ("stage", "contact"),
    [
        ("pregnancy", "health_centre"),
        ("infant", "health_centre"),
        ("preschool", "school"),
        ("secondary_school", "school"),
        ("not_in_school", "social_services"),
    ],
)
def test_iceland_suggests_the_service_contact_from_the_life_stage(stage: str, contact: str) -> None:
    assert selectors.service_contact_for_stage(stage) == contact


def test_iceland_lists_the_suggested_units_coordinators_first_and_keeps_both_roles(db: None) -> None:
    municipality = IcelandicMunicipalityFactory.create()
    health = UnitFactory.create(municipality=municipality, kind=UnitKind.HEALTH_CENTRE, name="Heilsugæslan")
    school = UnitFactory.create(municipality=municipality, kind=UnitKind.SCHOOL, name="Brekkuskóli")
    officer = UserFactory.create(municipality=municipality, unit=health, role=Role.OFFICER)
    nurse = UserFactory.create(municipality=municipality, unit=health, role=Role.COORDINATOR)
    teacher = UserFactory.create(municipality=municipality, unit=school, role=Role.COORDINATOR)
    listed = selectors.appointment_candidates(
        actor=Actor(officer), municipality_id=municipality.pk, suggested_contact="school"
    )
    assert [(c.user, c.suggested) for c in listed] == [(teacher, True), (nurse, False)]

    from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory

    family = FamilyFactory.create(municipality=municipality)
    ChildFactory.create(family=family)
    for coordinator, kind in (
        (teacher, CoordinatorKind.SERVICE_CONTACT),
        (nurse, CoordinatorKind.CASE_MANAGER),
    ):
        services.appoint_coordinator(
            actor=Actor(officer),
            family_id=family.pk,
            coordinator_id=coordinator.pk,
            kind=kind,
            starts_on=TODAY,
        )
    # Iceland's service contact and case manager work side by side.
    assert CoordinatorAssignment.objects.active_on(TODAY).filter(family=family).count() == 2


def test_intake_appoints_through_the_coordination_service(tenant: Tenant) -> None:
    case = granted_case(tenant)
    Case.objects.filter(pk=case.pk).update(child_view="Wants someone from school")
    assignment = intake.appoint_coordinator(actor=Actor(tenant.officer), case_id=case.pk)
    assert assignment.child_wishes == "Wants someone from school"
    assert assignment.appointed_by == tenant.officer


def test_the_family_page_leads_the_officer_to_the_picker_for_a_decided_case(tenant: Tenant) -> None:
    case = granted_case(tenant)
    url = reverse("coordination:family", args=[case.family_id])
    picker = reverse("coordination:appoint", args=[case.pk])
    assert picker in client_for(tenant.officer).get(url).content.decode()
    assert picker not in client_for(tenant.leader).get(url).content.decode()
