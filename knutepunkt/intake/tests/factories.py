from __future__ import annotations

import datetime

from django.utils import timezone

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.intake import services
from knutepunkt.intake.models import Case, Channel, ConsentChannel

NORWEGIAN_YES = {
    "serious_condition": True,
    "long_term": True,
    "complex": True,
    "coordinated": True,
    "needs_health_and_care_services": True,
    "needs_other_welfare_services": True,
    "needs_specialist_health_services": False,
}


def open_case(t: Tenant, *, channel: Channel = Channel.PHONE, days_ago: int = 10) -> Case:
    """A request for ``t.other_child`` (who has no coordinator yet), registered by the officer."""
    from knutepunkt.coordination.models import CoordinatorAssignment

    CoordinatorAssignment.objects.filter(family=t.other_family).delete()
    return services.register_request(
        actor=Actor(t.officer, "192.0.2.1"),
        channel=channel,
        received_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        child_id=t.other_child.pk,
        requested_by="Mother, by phone",
        summary="Needs help coordinating hospital, school and NAV.",
        referrer_kind="gp" if channel == Channel.REFERRAL else "",
        referrer_name="Dr. Berg" if channel == Channel.REFERRAL else "",
    )


def assess_all_yes(t: Tenant, case: Case) -> Case:
    actor = Actor(t.officer)
    services.start_assessment(actor=actor, case_id=case.pk)
    for key, value in NORWEGIAN_YES.items():
        services.record_judgement(
            actor=actor, case_id=case.pk, key=key, value=value, reason="Seen in the GP's letter"
        )
    case.refresh_from_db()
    return case


def consent_all(t: Tenant, case: Case) -> None:
    for guardian in case.family.guardians.filter(has_parental_responsibility=True):
        services.record_appointment_consent(
            actor=Actor(t.officer),
            case_id=case.pk,
            guardian_id=guardian.pk,
            given_on=timezone.localdate() - datetime.timedelta(days=2),
            channel=ConsentChannel.WRITTEN,
        )
