"""A read's log entry commits without waiting for the disk; a change's never does (ADR 0011)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent, Purpose
from knutepunkt.audit.services import access_log_batch, record_access
from knutepunkt.audit.verification import verify_chains
from knutepunkt.conftest import Tenant

# Committed for real: whether the log is its own transaction is the point of these tests.
pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRESQL = connection.vendor == "postgresql"


def _log(tenant: Tenant, action: AccessAction) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        record_access(
            actor=Actor(tenant.coordinator, "192.0.2.10"),
            family=tenant.family,
            obj=tenant.child,
            child=tenant.child,
            action=action,
            purpose=Purpose.COORDINATION,
        )
    return [query["sql"] for query in queries.captured_queries]


def _relaxed(sql: list[str]) -> bool:
    return any("set_config" in statement for statement in sql)


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        (value,) = cursor.fetchone()
    return str(value)


def test_a_read_on_its_own_commits_without_waiting_for_the_disk_and_stays_in_the_chain(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, _ = tenants
    sql = _log(here, AccessAction.VIEW)
    # SQLite has no write-ahead log to wait for; there the entry is written as before.
    assert _relaxed(sql) is ON_POSTGRESQL
    assert AccessEvent.objects.filter(child=here.child, action=AccessAction.VIEW).count() == 1
    assert verify_chains().intact
    if ON_POSTGRESQL:
        # SET LOCAL ends with the log's transaction: later work on this connection is durable.
        assert _synchronous_commit() == "on"


@pytest.mark.parametrize("action", [AccessAction.CHANGE, AccessAction.VIEW])
def test_an_entry_inside_the_callers_transaction_is_as_durable_as_that_transaction(
    tenants: tuple[Tenant, Tenant], action: AccessAction
) -> None:
    here, _ = tenants
    with transaction.atomic():
        sql = _log(here, action)
    assert not _relaxed(sql)


def test_a_change_on_its_own_waits_for_the_disk(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    assert not _relaxed(_log(here, AccessAction.CHANGE))


def test_a_municipality_can_ask_for_every_read_to_wait_for_the_disk(
    tenants: tuple[Tenant, Tenant], settings: Any
) -> None:
    here, _ = tenants
    settings.ACCESS_LOG_DURABLE_READS = True
    assert not _relaxed(_log(here, AccessAction.VIEW))


def test_a_batch_writes_a_pages_reads_at_once_and_nothing_if_the_page_fails(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, there = tenants
    before = AccessEvent.objects.count()
    with CaptureQueriesContext(connection) as queries, access_log_batch():
        _log(here, AccessAction.LIST)
        _log(there, AccessAction.VIEW)
        assert AccessEvent.objects.count() == before  # not yet: the page is still being made
    # Both municipalities' entries, written together when the page was done, chains intact.
    assert AccessEvent.objects.count() == before + 2
    assert sum('INSERT INTO "audit_accessevent"' in q["sql"] for q in queries.captured_queries) == 2
    assert verify_chains().intact

    def failing_page() -> None:
        with access_log_batch():
            _log(here, AccessAction.VIEW)
            raise RuntimeError("the page failed before anything was shown")

    with pytest.raises(RuntimeError):
        failing_page()
    assert AccessEvent.objects.count() == before + 2


def test_a_change_or_a_read_in_a_transaction_inside_a_batch_is_written_at_once(
    tenants: tuple[Tenant, Tenant],
) -> None:
    here, _ = tenants
    with access_log_batch():
        _log(here, AccessAction.CHANGE)
        assert AccessEvent.objects.filter(action=AccessAction.CHANGE).count() == 1
        with transaction.atomic():
            _log(here, AccessAction.VIEW)
        assert AccessEvent.objects.filter(action=AccessAction.VIEW).count() == 1
