"""The demo data: loaded once, valid by the models' own rules, and shaped like real caseloads."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from stdnum.is_ import kennitala

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent, AuditChainHead, Purpose
from knutepunkt.audit.services import record_access
from knutepunkt.audit.verification import verify_chains
from knutepunkt.coordination.models import CoordinatorAssignment, CoordinatorKind
from knutepunkt.core.demo import (
    DEMO_PASSWORD,
    DEMO_SITUATIONS,
    MUNICIPALITIES,
    SUPERVISOR_USERNAME,
    demo_municipalities,
    demo_summary,
    wipe_municipalities,
)
from knutepunkt.intake.models import Case, CaseEvent, Channel
from knutepunkt.people.models import Child, Family, Guardian, GuardianRelation, Role, User
from knutepunkt.people.national_ids import NationalIdKind, parse_national_id
from knutepunkt.tenancy.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup: None, django_db_blocker) -> Iterator[None]:
    """Load the demo once for the module; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
        yield
        with transaction.atomic():
            wipe_municipalities(list(demo_municipalities().values_list("pk", flat=True)))
            # The command also adds the shared national demo agencies, which belong to no municipality.
            from knutepunkt.directory.models import Agency, AgencyService

            AgencyService.objects.filter(municipality__isnull=True).delete()
            Agency.history.filter(municipality__isnull=True).delete()
            Agency.objects.filter(municipality__isnull=True).delete()
            # And the national supervisor, who belongs to no municipality.
            User.history.filter(username=SUPERVISOR_USERNAME).delete()
            User.objects.filter(username=SUPERVISOR_USERNAME).delete()


def municipalities() -> list[Municipality]:
    return list(demo_municipalities().order_by("pk"))


def people() -> tuple[list[Child], list[Guardian]]:
    children = list(
        Child.objects.filter(municipality__in=municipalities()).select_related("municipality", "family")
    )
    guardians = list(
        Guardian.objects.filter(municipality__in=municipalities()).select_related("municipality", "family")
    )
    return children, guardians


def everyone(children: list[Child], guardians: list[Guardian]) -> list[Child | Guardian]:
    return [*children, *guardians]


def test_the_three_municipalities_are_loaded_with_about_thirty_families_each() -> None:
    loaded = {(m.country, m.number, m.name, m.language) for m in municipalities()}
    assert loaded == {
        ("NO", "4601", "Bergen", "nb"),
        ("NO", "4640", "Sogndal", "nn"),
        ("IS", "6000", "Akureyrarbær", "is"),
    }
    for municipality in municipalities():
        assert 25 <= Family.objects.filter(municipality=municipality).count() <= 35


def test_loading_again_changes_nothing() -> None:
    before = demo_summary()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Demo data already loaded" in out.getvalue()
    assert demo_summary() == before


def test_reset_removes_the_access_log_and_loads_the_same_people_again() -> None:
    def snapshot() -> set[tuple[str, str, str]]:
        children, guardians = people()
        return {(p.given_name, p.family_name, p.national_id) for p in everyone(children, guardians)}

    before, summary = snapshot(), demo_summary()
    coordinator = User.objects.get(username="bergen.koordinator1")
    family = Family.objects.get(municipality=coordinator.municipality, name="Johansen")
    record_access(
        actor=Actor(coordinator),
        family=family,
        obj=family,
        action=AccessAction.VIEW,
        purpose=Purpose.COORDINATION,
    )
    # A case in progress, protected from deletion by its foreign keys, must not block a reset.
    officer = User.objects.get(username="bergen.saksbehandler1")
    case = Case.objects.create(
        municipality=family.municipality,
        family=family,
        child=family.children.get(),
        channel=Channel.PHONE,
        received_on=timezone.localdate(),
        created_by=officer,
    )
    CaseEvent.objects.create(municipality=family.municipality, case=case, actor=officer, kind="registered")
    old_ids = {m.pk for m in municipalities()}

    out = StringIO()
    call_command("load_demo", "--reset", stdout=out)

    assert "Demo data loaded" in out.getvalue()
    assert {m.pk for m in municipalities()}.isdisjoint(old_ids)
    assert not AccessEvent.objects.filter(municipality__in=old_ids).exists()
    assert not AuditChainHead.objects.filter(municipality__in=old_ids).exists()
    assert not Municipality.objects.filter(pk__in=old_ids).exists()
    assert not User.objects.filter(municipality__in=old_ids).exists()
    assert not Case.objects.filter(pk=case.pk).exists()
    assert verify_chains().intact
    assert demo_summary() == summary
    assert snapshot() == before


