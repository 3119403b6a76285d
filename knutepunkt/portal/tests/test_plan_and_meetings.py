"""The plan, meetings and minutes on the family's pages: read, sign, download; the next review and
meeting on the front page; another family's plan is 404."""

from __future__ import annotations

import datetime

from django.urls import reverse

from knutepunkt.conftest import Tenant, client_for
from knutepunkt.meetings.tests.factories import hold, make_meeting
from knutepunkt.plans.models import Signature
from knutepunkt.plans.services import schedule_review
from knutepunkt.plans.tests.factories import TODAY, make_plan
from knutepunkt.portal.tests.factories import guardian_user, young_person


def test_the_family_reads_the_plan_with_its_progress_and_signs_it(tenant: Tenant) -> None:
    plan = make_plan(tenant)
    user = guardian_user(tenant.family)
    client = client_for(user)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:plan", args=[plan.pk]) in home
    assert "measures done" in home
    page = client.get(reverse("portal:plan", args=[plan.pk])).content.decode()
    assert "Goal number 1" in page
    assert "Measure number 2" in page
    assert "I want to play football" in page
    response = client.post(reverse("portal:sign_plan", args=[plan.pk]), {"version": plan.version})
    assert response.status_code == 302
    assert Signature.objects.filter(plan=plan, guardian__user=user, method="portal").exists()
    pdf = client.get(reverse("portal:plan_pdf", args=[plan.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]


def test_another_familys_plan_is_404(tenants: tuple[Tenant, Tenant]) -> None:
    t, other = tenants
    plan = make_plan(t)
    for family in (t.other_family, other.family):
        client = client_for(guardian_user(family))
        for name in ("portal:plan", "portal:plan_pdf"):
            assert client.get(reverse(name, args=[plan.pk])).status_code == 404
        assert (
            client.post(reverse("portal:sign_plan", args=[plan.pk]), {"version": plan.version}).status_code
            == 404
        )
    assert not Signature.objects.exists()


def test_a_young_person_reads_only_their_own_plan_and_does_not_sign(tenant: Tenant) -> None:
    plan = make_plan(tenant)
    _child, young = young_person(tenant.family)
    client = client_for(young)
    assert client.get(reverse("portal:plan", args=[plan.pk])).status_code == 404
    assert (
        client.post(reverse("portal:sign_plan", args=[plan.pk]), {"version": plan.version}).status_code == 404
    )


def test_the_next_review_and_meeting_are_on_the_front_page(tenant: Tenant) -> None:
    from knutepunkt.access.context import Actor

    plan = make_plan(tenant)
    schedule_review(
        actor=Actor(tenant.coordinator),
        plan_id=plan.pk,
        expected_version=plan.version,
        scheduled_on=TODAY + datetime.timedelta(days=40),
    )
    make_meeting(tenant, days=5, title="Responsibility group")
    held = hold(make_meeting(tenant, days=3, title="First meeting"), days_ago=10)
    held.minutes = "We agreed that the school writes to the hospital."
    held.save(update_fields=["minutes"])
    client = client_for(guardian_user(tenant.family))
    home = client.get(reverse("portal:home")).content.decode()
    assert "is reviewed together with you" in home
    assert "Meeting: Responsibility group" in home
    meetings = client.get(reverse("portal:meetings")).content.decode()
    assert "Responsibility group" in meetings
    assert "First meeting" in meetings
    assert "We agreed that the school writes to the hospital." in meetings


def test_the_export_holds_the_plan_and_the_meetings(tenant: Tenant) -> None:
    import json

    make_plan(tenant)
    make_meeting(tenant, days=5, title="Responsibility group")
    exported = json.loads(client_for(guardian_user(tenant.family)).get(reverse("portal:export_json")).content)
    assert exported["plans"][0]["goals"] == ["Goal number 1", "Goal number 2"]
    assert exported["meetings"][0]["title"] == "Responsibility group"
