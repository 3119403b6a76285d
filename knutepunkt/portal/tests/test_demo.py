"""The demo's family sign-ins: a guardian in each demo municipality and a young person of 16."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from knutepunkt.core.demo import DEMO_PASSWORD, demo_municipalities
from knutepunkt.portal.demo import FAMILY_LOGINS, load_portal_demo
from knutepunkt.portal.models import FamilyAccount, MessageThread
from knutepunkt.portal.rules import HEALTH_MAJORITY_AGE


@pytest.mark.django_db
def test_every_demo_municipality_has_a_family_sign_in_and_bergen_a_young_person() -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "4 family sign-ins" in out.getvalue()
    usernames = {login.username for logins in FAMILY_LOGINS.values() for login in logins}
    accounts = {a.user.username: a for a in FamilyAccount.objects.select_related("user", "child")}
    assert usernames == set(accounts)
    young = accounts["bergen.ungdom"]
    assert young.child is not None
    assert MessageThread.objects.filter(child=young.child, hidden_from_guardians=True).exists()
    assert (young.child.age_on(timezone.localdate()) or 0) >= HEALTH_MAJORITY_AGE
    for username in usernames:
        client = Client()
        client.post(reverse("core:login"), {"username": username, "password": DEMO_PASSWORD})
        assert client.get(reverse("portal:home")).status_code == 200, username
    listing = StringIO()
    call_command("demo_logins", stdout=listing)
    assert "bergen.forelder" in listing.getvalue()
    assert "Young person (family pages)" in listing.getvalue()
    # loading again makes nothing twice
    assert all(load_portal_demo(m) == [] for m in demo_municipalities())
