"""The decision letter is a real PDF whose text holds the complaint deadline and the law."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone, translation

from knutepunkt.access.context import Actor
from knutepunkt.conftest import Tenant
from knutepunkt.intake import services
from knutepunkt.intake.letters import render_decision_letter
from knutepunkt.intake.models import Decision, Outcome
from knutepunkt.intake.tests.factories import assess_all_yes, consent_all, open_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def granted(t: Tenant, language: str) -> Decision:
    t.other_family.language = language
    t.other_family.save()
    case = assess_all_yes(t, open_case(t))
    consent_all(t, case)
    known = TODAY - datetime.timedelta(days=3)
    decision = services.decide_case(
        actor=Actor(t.officer),
        case_id=case.pk,
        outcome=Outcome.GRANTED,
        arrangement="barnekoordinator",
        coordinator_id=t.coordinator.pk,
        reasons="The criteria are met.",
        decided_on=known,
        known_on=known,
    )
    return decision


@pytest.mark.parametrize(
    ("language", "appeal_body", "ombud"),
    [
        ("en", "Statsforvalteren", "Pasient- og brukerombudet"),
        ("nb", "Statsforvalteren", "Pasient- og brukerombudet"),
        ("nn", "Statsforvaltaren", "Pasient- og brukarombodet"),
    ],
)
def test_norwegian_letter_holds_deadline_date_and_legal_references(
    tenant: Tenant, language: str, appeal_body: str, ombud: str
) -> None:
    decision = granted(tenant, language)
    text = pdf_text(render_decision_letter(decision))
    deadline = decision.known_on + datetime.timedelta(weeks=4)
    with translation.override(language):
        assert format_date(deadline, "j. F Y") in text
    for reference in ("§ 2-5c", "§ 7-2a", "§ 7-2", "§ 7-5"):
        assert reference in text
    assert appeal_body in text
    assert ombud in text
    assert tenant.coordinator.get_full_name() in text
    assert f"to {tenant.municipality.name}" in text or tenant.municipality.name in text.split("§ 7-5")[1]


def test_icelandic_letter_sends_complaints_to_gev_within_a_year_from_18(tenant: Tenant) -> None:
    from knutepunkt.tenancy.models import Country

    municipality = tenant.municipality
    municipality.country = Country.ICELAND
    municipality.save()
    tenant.other_family.language = "is"
    tenant.other_family.save()
    case = open_case(tenant)
    actor = Actor(tenant.officer)
    services.start_assessment(actor=actor, case_id=case.pk)
    services.record_case_facts(
        actor=actor, case_id=case.pk, request_by="parents", stage="primary_school", service_levels=[2, 3]
    )
    for key, value in {
        "multi_faceted_long_term": True,
        "child_protection_case": False,
        "has_domicile": True,
    }.items():
        services.record_judgement(actor=actor, case_id=case.pk, key=key, value=value, reason="Mat")
    consent_all(tenant, case)
    decision = services.decide_case(
        actor=actor,
        case_id=case.pk,
        outcome=Outcome.GRANTED,
        arrangement="case_manager",
        coordinator_id=tenant.coordinator.pk,
        reasons="Þörf fyrir samþætta þjónustu.",
        decided_on=TODAY,
    )
    text = pdf_text(render_decision_letter(decision))
    birth = tenant.other_child.birth_date
    assert birth is not None
    eighteen = (
        birth.replace(year=birth.year + 18)
        if (birth.month, birth.day) != (2, 29)
        else datetime.date(birth.year + 18, 3, 1)
    )
    deadline = max(eighteen, TODAY)
    deadline = (
        deadline.replace(year=deadline.year + 1)
        if (deadline.month, deadline.day) != (2, 29)
        else datetime.date(deadline.year + 1, 3, 1)
    )
    with translation.override("is"):
        assert format_date(deadline, "j. F Y") in text
    assert "GEV" in text
    assert "86/2021" in text
