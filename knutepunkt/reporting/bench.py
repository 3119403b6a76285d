"""What ``make bench`` measures, shared by ``bench/run.py`` and the query-count tests.

``bare`` is the baseline: a Django view doing one primary-key query, routed only when
``KNUTEPUNKT_BENCH`` is on. ``bench_subjects`` picks, from generated data, the staff whose pages
are measured; ``bench_pages`` lists the pages; ``queries_per_page`` counts each page's queries.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from knutepunkt.coordination.models import CoordinatorAssignment
from knutepunkt.people.models import Child, Family, Role, User
from knutepunkt.plans.models import Plan
from knutepunkt.reporting.generator import PASSWORD
from knutepunkt.tenancy.models import Municipality

# How many coordinators around the median caseload the load spreads over.
COORDINATORS = 8
CHILDREN_EACH = 20


def bare(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality, pk=pk)
    return HttpResponse(municipality.name, content_type="text/plain; charset=utf-8")


def bench_subjects() -> dict[str, Any]:
    """Staff of the largest municipality, and children each coordinator may open."""
    largest = Municipality.objects.annotate(n=Count("families")).order_by("-n", "pk").first()
    assert largest is not None, "no generated data"
    active = CoordinatorAssignment.objects.active_on(timezone.localdate()).filter(municipality=largest)
    loads = list(
        active.order_by()
        .values("coordinator_id")
        .annotate(n=Count("id"))
        .order_by("-n", "coordinator_id")
        .values_list("coordinator_id", flat=True)
    )
    # Typical coordinators (around the median caseload), not the busiest.
    middle = len(loads) // 2
    chosen = loads[max(0, middle - COORDINATORS // 2) : middle + COORDINATORS // 2]
    usernames = dict(User.objects.filter(pk__in=chosen).values_list("pk", "username"))
    coordinators = []
    for coordinator_id in chosen:
        families = active.filter(coordinator_id=coordinator_id).values("family_id")
        children = list(
            Child.objects.filter(family__in=families).values_list("pk", flat=True)[:CHILDREN_EACH]
        )
        plans = list(
            Plan.objects.filter(family__in=families)
            .order_by("pk")
            .values_list("pk", flat=True)[:CHILDREN_EACH]
        )
        coordinators.append({"username": usernames[coordinator_id], "children": children, "plans": plans})
    # Coordinators with plans first, so the plan page is measured whenever there are plans.
    coordinators.sort(key=lambda c: not c["plans"])

    def first(role: Role) -> str:
        user = User.objects.filter(role=role, municipality=largest).order_by("pk").first()
        assert user is not None, f"no {role} in {largest}"
        return user.username

    names = list(
        Family.objects.filter(municipality=largest)
        .order_by("name")
        .values_list("name", flat=True)
        .distinct()[:10]
    )
    national_ids = list(
        Child.objects.filter(municipality=largest)
        .exclude(national_id="")
        .order_by("pk")
        .values_list("national_id", flat=True)[:10]
    )
    return {
        "password": PASSWORD,
        "municipality": largest.name,
        "national_ids": national_ids,
        "bare_id": largest.pk,
        "coordinators": coordinators,
        "officer": first(Role.OFFICER),
        "leader": first(Role.LEADER),
        "supervisor": _supervisor(),
        "search_names": names,
    }


def _supervisor() -> str:
    supervisor = User.objects.filter(role=Role.SUPERVISOR, is_active=True).order_by("pk").first()
    assert supervisor is not None, "no national supervisor"
    return supervisor.username


def bench_pages(subjects: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(page, username, path) for every page measured; the plan page only when there are plans."""
    coordinator = subjects["coordinators"][0]
    pages = [
        ("bare", coordinator["username"], f"/bench/bare/{subjects['bare_id']}/"),
        ("child", coordinator["username"], f"/children/{coordinator['children'][0]}/"),
        ("caseload", coordinator["username"], "/coordination/caseload/"),
        ("worklist", subjects["officer"], "/cases/"),
        ("search", subjects["officer"], f"/?q={subjects['search_names'][0]}"),
        ("statistics", subjects["leader"], "/statistics/"),
        ("statistics_national", subjects["supervisor"], "/statistics/"),
    ]
    if coordinator["plans"]:
        pages.append(("plan", coordinator["username"], f"/plans/{coordinator['plans'][0]}/"))
    return pages


def queries_per_page(pages: list[tuple[str, str, str]], *, host: str = "127.0.0.1") -> dict[str, int]:
    """Each page's queries on its second request (the first fills per-process caches)."""
    counts = {}
    for page, username, path in pages:
        client = Client(HTTP_HOST=host)
        client.force_login(User.objects.get(username=username))
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"{page} {path} answered {response.status_code}")
        counts[page] = len(captured)
    return counts


def access_log_cost(
    pages: list[tuple[str, str, str]], *, rounds: int = 40, host: str = "127.0.0.1"
) -> dict[str, dict[str, float]]:
    """Median time of each page in this process with the access log on and off, alternating
    request by request, so both see the same load on the machine (under load-test runs taken one
    after the other, a neighbour's burst can land on either)."""
    import statistics
    import time

    from django.test import override_settings

    result = {}
    for page, username, path in pages:
        client = Client(HTTP_HOST=host)
        client.force_login(User.objects.get(username=username))
        client.get(path)
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(rounds):
            for logging in (True, False):
                with override_settings(ACCESS_LOG_ENABLED=logging):
                    started = time.perf_counter()
                    client.get(path)
                    times[logging].append((time.perf_counter() - started) * 1000)
        on, off = statistics.median(times[True]), statistics.median(times[False])
        result[page] = {
            "median_ms_on": round(on, 1),
            "median_ms_off": round(off, 1),
            "cost_percent": round(100 * (on - off) / on, 1),
        }
    return result
