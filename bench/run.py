"""``make bench SCALE=small|municipality|national``: the performance measurements in one run.

1. A dedicated PostgreSQL database ``kp_bench_<scale>`` is created afresh and filled by
   ``manage.py generate`` (set ``BENCH_REUSE=1`` to keep an already generated one).
2. Queries per page are counted in-process (Django's test client against that database).
3. gunicorn serves the app on loopback twice, with the access log on and then off (the one
   setting only the bench may switch), while locust, headless in a separate process, signs staff
   in and opens their pages. Each page's p50 and p95 are reported as ratios to a bare Django view
   doing one primary-key query, measured in the same run.
4. ``bench/results/<date>-<scale>.json`` and ``.md`` are written; the markdown compares queries
   per page with the other scale's latest results when there are any.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import platform
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SECONDS = {"tiny": 15, "small": 40, "municipality": 60, "national": 90}
USERS = 6
WORKERS = 3
PAGES_WITH_GOAL = ("child", "caseload", "plan")
ACCESS_LOGGING_PAGES = ("child", "caseload")


LOAD_BEFORE = os.getloadavg()[0]


def main(scale: str) -> int:
    started = time.monotonic()
    database = f"kp_bench_{scale}"
    url = os.environ.get("BENCH_DATABASE_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    database_url = url.rsplit("/", 1)[0] + f"/{database}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "knutepunkt.settings",
        "KNUTEPUNKT_ENVIRONMENT": "demo",
        "KNUTEPUNKT_DEBUG": "0",
        "KNUTEPUNKT_BENCH": "1",
        "KNUTEPUNKT_AXES_ENABLED": "0",
        "KNUTEPUNKT_REQUIRE_2FA": "0",
        "KNUTEPUNKT_LOG_LEVEL": "WARNING",
        "KNUTEPUNKT_VAR_DIR": str(ROOT / "var" / "bench"),
    }
    generation_seconds = None
    if os.environ.get("BENCH_REUSE") == "1" and _has_data(database_url):
        print(f"Reusing {database}.")
    else:
        _recreate(url, database)
        _run([PYTHON, "manage.py", "migrate", "-v0"], env)
        began = time.monotonic()
        _run([PYTHON, "manage.py", "generate", "--scale", scale], env)
        generation_seconds = round(time.monotonic() - began, 1)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from knutepunkt.reporting.bench import access_log_cost, bench_pages, bench_subjects, queries_per_page

    subjects = bench_subjects()
    counts = _dataset_counts()
    pages = bench_pages(subjects)
    queries = queries_per_page(pages)
    in_process = access_log_cost([page for page in pages if page[0] in ACCESS_LOGGING_PAGES])
    RESULTS.mkdir(parents=True, exist_ok=True)
    subjects_file = RESULTS / f".subjects-{scale}.json"
    subjects_file.write_text(json.dumps(subjects))
    from django.db import connections

    connections.close_all()
    runs = {}
    for label, access_log in (("access_log_on", "1"), ("access_log_off", "0")):
        runs[label] = _load(scale, {**env, "KNUTEPUNKT_BENCH_ACCESS_LOG": access_log}, subjects_file)
    subjects_file.unlink()
    result = _result(scale, counts, queries, runs, in_process, generation_seconds, time.monotonic() - started)
    day = datetime.datetime.now(datetime.UTC).date().isoformat()
    (RESULTS / f"{day}-{scale}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    summary = _markdown(result)
    (RESULTS / f"{day}-{scale}.md").write_text(summary)
    print(summary)
    return 0


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def _has_data(database_url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(database_url, connect_timeout=3) as connection:
            row = connection.execute("SELECT count(*) FROM tenancy_municipality").fetchone()
            return bool(row and row[0])
    except psycopg.Error:
        return False


def _recreate(admin_url: str, database: str) -> None:
    import psycopg

    parts = urlsplit(admin_url)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{database}"')
    print(f"Created database {database} on {parts.hostname}.")


def _dataset_counts() -> dict[str, int]:
    from knutepunkt.audit.models import AccessEvent
    from knutepunkt.coordination.models import Contact, CoordinatorAssignment
    from knutepunkt.intake.models import Case
    from knutepunkt.meetings.models import Meeting
    from knutepunkt.people.models import Child, Family
    from knutepunkt.plans.models import Measure, Plan
    from knutepunkt.tenancy.models import Municipality

    models = {
        "municipalities": Municipality,
        "families": Family,
        "children": Child,
        "cases": Case,
        "coordinator_assignments": CoordinatorAssignment,
        "plans": Plan,
        "measures": Measure,
        "meetings": Meeting,
        "contacts": Contact,
        "access_events": AccessEvent,
    }
    return {name: model.objects.count() for name, model in models.items()}  # type: ignore[attr-defined]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _load(scale: str, env: dict[str, str], subjects_file: Path) -> dict[str, Any]:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "knutepunkt.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WORKERS),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        _wait_for(port)
        _warm_up(port)
        prefix = RESULTS / f".locust-{scale}-{env['KNUTEPUNKT_BENCH_ACCESS_LOG']}"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--users",
                str(USERS),
                "--spawn-rate",
                str(USERS),
                "--run-time",
                f"{SECONDS[scale]}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "BENCH_SUBJECTS": str(subjects_file)},
            check=False,
        )
        stats = _read_stats(Path(f"{prefix}_stats.csv"))
        for leftover in RESULTS.glob(f"{prefix.name}_*.csv"):
            leftover.unlink()
        return stats
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _warm_up(port: int) -> None:
    """Let every worker import the project and load its translations before the clock runs."""
    import urllib.request

    for _ in range(WORKERS * 4):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/", timeout=60) as response:
            response.read()


def _read_stats(path: Path) -> dict[str, Any]:
    pages: dict[str, Any] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = "total" if row["Name"] == "Aggregated" else row["Name"]
            pages[name] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "mean_ms": round(float(row["Average Response Time"]), 1),
                "rps": round(float(row["Requests/s"]), 1),
            }
    return pages


def _result(
    scale: str,
    counts: dict[str, int],
    queries: dict[str, int],
    runs: dict[str, dict[str, Any]],
    in_process: dict[str, dict[str, float]],
    generation_seconds: float | None,
    total_seconds: float,
) -> dict[str, Any]:
    on, off = runs["access_log_on"], runs["access_log_off"]
    bare = on["bare"]
    pages = {}
    for name, stats in on.items():
        if name in ("sign-in", "total"):
            continue
        pages[name] = {
            **stats,
            "p50_ratio": round(stats["p50_ms"] / bare["p50_ms"], 1),
            "p95_ratio": round(stats["p95_ms"] / bare["p95_ms"], 1),
            "queries": queries.get(name),
        }
    under_load = {}
    for name in ACCESS_LOGGING_PAGES:
        if name in on and name in off:
            with_log, without = on[name]["mean_ms"], off[name]["mean_ms"]
            under_load[name] = {
                "mean_ms_on": with_log,
                "mean_ms_off": without,
                "cost_percent": round(100 * (with_log - without) / with_log, 1),
            }
    # The goal is judged on the alternating in-process measurement: the two load runs follow
    # each other and the machine's other users can load either.
    access_log = in_process
    other = _latest_other_scale(scale)
    goals = _goals(scale, pages, access_log, queries, other)
    return {
        "date": datetime.datetime.now(datetime.UTC).date().isoformat(),
        "scale": scale,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": LOAD_BEFORE,
            "note": "Load average (1 min) "
            f"{LOAD_BEFORE:.1f} before the run and {os.getloadavg()[0]:.1f} at its end, the bench's "
            "own load included. Server, database and load generator share the machine's cores: the "
            "ratios to the bare view, measured in the same run, are the comparable figures.",
        },
        "load": {"users": USERS, "seconds_per_run": SECONDS[scale], "gunicorn_workers": WORKERS},
        "dataset": counts,
        "generation_seconds": generation_seconds,
        "total_seconds": round(total_seconds, 1),
        "requests_per_second": {"access_log_on": on["total"]["rps"], "access_log_off": off["total"]["rps"]},
        "pages": pages,
        "pages_access_log_off": {k: v for k, v in off.items() if k not in ("sign-in", "total")},
        "access_log_cost": access_log,
        "access_log_cost_under_load": under_load,
        "queries_per_page": {scale: queries, **({other["scale"]: other["queries"]} if other else {})},
        "goals": goals,
    }


def _latest_other_scale(scale: str) -> dict[str, Any] | None:
    others = [p for p in sorted(RESULTS.glob("*.json")) if not p.stem.endswith(f"-{scale}")]
    wanted = {"small": "municipality", "municipality": "small", "national": "municipality"}.get(scale)
    for path in reversed(others):
        data = json.loads(path.read_text())
        if data.get("scale") == wanted:
            return {"scale": wanted, "queries": data["queries_per_page"][wanted]}
    return None


def _goals(
    scale: str,
    pages: dict[str, Any],
    access_log: dict[str, Any],
    queries: dict[str, int],
    other: dict[str, Any] | None,
) -> list[dict[str, Any]]:
    goals: list[dict[str, Any]] = []
    for name in PAGES_WITH_GOAL:
        if name not in pages:
            goals.append({"goal": f"{name} page p95 ≤ 3× bare", "met": None, "value": "page not built yet"})
            continue
        ratio = pages[name]["p95_ratio"]
        goals.append({"goal": f"{name} page p95 ≤ 3× bare", "met": ratio <= 3, "value": f"{ratio}×"})
        count = queries.get(name)
        goals.append(
            {"goal": f"{name} page ≤ 15 queries", "met": count is not None and count <= 15, "value": count}
        )
        if other:
            same = other["queries"].get(name) == count
            goals.append(
                {
                    "goal": f"{name} page: same queries at {scale} and {other['scale']} scale",
                    "met": same,
                    "value": f"{scale} {count}, {other['scale']} {other['queries'].get(name)}",
                }
            )
    national = pages.get("statistics_national")
    goals.append(
        {
            "goal": "national statistics page p95 < 1 s at national scale",
            "met": (national["p95_ms"] < 1000) if national and scale == "national" else None,
            "value": f"{national['p95_ms']:.0f} ms at {scale} scale" if national else "not measured",
        }
    )
    for name, label in (("search", "name search"), ("id_search", "national ID search")):
        found = pages.get(name)
        goals.append(
            {
                "goal": f"{label} p95 < 200 ms",
                "met": found["p95_ms"] < 200 if found else None,
                "value": f"{found['p95_ms']:.0f} ms" if found else "not measured",
            }
        )
    for name, cost in access_log.items():
        goals.append(
            {
                "goal": f"access log ≤ 10 % of {name} page time",
                "met": cost["cost_percent"] <= 10,
                "value": f"{cost['cost_percent']} %",
            }
        )
    return goals


def _markdown(result: dict[str, Any]) -> str:
    def mark(met: bool | None) -> str:
        return "met" if met else "not measured" if met is None else "**not met**"

    lines = [
        f"# Bench {result['scale']} — {result['date']}",
        "",
        f"Machine: {result['machine']['cpus']} CPUs, Python {result['machine']['python']}. "
        f"{result['machine']['note']}",
        "",
        f"Load: locust headless, {result['load']['users']} users without think time, "
        f"{result['load']['seconds_per_run']} s per run, gunicorn with {result['load']['gunicorn_workers']} "
        "sync workers on loopback, PostgreSQL on the same machine.",
        "",
        "Data: "
        + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in result["dataset"].items())
        + (f"; generated in {result['generation_seconds']} s" if result["generation_seconds"] else "")
        + f"; whole run {result['total_seconds']} s.",
        "",
        "## Goals",
        "",
        "| goal | value | |",
        "| --- | --- | --- |",
        *(f"| {g['goal']} | {g['value']} | {mark(g['met'])} |" for g in result["goals"]),
        "",
        "## Pages (access log on)",
        "",
        "| page | p50 ms | p95 ms | p50 ÷ bare | p95 ÷ bare | req/s | queries |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {name} | {p['p50_ms']:.0f} | {p['p95_ms']:.0f} | {p['p50_ratio']} | {p['p95_ratio']} | "
            f"{p['rps']} | {p['queries'] if p['queries'] is not None else '–'} |"
            for name, p in result["pages"].items()
        ),
        "",
        f"Requests per second, all pages: {result['requests_per_second']['access_log_on']} with the access "
        f"log, {result['requests_per_second']['access_log_off']} without.",
        "",
        "## Cost of the access log",
        "",
        "Median page time in one process, log on and off alternating request by request (the goal",
        "is judged on this), and mean page time in the two load runs (on, then off) for comparison.",
        "",
        "| page | median on ms | median off ms | cost | load run on ms | load run off ms | cost |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {name} | {c['median_ms_on']} | {c['median_ms_off']} | {c['cost_percent']} % | "
            + (
                f"{u['mean_ms_on']} | {u['mean_ms_off']} | {u['cost_percent']} % |"
                if (u := result["access_log_cost_under_load"].get(name))
                else "– | – | – |"
            )
            for name, c in result["access_log_cost"].items()
        ),
        "",
        "## Queries per page",
        "",
    ]
    scales = list(result["queries_per_page"])
    lines += [
        "| page | " + " | ".join(scales) + " |",
        "| --- | " + " | ".join("---:" for _ in scales) + " |",
    ]
    names = list(result["queries_per_page"][scales[0]])
    lines += [
        f"| {name} | " + " | ".join(str(result["queries_per_page"][s].get(name, "–")) for s in scales) + " |"
        for name in names
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "small"))
