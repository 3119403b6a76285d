"""Registering a family: bad input is refused with a clear message and nothing is saved."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.people.models import Child, Family, Guardian
from knutepunkt.people.tests.factories import make_fodselsnummer
from knutepunkt.tenancy.tests.factories import IcelandicMunicipalityFactory, UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BIRTH = TODAY - datetime.timedelta(days=365 * 6)


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "family_name": "Haugland",
        "language": "nb",
        "child_given_name": "Ingrid",
        "child_family_name": "Haugland",
        "child_birth_date": BIRTH.isoformat(),
        "child_expected_date": "",
        "child_national_id": "",
        "guardian0_given_name": "Kari",
        "guardian0_family_name": "Haugland",
        "guardian0_relation": "mother",
        "guardian0_has_parental_responsibility": "on",
        "guardian0_national_id": "",
        "guardian0_email": "kari@eksempel.invalid",
        "guardian0_phone": "",
    }
    data.update(overrides)
    return data


def post(client: Client, language: str = "en", **overrides: Any) -> Any:
    return client.post(
        reverse("people:register"), form_data(**overrides), headers={"accept-language": language}
    )


def counts() -> tuple[int, int, int]:
    return Family.objects.count(), Child.objects.count(), Guardian.objects.count()


def test_officer_registers_a_family_and_the_change_is_logged(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    national_id = make_fodselsnummer(BIRTH)
    response = post(client_for(here.officer), child_national_id=national_id, guardian0_phone="22 33 44 55")
    child = Child.objects.get(given_name="Ingrid")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:child_detail", args=[child.pk])
    assert national_id not in response["Location"]
    assert child.municipality == here.municipality
    assert child.national_id_kind == "fnr"
    assert child.family.guardians.get().phone == "+47 22 33 44 55"
    event = AccessEvent.objects.get(child=child)
    assert (event.action, event.actor) == (AccessAction.CHANGE, here.officer)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"child_national_id": "12345678901"}, "This is not a valid Norwegian national identity number"),
        (
            {"child_birth_date": (TODAY + datetime.timedelta(days=3)).isoformat()},
            "The birth date is in the future",
        ),
        (
            {"child_expected_date": (TODAY + datetime.timedelta(days=60)).isoformat()},
            "Give either a birth date or an expected date, not both.",
        ),
        ({"child_birth_date": "2026-02-30"}, "Enter a valid date."),
        ({"guardian0_national_id": "abc"}, "This is not a valid Norwegian national identity number"),
        ({"guardian0_phone": "12"}, "This phone number does not exist."),
    ],
    ids=["invalid-id", "future-birth", "both-dates", "impossible-date", "guardian-id", "phone"],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    tenants: tuple[Tenant, Tenant], overrides: dict[str, str], message: str
) -> None:
    here, _ = tenants
    before = counts()
    response = post(client_for(here.officer), **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert counts() == before


def _bokmaal(message: str) -> str:
    """The catalogue's bokmål for ``message``; the test checks that the page shows it, and that it
    is not the English, whatever words the translator chose."""
    with translation.override("nb"):
        return translation.gettext(message)


@pytest.mark.parametrize(
    ("overrides", "english", "bokmaal"),
    [
        (
            {"child_national_id": "12345678901"},
            "This is not a valid Norwegian national identity number",
            "fødselsnummer",
        ),
        (
            {"child_birth_date": (TODAY + datetime.timedelta(days=3)).isoformat()},
            "The birth date is in the future",
            _bokmaal("The birth date is in the future. For a child not yet born, give the expected date."),
        ),
        (
            {"child_expected_date": (TODAY + datetime.timedelta(days=60)).isoformat()},
            "Give either a birth date or an expected date, not both.",
            _bokmaal("Give either a birth date or an expected date, not both."),
        ),
    ],
    ids=["invalid-id", "future-birth", "both-dates"],
)
def test_the_refusal_is_translated_to_bokmaal(
    tenant: Tenant, overrides: dict[str, str], english: str, bokmaal: str
) -> None:
    in_english = post(client_for(tenant.officer), "en", **overrides).content.decode()
    in_bokmaal = post(client_for(tenant.officer), "nb", **overrides).content.decode()
    assert english in in_english
    assert english not in in_bokmaal
    assert bokmaal in in_bokmaal


def test_id_that_gives_another_birth_date_is_refused(tenant: Tenant) -> None:
    other_day = BIRTH - datetime.timedelta(days=40)
    response = post(client_for(tenant.officer), child_national_id=make_fodselsnummer(other_day))
    assert response.status_code == 400
    assert "The national ID gives another birth date" in response.content.decode()


def test_expected_child_may_have_no_birth_date(tenant: Tenant) -> None:
    due = TODAY + datetime.timedelta(days=90)
    response = post(
        client_for(tenant.officer),
        child_birth_date="",
        child_given_name="",
        child_expected_date=due.isoformat(),
    )
    assert response.status_code == 302
    child = Child.objects.get(expected_date=due)
    assert child.is_expected
    assert "Expected child" in child.display_name


def test_icelandic_municipality_takes_kennitala_not_fodselsnummer(tenant: Tenant) -> None:
    from knutepunkt.people.tests.factories import UserFactory

    reykjavik = IcelandicMunicipalityFactory.create(number="0000", name="Reykjavíkurborg", language="is")
    officer = UserFactory.create(
        municipality=reykjavik, unit=UnitFactory.create(municipality=reykjavik), role="officer"
    )
    birth = datetime.date(2019, 4, 2)
    refused = post(
        client_for(officer), child_birth_date=birth.isoformat(), child_national_id=make_fodselsnummer(birth)
    )
    assert refused.status_code == 400
    assert "This is not a valid Icelandic kennitala" in refused.content.decode()
    accepted = post(client_for(officer), child_birth_date=birth.isoformat(), child_national_id="020419-0080")
    assert accepted.status_code == 302, accepted.content.decode()
    assert Child.objects.get(municipality=reykjavik).national_id_kind == "kt"


def test_only_officers_may_register(tenant: Tenant) -> None:
    before = counts()
    assert post(client_for(tenant.coordinator)).status_code == 403
    assert counts() == before
