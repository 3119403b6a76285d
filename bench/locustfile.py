"""Load for ``make bench``: staff of each role signing in once and opening their pages.

``bench/run.py`` starts this headless against gunicorn and passes, in ``BENCH_SUBJECTS``, a JSON
file naming the users and the children they may open (chosen from the generated data). Every
request is named after its page, so the statistics come out per page.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from typing import Any

from locust import HttpUser, constant, task

SUBJECTS: dict[str, Any] = json.loads(open(os.environ["BENCH_SUBJECTS"], encoding="utf-8").read())  # noqa: SIM115
PASSWORD = SUBJECTS["password"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_coordinators = itertools.cycle(SUBJECTS["coordinators"])


class Staff(HttpUser):
    abstract = True
    wait_time = constant(0)
    username = ""

    def sign_in(self, username: str) -> None:
        page = self.client.get("/sign-in/", name="sign-in")
        match = CSRF.search(page.text)
        token = match.group(1) if match else ""
        self.client.post(
            "/sign-in/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/sign-in/"},
            name="sign-in",
        )

    @task(2)
    def bare(self) -> None:
        self.client.get(f"/bench/bare/{SUBJECTS['bare_id']}/", name="bare")


class Coordinator(Staff):
    weight = 4

    def on_start(self) -> None:
        subject = next(_coordinators)
        self.children = itertools.cycle(subject["children"])
        self.plans = itertools.cycle(subject["plans"]) if subject["plans"] else None
        self.sign_in(subject["username"])

    @task(3)
    def child(self) -> None:
        self.client.get(f"/children/{next(self.children)}/", name="child")

    @task(1)
    def caseload(self) -> None:
        self.client.get("/coordination/caseload/", name="caseload")

    @task(2)
    def plan(self) -> None:
        if self.plans is not None:
            self.client.get(f"/plans/{next(self.plans)}/", name="plan")


class Officer(Staff):
    weight = 2

    def on_start(self) -> None:
        self.names = itertools.cycle(SUBJECTS["search_names"])
        self.national_ids = itertools.cycle(SUBJECTS["national_ids"])
        self.sign_in(SUBJECTS["officer"])
        match = CSRF.search(self.client.get("/", name="sign-in").text)
        self.token = match.group(1) if match else ""

    @task(1)
    def worklist(self) -> None:
        self.client.get("/cases/", name="worklist")

    @task(2)
    def search(self) -> None:
        self.client.get("/", params={"q": next(self.names)}, name="search")

    @task(1)
    def id_search(self) -> None:
        # By POST, as the home page's form sends it; the redirect to the child's page is not
        # followed, so this times the lookup alone.
        self.client.post(
            "/find/",
            data={"national_id": next(self.national_ids), "csrfmiddlewaretoken": self.token},
            allow_redirects=False,
            name="id_search",
        )


class Leader(Staff):
    weight = 1

    def on_start(self) -> None:
        self.sign_in(SUBJECTS["leader"])

    @task(2)
    def statistics(self) -> None:
        self.client.get("/statistics/", name="statistics")


class Supervisor(Staff):
    weight = 1

    def on_start(self) -> None:
        self.sign_in(SUBJECTS["supervisor"])

    @task(2)
    def national_statistics(self) -> None:
        self.client.get("/statistics/", name="statistics_national")
