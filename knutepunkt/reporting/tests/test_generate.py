from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from knutepunkt.audit.models import AccessEvent, AuditChainHead
from knutepunkt.audit.verification import verify_chains
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.coordination.models import Contact, CoordinatorAssignment
from knutepunkt.intake.models import Case
from knutepunkt.meetings.models import Meeting, MeetingKind
from knutepunkt.people.models import Child, Family, Role, User
from knutepunkt.people.national_ids import parse_national_id
from knutepunkt.plans.models import Measure, Plan, Review
from knutepunkt.reporting.generator import SCALES, generate
from knutepunkt.tenancy.models import Country, Municipality

DAY = datetime.date(2026, 6, 1)


class _Rollback(Exception):
    pass


def _generated_heads(seed: int) -> list[tuple[int, int, str]]:
    heads: list[tuple[int, int, str]] = []
    try:
        with transaction.atomic():
            generate(scale=SCALES["tiny"], seed=seed, out=io.StringIO(), today=DAY)
            heads = list(AuditChainHead.objects.order_by("pk").values_list("pk", "seq", "hash"))
            raise _Rollback
    except _Rollback:
        pass
    return heads


@pytest.mark.django_db
def test_tiny_scale_fills_two_countries_with_a_valid_audit_chain() -> None:
    out = io.StringIO()
    call_command("generate", "--scale", "tiny", stdout=out, stderr=io.StringIO())
    assert "Generated scale tiny" in out.getvalue()
    assert set(Municipality.objects.values_list("country", flat=True)) == {Country.NORWAY, Country.ICELAND}
    assert Family.objects.count() == 24
    assert Case.objects.count() == 24
    assert CoordinatorAssignment.objects.exists()
    assert Plan.objects.exists()
    assert Measure.objects.exists()
    assert Review.objects.exists()
    assert Meeting.objects.filter(status="held").exists()
    # Every born child has a checksum-valid ID of its country, so the ID search can be measured.
    for child in Child.objects.select_related("municipality"):
        if child.birth_date is None:
            assert child.national_id == ""
        else:
            parsed = parse_national_id(child.national_id, country=child.municipality.country)
            assert parsed.kind == child.national_id_kind
    # About monthly: a responsibility-group (support-team) meeting, then two follow-up talks.
    follow_ups = Meeting.objects.filter(kind=MeetingKind.OTHER).count()
    groups = Meeting.objects.exclude(kind=MeetingKind.OTHER).count()
    assert groups <= follow_ups <= 2 * groups
    assert Contact.objects.exists()
    assert AccessEvent.objects.count() == 24 * SCALES["tiny"].events_per_family
    report = verify_chains()
    assert report.intact, report.problems
    assert report.rows_checked == AccessEvent.objects.count()


@pytest.mark.django_db
def test_generated_leader_sees_figures() -> None:
    call_command("generate", "--scale", "tiny", stdout=io.StringIO(), stderr=io.StringIO())
    leader = User.objects.filter(role=Role.LEADER, municipality__country=Country.NORWAY).first()
    assert leader is not None
    response = client_for(leader).get("/statistics/")
    requests = next(f for f in response.context["figures"] if f.key == "requests")
    assert any(row.cells[0].value for row in requests.rows)


@pytest.mark.django_db
def test_same_seed_gives_the_same_data() -> None:
    first = _generated_heads(7)
    assert first == _generated_heads(7)
    assert first != _generated_heads(8)


def test_refuses_a_database_with_municipalities(tenant: Tenant) -> None:
    with pytest.raises(CommandError, match="empty database"):
        call_command("generate", "--scale", "tiny", stdout=io.StringIO(), stderr=io.StringIO())
