"""The coordinator's desk in a browser: appoint -> add services from the directory -> consent to
share with the school only -> the school sees the allowed parts and not the health notes ->
consent withdrawn -> the school gets 404, and the access log shows both attempts. axe on every
page, a screenshot of each."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from e2e.conftest import PageOpener, allow_console_error, axe_check, login, screenshot, switch_language
from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.coordination import services as desk
from knutepunkt.coordination.models import ContactKind, CoordinatorAssignment, HandoverReason
from knutepunkt.directory.models import Agency, Level, ServiceType
from knutepunkt.directory.services import set_agency_services
from knutepunkt.intake import services as intake
from knutepunkt.intake.models import Case, Outcome
from knutepunkt.intake.tests.factories import assess_all_yes, consent_all, open_case

pytestmark = pytest.mark.browser
TODAY = timezone.localdate()
HEALTH_NOTE = "Seizure medicine doubled after the hospital stay"
SCHOOL_NOTE = "Needs a quiet room for tests"


def _service_type(code: str, name: str, name_en: str) -> ServiceType:
    # The seeded service types are flushed between browser tests (transactional database).
    service_type, _ = ServiceType.objects.get_or_create(
        country="NO", code=code, defaults={"name": name, "name_en": name_en}
    )
    return service_type


def _agency(t: Tenant, name: str, service_type: ServiceType, level: str = Level.MUNICIPAL) -> Agency:
    agency = Agency(municipality=t.municipality, country="NO", name=name, level=level, unit=None)
    agency.full_clean()
    agency.save()
    set_agency_services(agency, [service_type])
    return agency


def _granted_case(t: Tenant) -> Case:
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


def _sign_in(page: Page, user: object) -> None:
    """Sign in and read the pages in English, as the assertions are written."""
    login(page, user)  # type: ignore[arg-type]
    switch_language(page, "en")


def _check(page: Page, name: str) -> None:
    axe_check(page)
    screenshot(page, name)


def test_appoint_map_share_with_the_school_then_withdraw(
    open_page: PageOpener, tenant: Tenant, other_tenant: Tenant
) -> None:
    school_type = _service_type("school", "Skole", "School")
    gp_type = _service_type("gp", "Fastlege", "GP")
    school = _agency(tenant, "Bergen skole", school_type)
    school.unit = tenant.school
    school.save()
    _agency(tenant, "Bergen legesenter", gp_type, Level.PRIVATE_ON_PUBLIC_CONTRACT)
    case = _granted_case(tenant)
    family, child = case.family, case.child
    child.given_name = "Tiril"
    child.save(update_fields=["given_name"])

    # 1. The coordinating unit appoints, choosing in the picker with the family's wishes.
    officer = open_page()
    _sign_in(officer, tenant.officer)
    officer.goto(f"/coordination/cases/{case.pk}/appoint/")
    expect(officer.locator("main h1")).to_contain_text("Appoint the coordinator")
    table = officer.get_by_role("table", name="Coordinators to choose from")
    expect(table).to_contain_text(tenant.coordinator.get_full_name())
    expect(table).not_to_contain_text(other_tenant.coordinator.get_full_name())
    _check(officer, "desk-appoint")
    officer.get_by_label(tenant.coordinator.get_full_name()).check()
    officer.locator("#id_family_wishes").fill("Someone who has met Tiril before")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Appoint").click()
    expect(officer.locator("main h1")).to_have_text(f"The {family.name} family")
    expect(officer.locator("main")).to_contain_text("Someone who has met Tiril before")
    _check(officer, "desk-family-after-appointment")
    assert CoordinatorAssignment.objects.active_on(TODAY).get(family=family).coordinator == tenant.coordinator

    # 2. The coordinator puts services from the directory on Tiril's map.
    coordinator = open_page()
    _sign_in(coordinator, tenant.coordinator)
    coordinator.goto(f"/children/{child.pk}/")
    coordinator.get_by_role("link", name="Service map").click()
    expect(coordinator.locator("main h1")).to_contain_text("Service map")
    _check(coordinator, "desk-service-map-empty")
    for search, service, status in (
        ("Bergen skole", school_type, "Received"),
        ("legesenter", gp_type, "Waiting"),
    ):
        with coordinator.expect_navigation():
            coordinator.get_by_role("link", name="Add a service").click()
        searchbox = coordinator.get_by_role("searchbox", name="Find the provider in the directory")
        searchbox.fill(search)
        with coordinator.expect_navigation():
            searchbox.press("Enter")
        coordinator.get_by_label("Service", exact=True).select_option(value=str(service.pk))
        coordinator.locator("#id_agency").select_option(index=1)
        coordinator.get_by_label(status, exact=True).check()
        coordinator.locator("#id_contact_person").fill("Kari Nilsen")
        _check(coordinator, f"desk-add-service-{service.code}")
        with coordinator.expect_navigation():
            coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator(".ds-alert[data-color=danger]")).to_contain_text("1 need is not met")
    expect(coordinator.locator("svg[role=img]")).to_be_visible()
    expect(coordinator.get_by_role("table")).to_contain_text("Bergen legesenter")
    _check(coordinator, "desk-service-map")

    # A health note through the contact log; a school note as well.
    coordinator.goto(f"/coordination/families/{family.pk}/contacts/new/")
    coordinator.get_by_label("Home visit").check()
    coordinator.get_by_label("Who took part").fill("Mother, Tiril")
    coordinator.get_by_label("Summary").fill(HEALTH_NOTE)
    coordinator.get_by_label("Kind of information").select_option("health")
    coordinator.get_by_label("The right to an individual plan or support plan").check()
    _check(coordinator, "desk-contact-form")
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator("#contacts")).to_contain_text(HEALTH_NOTE)
    desk.record_contact(
        actor=Actor(tenant.coordinator),
        family_id=family.pk,
        contact=desk.ContactInput(
            occurred_on=TODAY,
            kind=ContactKind.PHONE,
            people="Teacher",
            summary=SCHOOL_NOTE,
            category="school",
        ),
    )

    # 3. Consent to share with the school only: name, contact details and school matters.
    coordinator.goto(f"/consent/families/{family.pk}/")
    coordinator.get_by_label("Share with").select_option(label=tenant.school.name)
    coordinator.get_by_label("Name, age and contact details").check()
    coordinator.get_by_label("Kindergarten and school matters").check()
    coordinator.get_by_label("Given by").select_option(index=1)
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Record the consent").click()
    expect(coordinator.get_by_role("table").first).to_contain_text(tenant.school.name)
    _check(coordinator, "desk-consents")

    # 4. The school's service contact sees the allowed parts, not the health notes.
    school_user = open_page()
    _sign_in(school_user, tenant.service_contact)
    school_user.goto(f"/consent/children/{child.pk}/shared/")
    main = school_user.locator("main")
    expect(main).to_contain_text(SCHOOL_NOTE)
    expect(main).to_contain_text("Bergen skole")
    expect(main).not_to_contain_text(HEALTH_NOTE)
    expect(main).not_to_contain_text("Bergen legesenter")
    expect(main).to_contain_text("Not shared, and not shown")
    _check(school_user, "desk-shared-with-school")

    # 5. The consent is withdrawn; the same school user now gets 404 on the next request.
    coordinator.reload()
    with coordinator.expect_navigation():
        coordinator.get_by_role(
            "button", name=re.compile(f"Withdraw the consent to share with {tenant.school.name}")
        ).click()
    expect(coordinator.locator(".kp-messages")).to_contain_text("The consent is withdrawn")
    allow_console_error(school_user, r"status of 404 \(Not Found\)")
    response = school_user.reload()
    assert response is not None
    assert response.status == 404
    expect(school_user.locator("main h1")).to_have_text("We could not find that page")
    _check(school_user, "desk-school-after-withdrawal")

    # 6. The access log on the consents page shows both attempts.
    coordinator.reload()
    log = coordinator.get_by_role("table", name="Access log")
    school_rows = log.locator("tr", has_text=tenant.service_contact.get_full_name())
    expect(school_rows.filter(has_text="Tried to open, and was refused")).to_have_count(1)
    expect(school_rows.filter(has_text="Viewed")).to_have_count(1)
    _check(coordinator, "desk-access-log")


def test_caseload_month_handover_and_forms_pass_axe(open_page: PageOpener, tenant: Tenant) -> None:
    desk.record_contact(
        actor=Actor(tenant.coordinator),
        family_id=tenant.family.pk,
        contact=desk.ContactInput(
            occurred_on=TODAY,
            kind=ContactKind.OFFICE,
            people="Father",
            summary="Planned the school start",
            follow_up_on=TODAY + datetime.timedelta(days=7),
        ),
    )
    coordinator = open_page()
    _sign_in(coordinator, tenant.coordinator)
    coordinator.get_by_role("navigation", name="Main menu").get_by_role("link", name="Caseload").click()
    expect(coordinator.get_by_role("table")).to_contain_text(tenant.family.name)
    expect(coordinator.get_by_role("table")).to_contain_text("Follow-up agreed with the family")
    _check(coordinator, "desk-caseload")
    coordinator.get_by_role("link", name="My month").click()
    expect(coordinator.locator("main")).to_contain_text("1 contact this month")
    _check(coordinator, "desk-month")
    coordinator.goto("/consent/expiring/")
    _check(coordinator, "desk-consents-expiring")
    coordinator.goto(f"/coordination/families/{tenant.family.pk}/specialist/")
    coordinator.get_by_label("Name", exact=True).fill("Siri Haugen")
    coordinator.get_by_label("Profession").fill("Nurse")
    coordinator.get_by_label("Hospital or ward").fill("Haukeland, children's ward")
    coordinator.locator("#id_phone").fill("55 97 50 00")
    _check(coordinator, "desk-specialist-form")
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Save").click()
    expect(coordinator.locator("#outside")).to_contain_text("Siri Haugen")
    coordinator.get_by_role("link", name="Hand over to another coordinator").click()
    coordinator.get_by_label("New coordinator", exact=True).select_option(
        label=tenant.other_coordinator.get_full_name()
    )
    coordinator.get_by_label("Handover date").fill((TODAY + datetime.timedelta(days=14)).isoformat())
    coordinator.get_by_label("The child moves to a new stage (kindergarten, school, adulthood)").check()
    _check(coordinator, "desk-handover-form")
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="Record the handover").click()
    expect(coordinator.locator("#handovers")).to_contain_text(tenant.other_coordinator.get_full_name())
    _check(coordinator, "desk-family")
    assert tenant.family.handovers.get().reason == HandoverReason.STAGE_CHANGE

    leader = open_page()
    _sign_in(leader, tenant.leader)
    leader.goto("/coordination/unit/")
    expect(leader.get_by_role("table")).to_contain_text(tenant.coordinator.get_full_name())
    _check(leader, "desk-unit-caseloads")


def test_icelandic_case_manager_forms_and_closes_a_support_team(open_page: PageOpener, db: None) -> None:
    from knutepunkt.coordination.tests.factories import CoordinatorAssignmentFactory
    from knutepunkt.people.models import Role
    from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory, GuardianFactory, UserFactory
    from knutepunkt.tenancy.models import UnitKind
    from knutepunkt.tenancy.tests.factories import IcelandicMunicipalityFactory, UnitFactory

    municipality = IcelandicMunicipalityFactory.create(name="Akureyri")
    welfare = UnitFactory.create(
        municipality=municipality, kind=UnitKind.SOCIAL_SERVICES, name="Velferðarsvið"
    )
    case_manager = UserFactory.create(municipality=municipality, unit=welfare, role=Role.COORDINATOR)
    family = FamilyFactory.create(municipality=municipality, name="Jónsson", language="is")
    ChildFactory.create(family=family, given_name="Sól")
    GuardianFactory.create(family=family)
    CoordinatorAssignmentFactory.create(family=family, coordinator=case_manager, kind="case_manager")

    page = open_page()
    login(page, case_manager)
    switch_language(page, "is")
    page.goto(f"/coordination/families/{family.pk}/")
    expect(page.locator("main h1")).to_have_text("Fjölskyldan Jónsson")
    _check(page, "desk-iceland-family")
    page.get_by_role("link", name="Mynda stuðningsteymi").click()
    _check(page, "desk-iceland-team-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Vista").click()
    team = page.locator("#team")
    expect(team).to_contain_text("Að störfum")
    team.get_by_label("Nafn").fill("Páll Kennari")
    team.get_by_label("Þjónusta eða stofnun").fill("Brekkuskóli")
    with page.expect_navigation():
        team.get_by_role("button", name="Bæta við teymið").click()
    expect(page.locator("#team")).to_contain_text("Páll Kennari")
    page.get_by_role("link", name="Loka teyminu").click()
    page.get_by_label("Nei, teymið hættir án áætlunar").check()
    _check(page, "desk-iceland-team-close")
    allow_console_error(page, r"status of 400 \(Bad Request\)")  # the refusal below
    with page.expect_navigation():
        page.get_by_role("button", name="Vista").click()
    expect(page.locator(".ds-error-summary")).to_be_visible()  # the reasons are required
    page.get_by_label("Hvers vegna teymið hættir án áætlunar").fill(
        "Fjölskyldan flutti áður en áætlun var gerð."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Vista").click()
    expect(page.locator("#team")).to_contain_text("Fjölskyldan flutti áður en áætlun var gerð.")
    expect(page.locator("#team")).to_contain_text("Lokið án stuðningsáætlunar")
    _check(page, "desk-iceland-team-closed")