def test_every_municipality_has_staff_of_every_role_with_contact_details() -> None:
    for municipality in municipalities():
        # Family sign-ins (knutepunkt.portal.demo) carry the municipality but no staff role, and
        # the national supervisor belongs to no municipality (ADR 0006).
        staff = User.objects.filter(municipality=municipality).exclude(role="")
        assert {user.role for user in staff} == set(Role.values) - {Role.SUPERVISOR}
        roles = Counter(user.role for user in staff)
        assert roles[Role.COORDINATOR] >= 5
        assert roles[Role.OFFICER] >= 2
        for user in staff:
            user.full_clean()
            assert user.username.isascii()
            assert user.username == user.username.lower()
            assert user.username.startswith(f"{user.username.split('.')[0]}.")
            assert user.unit is not None
            assert user.unit.municipality_id == municipality.pk
            assert all([user.title, user.phone, user.languages, user.competence])
            assert user.email.endswith(".invalid")
            assert user.check_password(DEMO_PASSWORD)
    coordinator_units = {
        user.unit.kind
        for user in User.objects.filter(role=Role.COORDINATOR, username__startswith="bergen.")
        if user.unit
    }
    assert len(coordinator_units) >= 3  # coordinators sit in different services


def test_every_child_and_guardian_passes_model_validation() -> None:
    children, guardians = people()
    for person in everyone(children, guardians):
        person.full_clean()
    ids = [p.national_id for p in everyone(children, guardians) if p.national_id]
    assert len(ids) == len(set(ids))
    for child in children:
        if child.birth_date is None:
            assert child.national_id == ""
            continue
        parsed = parse_national_id(child.national_id, country=child.municipality.country)
        assert parsed.birth_date == child.birth_date
        assert parsed.kind == child.national_id_kind
    for guardian in guardians:
        if guardian.relation == GuardianRelation.CHILD_WELFARE:
            continue
        born = parse_national_id(guardian.national_id, country=guardian.municipality.country).birth_date
        assert 1975 <= born.year <= 2000
        assert guardian.email.endswith("@eksempel.invalid")
        assert guardian.phone


def test_every_municipality_has_every_stage_of_childhood() -> None:
    today = timezone.localdate()
    for municipality in municipalities():
        children = list(Child.objects.filter(municipality=municipality))
        ages = [child.age_on(today) for child in children]
        expected = [child for child in children if child.is_expected]
        assert expected, municipality
        for child in expected:
            assert child.expected_date is not None
            assert today < child.expected_date <= today + datetime.timedelta(weeks=43)
        assert 0 in ages, f"{municipality}: no infant"
        assert any(age is not None and 1 <= age <= 5 for age in ages), f"{municipality}: no preschooler"
        assert any(age is not None and 6 <= age <= 16 for age in ages), f"{municipality}: no school child"
        assert 17 in ages, f"{municipality}: no 17-year-old"
        sizes = Counter(child.family_id for child in children)
        assert max(sizes.values()) >= 2, f"{municipality}: no siblings"


