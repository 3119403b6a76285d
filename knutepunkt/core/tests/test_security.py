"""Security defaults a user or auditor would notice: headers, sign-in throttling, second
factor, production settings and logs without national IDs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.core.logging import RedactNationalIdsFilter

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_pages_send_csp_and_framing_headers(tenant: Tenant) -> None:
    response = client_for(tenant.coordinator).get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_require_sign_in(tenant: Tenant) -> None:
    response = client_for().get(reverse("people:child_detail", args=[tenant.child.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_forms_refuse_posts_without_csrf_token(tenant: Tenant) -> None:
    client = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    client.force_login(tenant.officer)
    response = client.post(reverse("people:register"), {"family_name": "X"})
    assert response.status_code == 403


def test_repeated_wrong_passwords_lock_the_account_out(tenant: Tenant) -> None:
    client = client_for()
    url = reverse("core:login")
    for _ in range(5):
        response = client.post(url, {"username": tenant.coordinator.username, "password": "wrong"})
    # Locked now: even the right password is refused, with the explanation page.
    response = client.post(
        url, {"username": tenant.coordinator.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in(tenant: Tenant) -> None:
    client = client_for()
    response = client.post(
        reverse("core:login"),
        {"username": tenant.coordinator.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(tenant.coordinator.pk)


@override_settings(REQUIRE_2FA=True)
def test_staff_must_give_a_second_factor_before_any_page(tenant: Tenant) -> None:
    client = client_for(tenant.coordinator)
    child_url = reverse("people:child_detail", args=[tenant.child.pk])
    assert client.get(child_url)["Location"] == reverse("core:otp_verify")
    # No device yet: the verify page sends the user to set one up.
    assert client.get(reverse("core:otp_verify"))["Location"] == reverse("core:otp_setup")
    setup = client.get(reverse("core:otp_setup"))
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=tenant.coordinator)
    wrong = client.post(reverse("core:otp_setup"), {"token": "000000"})
    assert "That code is wrong" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows retries after a wrong code; don't wait it out
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    assert client.post(reverse("core:otp_setup"), {"token": code})["Location"] == reverse("core:home")
    assert client.get(child_url).status_code == 200


@override_settings(REQUIRE_2FA=False)
def test_demo_setting_lets_staff_in_without_second_factor(tenant: Tenant) -> None:
    client = client_for(tenant.coordinator)
    assert client.get(reverse("people:child_detail", args=[tenant.child.pk])).status_code == 200


def _production_env() -> dict[str, str]:
    # Nothing of the test run's own environment (the browser tests' async switch included).
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("KNUTEPUNKT_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        {
            "KNUTEPUNKT_ENVIRONMENT": "production",
            "KNUTEPUNKT_SECRET_KEY": "p" * 30 + "R" * 30 + "0123456789",
            "KNUTEPUNKT_ALLOWED_HOSTS": "knutepunkt.kommune.example",
            "DJANGO_SETTINGS_MODULE": "knutepunkt.settings",
        }
    )
    return env


def test_production_settings_pass_the_deployment_check() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_turn_on_every_safeguard() -> None:
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.REQUIRE_2FA, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, "
        "s.SECURE_SSL_REDIRECT, s.DEBUG, s.PASSWORD_HASHERS[0].endswith('Argon2PasswordHasher'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False", "True"]


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = _production_env()
    del env["KNUTEPUNKT_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "KNUTEPUNKT_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "message",
    ["lookup of 15076500565 failed", "kennitala 120174-3399 refused", "D-nummer 55076500565"],
)
def test_log_lines_never_carry_national_ids(message: str) -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, message, None, None)
    RedactNationalIdsFilter().filter(record)
    text = record.getMessage()
    assert "[national-id]" in text
    assert not any(number in text for number in ("15076500565", "1201743399", "120174-3399", "55076500565"))
