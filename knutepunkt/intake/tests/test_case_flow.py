"""From request to decision to an active coordinator, and every refusal on the way."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant
from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.core.errors import ConflictError, DomainError
from knutepunkt.intake import services
from knutepunkt.intake.models import Case, CaseStatus, Channel, ConsentChannel, DocumentKind, Outcome
from knutepunkt.intake.tests.factories import assess_all_yes, consent_all, open_case
from knutepunkt.people.tests.factories import GuardianFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def decide_grant(t: Tenant, case: Case, **overrides: object) -> object:
    kwargs: dict[str, object] = {
        "actor": Actor(t.officer),
        "case_id": case.pk,
        "outcome": Outcome.GRANTED,
        "arrangement": "barnekoordinator",
        "coordinator_id": t.coordinator.pk,
        "reasons": "All criteria are met.",
        "decided_on": TODAY,
    }
    kwargs.update(overrides)
    return services.decide_case(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "channel", [Channel.PHONE, Channel.LETTER, Channel.REFERRAL, Channel.IN_PERSON, Channel.EMAIL]
)
def test_every_way_in_registers_a_requested_case(tenants: tuple[Tenant, Tenant], channel: Channel) -> None:
    here, _ = tenants
    case = open_case(here, channel=channel)
    assert case.status == CaseStatus.REQUESTED
    assert case.channel == channel
    assert case.events.get().kind == "registered"
    assert AccessEvent.objects.filter(object_type="intake.case", action=AccessAction.CHANGE).count() == 1


def test_own_initiative_is_a_task_to_inform_the_family_with_a_date(tenant: Tenant) -> None:
    case = open_case(tenant, channel=Channel.OWN_INITIATIVE, days_ago=3)
    assert case.inform_family_by == case.received_on + datetime.timedelta(days=14)
    services.record_family_informed(actor=Actor(tenant.officer), case_id=case.pk, informed_on=TODAY)
    case.refresh_from_db()
    assert case.family_informed_on == TODAY


def test_referral_must_name_the_referrer(tenant: Tenant) -> None:
    with pytest.raises(ValidationError) as error:
        services.register_request(
            actor=Actor(tenant.officer),
            channel=Channel.REFERRAL,
            received_on=TODAY,
            child_id=tenant.other_child.pk,
        )
    assert "Say who made the referral." in error.value.messages


def test_a_child_has_one_open_case(tenant: Tenant) -> None:
    open_case(tenant)
    with pytest.raises(DomainError, match="already has an open case"):
        services.register_request(
            actor=Actor(tenant.officer),
            channel=Channel.PHONE,
            received_on=TODAY,
            child_id=tenant.other_child.pk,
        )


def test_full_flow_grants_appoints_and_sends_the_letter(
    tenant: Tenant, django_capture_on_commit_callbacks: object
) -> None:
    tenant.other_family.language = "en"  # the e-mail is written in the family's language
    tenant.other_family.save()
    case = assess_all_yes(tenant, open_case(tenant))
    consent_all(tenant, case)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        decision = decide_grant(tenant, case)
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    decision.refresh_from_db()  # type: ignore[attr-defined]
    assert decision.letter is not None  # type: ignore[attr-defined]
    assert decision.letter.kind == DocumentKind.DECISION_LETTER  # type: ignore[attr-defined]
    assert len(mail.outbox) == 1
    assert "not attached" in mail.outbox[0].body
    assert mail.outbox[0].attachments == []
    assignment = services.appoint_coordinator(actor=Actor(tenant.officer), case_id=case.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert assignment.coordinator == tenant.coordinator
    assert [e.kind for e in case.events.all()][-2:] == ["decided", "coordinator_appointed"]


def test_grant_is_refused_until_both_guardians_consent(tenant: Tenant) -> None:
    GuardianFactory.create(family=tenant.other_family)  # a second parent with responsibility
    case = assess_all_yes(tenant, open_case(tenant))
    first = case.family.guardians.first()
    assert first is not None
    services.record_appointment_consent(
        actor=Actor(tenant.officer),
        case_id=case.pk,
        guardian_id=first.pk,
        given_on=TODAY,
        channel=ConsentChannel.WRITTEN,
    )
    with pytest.raises(DomainError) as error:
        decide_grant(tenant, case)
    assert error.value.code == "consent_missing"
    assert "second guardian" in str(error.value)
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSING
    assert not case.decisions.exists()


def test_grant_for_an_arrangement_the_assessment_does_not_support_is_refused(tenant: Tenant) -> None:
    case = open_case(tenant)
    services.start_assessment(actor=Actor(tenant.officer), case_id=case.pk)  # nothing judged yet
    consent_all(tenant, case)
    with pytest.raises(ValidationError) as error:
        decide_grant(tenant, case)
    assert "does not show the family is entitled" in str(error.value)


def test_refusal_needs_no_consent_and_can_be_closed(tenant: Tenant) -> None:
    case = open_case(tenant)
    services.start_assessment(actor=Actor(tenant.officer), case_id=case.pk)
    services.decide_case(
        actor=Actor(tenant.officer),
        case_id=case.pk,
        outcome=Outcome.REFUSED,
        reasons="No serious condition.",
        decided_on=TODAY,
    )
    with pytest.raises(DomainError, match="Only a granted decision"):
        services.appoint_coordinator(actor=Actor(tenant.officer), case_id=case.pk)
    services.close_case(actor=Actor(tenant.officer), case_id=case.pk, reason="Refused, no complaint.")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED


def test_step_out_of_order_is_refused_with_a_clear_message_and_nothing_changes(tenant: Tenant) -> None:
    case = open_case(tenant)
    with pytest.raises(DomainError) as error:
        services.decide_case(
            actor=Actor(tenant.officer),
            case_id=case.pk,
            outcome=Outcome.REFUSED,
            reasons="x",
            decided_on=TODAY,
        )
    assert error.value.code == "illegal_step"
    assert "“Requested” cannot go to “Decided”" in str(error.value)
    case.refresh_from_db()
    assert case.status == CaseStatus.REQUESTED
    assert not case.decisions.exists()


def test_stale_version_is_refused_as_a_conflict(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    stale = case.version - 1
    with pytest.raises(ConflictError):
        services.record_judgement(
            actor=Actor(tenant.officer),
            case_id=case.pk,
            key="complex",
            value=False,
            reason="x",
            expected_version=stale,
        )


def test_judgement_needs_a_reason(tenant: Tenant) -> None:
    case = open_case(tenant)
    services.start_assessment(actor=Actor(tenant.officer), case_id=case.pk)
    with pytest.raises(ValidationError, match="short reason"):
        services.record_judgement(
            actor=Actor(tenant.officer), case_id=case.pk, key="complex", value=True, reason=" "
        )


def test_other_municipality_and_non_officers_cannot_touch_the_case(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    case = open_case(here)
    with pytest.raises(Http404):
        services.start_assessment(actor=Actor(there.officer), case_id=case.pk)
    with pytest.raises(PermissionDenied):
        services.start_assessment(actor=Actor(here.coordinator), case_id=case.pk)
    case.refresh_from_db()
    assert case.status == CaseStatus.REQUESTED


def test_decision_dated_in_the_future_or_known_before_made_is_refused(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    consent_all(tenant, case)
    with pytest.raises(ValidationError) as error:
        decide_grant(tenant, case, decided_on=TODAY + datetime.timedelta(days=1))
    assert "The decision date is in the future." in error.value.messages
    with pytest.raises(ValidationError) as error:
        decide_grant(tenant, case, known_on=TODAY - datetime.timedelta(days=1))
    assert "The family cannot have known of the decision before it was made." in error.value.messages


def test_appointing_ends_any_earlier_coordinator_of_the_family(tenant: Tenant) -> None:
    case = assess_all_yes(tenant, open_case(tenant))
    consent_all(tenant, case)
    decide_grant(tenant, case, coordinator_id=tenant.other_coordinator.pk)
    services.appoint_coordinator(actor=Actor(tenant.officer), case_id=case.pk)
    active = CoordinatorAssignment.objects.active_on(TODAY).filter(family=case.family)
    assert [a.coordinator for a in active] == [tenant.other_coordinator]
