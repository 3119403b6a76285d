"""ID-porten finds a family member by the national ID claim, never creates one, and never lets an
e-mail claim reach a family account."""

from __future__ import annotations

from django.test import override_settings

from knutepunkt.conftest import Tenant
from knutepunkt.core.oidc import KnutepunktOIDCBackend
from knutepunkt.portal.models import FamilyAccount
from knutepunkt.portal.tests.factories import guardian_user

NATIONAL_ID = "15076500565"


@override_settings(OIDC_NATIONAL_ID_CLAIM="pid")
def test_a_family_member_is_found_by_the_national_id_claim(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    FamilyAccount.objects.filter(user=user).update(national_id=NATIONAL_ID)
    backend = KnutepunktOIDCBackend.__new__(KnutepunktOIDCBackend)
    assert list(backend.filter_users_by_claims({"pid": NATIONAL_ID})) == [user]
    assert list(backend.filter_users_by_claims({"pid": "01010112345"})) == []


@override_settings(OIDC_NATIONAL_ID_CLAIM="pid")
def test_an_email_claim_never_signs_in_a_family_member(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    backend = KnutepunktOIDCBackend.__new__(KnutepunktOIDCBackend)
    assert list(backend.filter_users_by_claims({"email": user.email})) == []
    assert list(backend.filter_users_by_claims({"email": tenant.coordinator.email})) == [tenant.coordinator]


def test_without_the_setting_the_national_id_is_not_used(tenant: Tenant) -> None:
    user = guardian_user(tenant.family)
    FamilyAccount.objects.filter(user=user).update(national_id=NATIONAL_ID)
    backend = KnutepunktOIDCBackend.__new__(KnutepunktOIDCBackend)
    assert list(backend.filter_users_by_claims({"pid": NATIONAL_ID})) == []
