"""``python -m bench.search [TERM ...]``: time the officer's name search in-process.

Run against a generated database (``DATABASE_URL``, ``KNUTEPUNKT_ENVIRONMENT=demo``, as
``bench/run.py`` sets them). For each term, as the first officer of the largest municipality, it
times the search's two queries (count and first page) and the whole ``list_children`` (those
and the access-log insert), ``RUNS`` times each, and prints the medians and the slowest, then the
lookup by national ID for ``RUNS`` children; with
``BENCH_EXPLAIN=1`` also the page query's plan on PostgreSQL.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20
# A common family name, a short term, a rare one, a given name, Norwegian letters, nothing.
DEFAULT_TERMS = ("Hansen", "li", "L", "Kristoffersen", "Ada", "Jørgensen", "Ada Hansen", "ab", "Zzyzx")


def main(terms: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knutepunkt.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count

    from knutepunkt.access.context import Actor
    from knutepunkt.access.policy import visible_children
    from knutepunkt.people.models import Role, User
    from knutepunkt.people.selectors import find_child_by_national_id, list_children, name_search
    from knutepunkt.tenancy.models import Municipality

    largest = Municipality.objects.annotate(n=Count("families")).order_by("-n", "pk").first()
    officer = User.objects.filter(role=Role.OFFICER, municipality=largest).order_by("pk").first()
    assert officer is not None, "no generated data"
    municipality_id = officer.municipality_id
    assert municipality_id is not None
    actor = Actor(user=officer)
    print(f"{'term':<16}{'found':>7}{'queries ms':>12}{'selector ms':>13}{'max ms':>9}")
    for term in terms or DEFAULT_TERMS:
        searched = name_search(visible_children(officer), term, municipality_id=municipality_id)
        page = searched.select_related("family").order_by("family_name", "given_name", "pk")[:25]
        queries = []
        for _ in range(RUNS):
            began = time.perf_counter()
            searched.count()
            list(page.all())
            queries.append((time.perf_counter() - began) * 1000)
        selector = []
        for _ in range(RUNS):
            began = time.perf_counter()
            found = list_children(actor=actor, query=term)
            selector.append((time.perf_counter() - began) * 1000)
        print(
            f"{term:<16}{found.total:>7}{statistics.median(queries):>12.1f}"
            f"{statistics.median(selector):>13.1f}{max(selector):>9.1f}"
        )
        if connection.vendor == "postgresql" and os.environ.get("BENCH_EXPLAIN") == "1":
            print(page.explain(analyze=True))
    # The ID lookup (home page, by POST): children's IDs of the municipality, found one by one.
    numbers = list(
        visible_children(officer)
        .exclude(national_id="")
        .order_by("pk")
        .values_list("national_id", flat=True)[:RUNS]
    )
    if numbers:
        times = []
        for number in numbers:
            began = time.perf_counter()
            assert find_child_by_national_id(actor=actor, national_id=number) is not None
            times.append((time.perf_counter() - began) * 1000)
        print(
            f"{'national ID':<16}{len(numbers):>7}{'':>12}{statistics.median(times):>13.1f}{max(times):>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
