from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection, models

from knutepunkt.access.context import Actor
from knutepunkt.audit.chain import link_hash
from knutepunkt.audit.models import AccessAction, AccessEvent, AuditChainHead, Purpose
from knutepunkt.audit.services import canonical_content_of, record_access
from knutepunkt.audit.verification import verify_chains
from knutepunkt.conftest import Tenant

pytestmark = pytest.mark.django_db


def _log_some(t: Tenant, n: int) -> list[AccessEvent]:
    actor = Actor(t.coordinator, "192.0.2.10")
    for _ in range(n):
        record_access(
            actor=actor,
            family=t.family,
            obj=t.child,
            child=t.child,
            action=AccessAction.VIEW,
            purpose=Purpose.COORDINATION,
        )
    return list(AccessEvent.objects.filter(municipality=t.municipality).order_by("-seq")[:n])[::-1]


def _verify() -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit_chain", stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_chain_links_each_row_to_the_one_before(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    events = _log_some(here, 3) + _log_some(there, 2)
    assert [e.seq for e in events] == [1, 2, 3, 1, 2]
    assert events[1].prev_hash == events[0].hash
    code, out, _ = _verify()
    assert code == 0
    assert "5 rows checked" in out


def test_edited_row_is_reported(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    events = _log_some(here, 3)
    # Straight in the database, as an intruder would, past the ORM's save().
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AccessEvent._meta.db_table} SET actor_name = %s WHERE id = %s",  # noqa: S608
            ["Someone Else", events[1].pk],
        )
    code, _, err = _verify()
    assert code == 1
    assert "row 2: edited" in err


def test_deleted_row_is_reported(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    events = _log_some(here, 4)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AccessEvent._meta.db_table} WHERE id = %s", [events[1].pk])  # noqa: S608
    code, _, err = _verify()
    assert code == 1
    assert "missing" in err


def test_deleted_last_row_is_reported_by_the_head(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    events = _log_some(here, 3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AccessEvent._meta.db_table} WHERE id = %s", [events[-1].pk])  # noqa: S608
    report = verify_chains()
    assert [p.kind for p in report.problems] == ["head"]


def test_inserted_row_is_reported(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    events = _log_some(here, 3)
    forged = AccessEvent.objects.get(pk=events[2].pk)
    forged.pk = None
    forged.seq = 4
    forged.actor_name = "Forger"
    forged.save()
    head = AuditChainHead.objects.get(municipality=here.municipality)
    head.seq = 4
    head.hash = forged.hash
    head.save()
    report = verify_chains()
    kinds = {p.kind for p in report.problems}
    assert "inserted" in kinds
    assert not report.intact
    code, _, err = _verify()
    assert code == 1
    assert "row 4: inserted" in err


def test_row_slipped_into_the_middle_with_a_well_made_hash_is_reported(
    tenants: tuple[Tenant, Tenant],
) -> None:
    """A forger who knows the hashing makes a row that links to row 1 and moves the later rows up
    one: the old row 2 (now 3) no longer links to the row before it."""
    here, _ = tenants
    events = _log_some(here, 3)
    AccessEvent.objects.filter(pk__in=[e.pk for e in events[1:]]).update(seq=models.F("seq") + 10)
    forged = AccessEvent.objects.get(pk=events[1].pk)
    forged.pk = None
    forged.seq = 2
    forged.actor_name = "Forger"
    forged.prev_hash = events[0].hash
    forged.hash = link_hash(forged.prev_hash, canonical_content_of(forged))
    forged.save()
    for event in events[1:]:
        AccessEvent.objects.filter(pk=event.pk).update(seq=event.seq + 1)
    report = verify_chains()
    assert [(p.seq, p.kind) for p in report.problems if p.kind == "inserted"] == [(3, "inserted")]
    assert all(p.seq != 2 for p in report.problems)  # the forged row itself looks fine
    code, _, err = _verify()
    assert code == 1
    assert "row 3: inserted" in err


def test_event_snapshots_who_and_from_where(tenant: Tenant) -> None:
    (event,) = _log_some(tenant, 1)
    event.refresh_from_db()
    assert event.actor_name == tenant.coordinator.get_full_name()
    assert event.actor_role == "coordinator"
    assert tenant.coordinator.unit is not None
    assert event.actor_unit == tenant.coordinator.unit.name
    assert event.client_address == "192.0.2.10"
    assert event.municipality_id == tenant.municipality.pk
