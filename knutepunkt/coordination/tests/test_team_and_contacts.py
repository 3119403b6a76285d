"""Iceland's support team, the contact and guidance log, and the specialist-health coordinator."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.coordination import services
from knutepunkt.coordination.models import ContactKind, CoordinatorKind, MemberRole, Right, TeamStatus
from knutepunkt.coordination.tests.factories import CoordinatorAssignmentFactory
from knutepunkt.core.errors import DomainError
from knutepunkt.directory.models import UserOrganisation
from knutepunkt.people.models import Family, Role, User
from knutepunkt.people.tests.factories import ChildFactory, FamilyFactory, GuardianFactory, UserFactory
from knutepunkt.tenancy.models import UnitKind
from knutepunkt.tenancy.tests.factories import IcelandicMunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


class Akureyri:
    def __init__(self) -> None:
        municipality = IcelandicMunicipalityFactory.create()
        welfare = UnitFactory.create(
            municipality=municipality, kind=UnitKind.SOCIAL_SERVICES, name="Velferðarsvið"
        )
        school = UnitFactory.create(municipality=municipality, kind=UnitKind.SCHOOL, name="Brekkuskóli")
        self.officer: User = UserFactory.create(municipality=municipality, unit=welfare, role=Role.OFFICER)
        self.case_manager: User = UserFactory.create(
            municipality=municipality, unit=welfare, role=Role.COORDINATOR
        )
        self.contact: User = UserFactory.create(
            municipality=municipality, unit=school, role=Role.COORDINATOR, email="tengilidur@example.invalid"
        )
        self.family: Family = FamilyFactory.create(municipality=municipality, language="is")
        ChildFactory.create(family=self.family)
        GuardianFactory.create(family=self.family, email="foreldri@example.invalid")
        CoordinatorAssignmentFactory.create(
            family=self.family, coordinator=self.case_manager, kind=CoordinatorKind.CASE_MANAGER
        )
        CoordinatorAssignmentFactory.create(
            family=self.family, coordinator=self.contact, kind=CoordinatorKind.SERVICE_CONTACT
        )


def test_the_case_manager_forms_the_team_and_a_closing_without_plan_tells_parents_and_contact(
    db: None, django_capture_on_commit_callbacks: object
) -> None:
    iceland = Akureyri()
    with pytest.raises(DomainError) as refused:
        services.form_support_team(actor=Actor(iceland.contact), family_id=iceland.family.pk, formed_on=TODAY)
    assert refused.value.code == "not_case_manager"
    team = services.form_support_team(
        actor=Actor(iceland.case_manager),
        family_id=iceland.family.pk,
        formed_on=TODAY,
        members=[services.MemberInput(role=MemberRole.PARENT, name="Anna Jónsdóttir")],
    )
    services.add_team_member(
        actor=Actor(iceland.case_manager),
        team_id=team.pk,
        member=services.MemberInput(role=MemberRole.PROVIDER, name="Páll", organisation="Brekkuskóli"),
    )
    with pytest.raises(ValidationError) as error:
        services.close_support_team(
            actor=Actor(iceland.case_manager), team_id=team.pk, closed_on=TODAY, with_plan=False
        )
    assert "reasons" in error.value.message_dict
    team.refresh_from_db()
    assert team.status == TeamStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        services.close_support_team(
            actor=Actor(iceland.case_manager),
            team_id=team.pk,
            closed_on=TODAY,
            with_plan=False,
            reasons="The family moved before the plan could be made.",
        )
    team.refresh_from_db()
    assert team.status == TeamStatus.CLOSED_WITHOUT_PLAN
    assert team.reasons_sent_at is not None
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["foreldri@example.invalid", "tengilidur@example.invalid"]
    # E-mails carry no content: the reasons are read in Knutepunkt (ADR 0004).
    assert all("moved" not in message.body for message in mail.outbox)
    page = client_for(iceland.contact).get(reverse("coordination:family", args=[iceland.family.pk]))
    assert "The family moved before the plan could be made." in page.content.decode()


def test_support_teams_are_icelandic(tenant: Tenant) -> None:
    with pytest.raises(DomainError) as error:
        services.form_support_team(actor=Actor(tenant.officer), family_id=tenant.family.pk, formed_on=TODAY)
    assert error.value.code == "not_iceland"


def test_contact_log_records_guidance_and_refuses_a_future_date(tenant: Tenant) -> None:
    organisation = UserOrganisation.objects.filter(
        country="NO", active=True
    ).first() or UserOrganisation.objects.create(
        country="NO", name="Foreningen for barn", helps_with="Peer support"
    )
    contact = services.record_contact(
        actor=Actor(tenant.coordinator),
        family_id=tenant.family.pk,
        contact=services.ContactInput(
            occurred_on=TODAY,
            kind=ContactKind.OFFICE,
            people="Both parents",
            summary="Went through the right to an individual plan",
            rights=(Right.INDIVIDUAL_PLAN, Right.COMPLAINT),
            organisation_ids=(organisation.pk,),
        ),
    )
    assert contact.right_labels() == [str(Right.INDIVIDUAL_PLAN.label), str(Right.COMPLAINT.label)]
    assert list(contact.organisations.all()) == [organisation]
    with pytest.raises(ValidationError) as error:
        services.record_contact(
            actor=Actor(tenant.coordinator),
            family_id=tenant.family.pk,
            contact=services.ContactInput(
                occurred_on=TODAY + datetime.timedelta(days=1), kind="fax", people="", summary=""
            ),
        )
    assert {"occurred_on", "kind", "people", "summary"} <= set(error.value.message_dict)
    assert tenant.family.contacts.count() == 1


def test_contact_form_page_logs_a_contact(tenant: Tenant) -> None:
    client = client_for(tenant.coordinator)
    url = reverse("coordination:contact", args=[tenant.family.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "occurred_on": TODAY.isoformat(),
            "kind": "phone",
            "people": "Mother",
            "summary": "Asked about respite care",
            "category": "coordinator",
            "rights": ["benefits"],
        },
    )
    assert response.status_code == 302
    assert tenant.family.contacts.get().rights == ["benefits"]
    # Another coordinator's family: 404, and nothing is written.
    assert client.post(reverse("coordination:contact", args=[tenant.other_family.pk]), {}).status_code == 404


def test_specialist_health_coordinator_needs_a_way_to_reach_them(tenant: Tenant) -> None:
    with pytest.raises(ValidationError) as error:
        services.record_outside_coordinator(
            actor=Actor(tenant.coordinator),
            family_id=tenant.family.pk,
            name="Siri Haugen",
            title="Nurse",
            organisation="Haukeland",
            starts_on=TODAY,
        )
    assert "phone" in error.value.message_dict
    outside = services.record_outside_coordinator(
        actor=Actor(tenant.coordinator),
        family_id=tenant.family.pk,
        name="Siri Haugen",
        title="Nurse",
        organisation="Haukeland",
        starts_on=TODAY,
        phone="55975000",
    )
    assert outside.phone == "+47 55 97 50 00"
    text = (
        client_for(tenant.coordinator)
        .get(reverse("coordination:family", args=[tenant.family.pk]))
        .content.decode()
    )
    assert "Siri Haugen" in text
