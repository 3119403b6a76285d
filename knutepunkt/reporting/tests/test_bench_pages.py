"""The pages ``make bench`` measures keep the same, small number of queries however much data
there is (the bench checks it again at small and municipality scale)."""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from django.test import override_settings

from knutepunkt.access.context import Actor
from knutepunkt.audit.models import AccessAction, AccessEvent, Purpose
from knutepunkt.audit.services import record_access
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.reporting.bench import bench_pages, bench_subjects, queries_per_page
from knutepunkt.reporting.generator import Scale, generate


class _Rollback(Exception):
    pass


def _queries_at(families: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            scale = Scale("test", norwegian=1, icelandic=1, families=families, events_per_family=2)
            generate(scale=scale, seed=3, out=io.StringIO())
            # The bare view is routed only under the bench setting; the app's pages always are.
            pages = [page for page in bench_pages(bench_subjects()) if page[0] != "bare"]
            counts = queries_per_page(pages)
            raise _Rollback
    except _Rollback:
        pass
    return counts


@pytest.mark.django_db
def test_bench_pages_query_count_is_flat_and_small() -> None:
    few, many = _queries_at(30), _queries_at(150)
    assert set(few) == {
        "child",
        "caseload",
        "plan",
        "worklist",
        "search",
        "statistics",
        "statistics_national",
    }
    assert few == many
    # The goal: at most 15 for the child and caseload pages (the plan page belongs to the
    # plans app; the bench reports its count against the same goal).
    assert few["child"] <= 15
    assert few["caseload"] <= 15


def test_bare_view_exists_only_for_the_bench(tenant: Tenant) -> None:
    assert client_for(tenant.officer).get(f"/bench/bare/{tenant.municipality.pk}/").status_code == 404


def test_access_log_is_written_unless_the_bench_switches_it_off(tenant: Tenant) -> None:
    def read() -> None:
        record_access(
            actor=Actor(tenant.coordinator),
            family=tenant.family,
            obj=tenant.child,
            child=tenant.child,
            action=AccessAction.VIEW,
            purpose=Purpose.COORDINATION,
        )

    read()
    assert AccessEvent.objects.filter(child=tenant.child).count() == 1
    with override_settings(ACCESS_LOG_ENABLED=False):
        read()
    assert AccessEvent.objects.filter(child=tenant.child).count() == 1