def test_every_municipality_has_varied_families() -> None:
    for municipality in municipalities():
        guardians = list(Guardian.objects.filter(municipality=municipality))
        by_family: dict[int, list[Guardian]] = {}
        for guardian in guardians:
            by_family.setdefault(guardian.family_id, []).append(guardian)
        relations = {g.relation for g in guardians}
        assert GuardianRelation.FOSTER_PARENT in relations, municipality
        assert GuardianRelation.CHILD_WELFARE in relations, municipality
        assert any(len(family) == 1 for family in by_family.values()), f"{municipality}: no single parent"
        assert any(
            sum(g.has_parental_responsibility for g in family) == 2 for family in by_family.values()
        ), f"{municipality}: no shared responsibility"
        assert any(
            g.relation in (GuardianRelation.MOTHER, GuardianRelation.FATHER)
            and not g.has_parental_responsibility
            for g in guardians
        ), f"{municipality}: no parent without parental responsibility"
        languages = set(Family.objects.filter(municipality=municipality).values_list("language", flat=True))
        assert municipality.language in languages
        for family in Family.objects.filter(municipality=municipality):
            family.full_clean()
            assert all([family.street_address, family.postal_code, family.postal_town])
    assert "en" in set(
        Family.objects.filter(municipality__in=municipalities()).values_list("language", flat=True)
    )


def test_national_ids_match_the_country() -> None:
    children, guardians = people()
    kinds: Counter[tuple[str, str]] = Counter()
    for person in everyone(children, guardians):
        if not person.national_id:
            continue
        country = person.municipality.country
        kind = parse_national_id(person.national_id, country=country).kind
        kinds[(country, kind)] += 1
        if country == "IS":
            assert kennitala.checksum(person.national_id) == 0
            assert person.national_id[-1] == ("9" if person.national_id[4:6] > "30" else "0")
    assert set(kinds) == {
        ("NO", NationalIdKind.FODSELSNUMMER),
        ("NO", NationalIdKind.D_NUMMER),
        ("IS", NationalIdKind.KENNITALA),
    }


def test_families_are_spread_unevenly_over_the_coordinators() -> None:
    today = timezone.localdate()
    for municipality in municipalities():
        assignments = CoordinatorAssignment.objects.filter(municipality=municipality).select_related(
            "coordinator", "family"
        )
        active = list(assignments.active_on(today))
        for assignment in assignments:
            assignment.full_clean()
            assert assignment.coordinator.role == Role.COORDINATOR
            assert assignment.coordinator.municipality_id == municipality.pk
            assert assignment.family.municipality_id == municipality.pk
            assert today - datetime.timedelta(days=3 * 366) <= assignment.starts_on <= today
        families_with_active = Counter(a.family_id for a in active)
        assert max(families_with_active.values()) == 1, "a family has two coordinators at once"
        caseloads = Counter(a.coordinator_id for a in active)
        coordinators = User.objects.filter(municipality=municipality, role=Role.COORDINATOR)
        loads = [caseloads[c.pk] for c in coordinators]
        assert max(loads) >= 10, f"{municipality}: nobody with a big caseload"
        assert min(loads) <= 3, f"{municipality}: nobody with a small caseload"
        families = Family.objects.filter(municipality=municipality)
        waiting = [f for f in families if f.pk not in families_with_active]
        assert 2 <= len(waiting) <= 6, f"{municipality}: new requests without a coordinator"
        ended = [a for a in assignments if a.ends_on is not None]
        assert ended, f"{municipality}: no handover"
        for old in ended:
            assert old.ends_on is not None
            assert old.ends_on <= today
            assert old.family_id in families_with_active  # the new coordinator took over
        kinds = {a.kind for a in assignments}
        if municipality.country == "NO":
            assert kinds == {CoordinatorKind.BARNEKOORDINATOR, CoordinatorKind.KOORDINATOR}
        else:
            assert kinds == {CoordinatorKind.SERVICE_CONTACT, CoordinatorKind.CASE_MANAGER}


def test_every_family_has_a_situation() -> None:
    names = set(Family.objects.filter(municipality__in=municipalities()).values_list("name", flat=True))
    assert names == set(DEMO_SITUATIONS)
    assert sum(len(spec.families) for spec in MUNICIPALITIES) == len(DEMO_SITUATIONS)


def test_demo_logins_lists_every_demo_user_and_the_password() -> None:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    table = out.getvalue()
    for user in User.objects.filter(municipality__in=municipalities()):
        assert user.username in table
        assert user.get_full_name() in table
    assert DEMO_PASSWORD in table
    assert "Demo only" in table


@override_settings(ENVIRONMENT="production")
@pytest.mark.parametrize("command", ["demo_logins", "load_demo"])
def test_demo_commands_refuse_to_run_in_production(command: str) -> None:
    before = demo_summary()
    with pytest.raises(CommandError):
        call_command(command, *(["--reset"] if command == "load_demo" else []), stdout=StringIO())
    assert demo_summary() == before


def test_a_demo_coordinator_signs_in_with_the_demo_password_and_sees_own_families() -> None:
    client = Client()
    response = client.post(
        reverse("core:login"), {"username": "bergen.koordinator1", "password": DEMO_PASSWORD}, follow=True
    )
    assert response.context["user"].username == "bergen.koordinator1"
    page = client.get(reverse("core:home")).content.decode()
    assert "Filip" in page  # the Johansen family is hers
    assert "Selma" not in page  # the Tveit family has another coordinator


def test_every_municipality_has_requests_at_different_steps_and_norway_a_late_complaint() -> None:
    from knutepunkt.complaints.models import Complaint
    from knutepunkt.intake.models import CaseStatus

    for municipality in municipalities():
        cases = Case.objects.filter(municipality=municipality)
        statuses = set(cases.values_list("status", flat=True))
        assert {CaseStatus.REQUESTED, CaseStatus.ASSESSING, CaseStatus.DECIDED} <= statuses, municipality
        # Made through the services: each case has its history from the registration on.
        assert all(CaseEvent.objects.filter(case=case, kind="registered").exists() for case in cases)
        complaints = Complaint.objects.filter(municipality=municipality)
        if municipality.country == "NO":
            assert [(c.in_time, bool(c.late_excuse)) for c in complaints] == [(False, True)]


def test_the_desk_has_service_maps_contacts_consents_and_handovers_in_every_municipality() -> None:
    from knutepunkt.consent.models import SharingConsent
    from knutepunkt.coordination.demo import load_demo_desk
    from knutepunkt.coordination.models import Contact, Handover, SupportTeam
    from knutepunkt.directory.models import ChildService, ServiceStatus

    for municipality in municipalities():
        assert ChildService.objects.filter(municipality=municipality, status=ServiceStatus.RECEIVED).exists()
        assert ChildService.objects.filter(municipality=municipality, status=ServiceStatus.NEEDED).exists()
        assert Contact.objects.filter(municipality=municipality).exists()
        assert SharingConsent.objects.filter(municipality=municipality, valid_to__isnull=False).exists()
        assert load_demo_desk(municipality) == 0  # loading again adds nothing
    assert Handover.objects.exists()
    assert SupportTeam.objects.filter(municipality__country="IS").exists()


def test_the_national_supervisor_signs_in_and_sees_national_statistics_only() -> None:
    supervisor = User.objects.get(username=SUPERVISOR_USERNAME)
    assert supervisor.municipality is None
    supervisor.full_clean()
    client = Client()
    response = client.post(
        reverse("core:login"), {"username": SUPERVISOR_USERNAME, "password": DEMO_PASSWORD}, follow=True
    )
    assert response.context["user"].username == SUPERVISOR_USERNAME
    statistics = client.get("/statistics/")
    waiting = next(f for f in statistics.context["figures"] if f.key == "waiting")
    assert waiting.rows[0].cells[1].is_number  # the demo's request history gives a median
    child = Child.objects.first()
    assert child is not None
    assert client.get(f"/children/{child.pk}/").status_code == 404
