"""The plan pages: the plan in a fixed number of queries, the conflict that keeps the text, the
comparison, the PDFs, and the forms."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from knutepunkt.audit.models import AccessAction, AccessEvent
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.plans.models import GoalEvaluation, Plan, Progress, Review
from knutepunkt.plans.tests.factories import TODAY, make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [3, 30])
def test_the_plan_page_runs_a_fixed_number_of_queries(tenants: tuple[Tenant, Tenant], size: int) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=size, measures=size)
    # Held reviews with an evaluation of every goal, and one still to come.
    for n in range(1, 4):
        review = Review.objects.create(
            municipality=plan.municipality,
            plan=plan,
            scheduled_on=TODAY + datetime.timedelta(days=30 * (n - 2)),
            held_on=TODAY + datetime.timedelta(days=30 * (n - 2)) if n < 3 else None,
            summary=f"Review number {n}",
        )
        for goal in plan.goals.all() if n < 3 else []:
            GoalEvaluation.objects.create(
                municipality=plan.municipality,
                review=review,
                goal=goal,
                progress=Progress.SOME,
                note=f"Note on {goal.text} at review {n}",
            )
    client = client_for(here.coordinator)
    url = reverse("plans:detail", args=[plan.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Goal number {size}" in content
    assert "Review number 3" in content
    # Each held review shows every goal's evaluation, in the goals' order.
    assert content.count("Note on Goal number 1 at review 2") == 1
    assert content.index("Note on Goal number 1 at review 1") < content.index(
        f"Note on Goal number {size} at review 1"
    )
    assert len(queries) == PLAN_PAGE_QUERIES


PLAN_PAGE_QUERIES = 15  # session, user, plan, its 6 parts, consents, the access log (5 with savepoints)


def test_another_municipality_gets_404_and_the_attempt_is_logged(tenants: tuple[Tenant, Tenant]) -> None:
    here, there = tenants
    plan = make_plan(here)
    assert client_for(there.coordinator).get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    assert AccessEvent.objects.filter(actor=there.coordinator, action=AccessAction.DENIED).exists()
    assert client_for(here.coordinator).get(reverse("plans:detail", args=[plan.pk])).status_code == 200
    assert AccessEvent.objects.filter(actor=here.coordinator, action=AccessAction.VIEW).exists()


def test_a_second_save_at_the_same_time_is_refused_with_the_text_kept(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here)
    url = reverse("plans:edit", args=[plan.pk])
    form = {
        "version": plan.version,
        "period_start": plan.period_start.isoformat(),
        "period_end": plan.period_end.isoformat(),
        "consent_to_plan_on": TODAY.isoformat(),
        "consent_to_plan_by": "Both parents",
    }
    first = client_for(here.coordinator).post(url, form | {"resources": "Loves music"})
    assert first.status_code == 302
    second = client_for(here.officer).post(url, form | {"resources": "Good at swimming, my words"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else saved the plan" in page
    assert "Good at swimming, my words" in page
    assert f'name="version" value="{plan.version + 1}"' in page
    assert f"?a={plan.version}&amp;b={plan.version + 1}" in page
    plan.refresh_from_db()
    assert plan.resources == "Loves music"
    third = client_for(here.officer).post(url, form | {"version": plan.version, "resources": "Both"})
    assert third.status_code == 302


def test_two_versions_are_compared_with_the_differences_marked(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=1, measures=0, resources="")
    client = client_for(here.coordinator)
    goal = plan.goals.get()
    client.post(
        reverse("plans:goal_edit", args=[plan.pk, goal.pk]),
        {"version": plan.version, "text": "Goal number one, walking to school", "child_words": ""},
    )
    response = client.get(
        reverse("plans:compare", args=[plan.pk]), {"a": plan.version, "b": plan.version + 1}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<del class="kp-del"><span class="ds-sr-only">[removed: </span>1<' in page
    assert '<ins class="kp-ins"><span class="ds-sr-only">[added: </span>one, walking to school<' in page
    assert "1 difference is marked." in page


def test_the_plan_pdfs_hold_the_goals_in_the_familys_language(
    tenants: tuple[Tenant, Tenant], tmp_path: Path
) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=2, measures=1)
    client = client_for(here.coordinator)
    texts = {}
    for kind in ("full", "summary", "child"):
        response = client.get(reverse("plans:document", args=[plan.pk, kind]))
        assert response["Content-Type"] == "application/pdf"
        pdf = tmp_path / f"{kind}.pdf"
        pdf.write_bytes(response.content)
        texts[kind] = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    assert "Goal number 2" in texts["full"]
    assert "Mål" in texts["full"]  # the family's language is bokmål, whatever the reader's
    assert "kort" in texts["summary"].lower()
    assert "Min plan" in texts["child"]
    assert "play football" in texts["child"]
    assert AccessEvent.objects.filter(action=AccessAction.PRINT, object_id=str(plan.pk)).count() == 3


def test_a_plan_is_started_from_the_child(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    client = client_for(here.coordinator)
    start = client.get(reverse("plans:for_child", args=[here.child.pk]))
    assert start.url == reverse("plans:create", args=[here.child.pk])  # type: ignore[attr-defined]
    refused = client.post(start.url, {"kind": "individual_plan"})  # type: ignore[attr-defined]
    assert refused.status_code == 400
    done = client.post(
        reverse("plans:create", args=[here.child.pk]),
        {
            "kind": "individual_plan",
            "period_start": TODAY.isoformat(),
            "period_end": TODAY.replace(year=TODAY.year + 1).isoformat(),
            "consent_to_plan_on": TODAY.isoformat(),
            "consent_to_plan_by": "Mother and father",
        },
    )
    plan = Plan.objects.get(child=here.child)
    assert done.url == reverse("plans:detail", args=[plan.pk])  # type: ignore[attr-defined]
    assert plan.versions.count() == 1


def test_every_form_page_opens(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here)
    goal = plan.goals.first()
    measure = plan.measures.first()
    assert goal is not None
    assert measure is not None
    client = client_for(here.coordinator)
    pages: list[tuple[str, list[Any]]] = [
        ("plans:edit", [plan.pk]),
        ("plans:goal_new", [plan.pk]),
        ("plans:goal_edit", [plan.pk, goal.pk]),
        ("plans:measure_new", [plan.pk]),
        ("plans:measure_edit", [plan.pk, measure.pk]),
        ("plans:participant_new", [plan.pk]),
        ("plans:review_new", [plan.pk]),
        ("plans:paper_signature", [plan.pk]),
        ("plans:remove", [plan.pk, "goal", goal.pk]),
    ]
    for name, args in pages:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    assert client_for(here.leader).get(reverse("plans:edit", args=[plan.pk])).status_code == 404


def test_a_measure_status_is_changed_from_the_plan_page(tenants: tuple[Tenant, Tenant]) -> None:
    here, _ = tenants
    plan = make_plan(here, goals=1, measures=1)
    measure = plan.measures.get()
    client = client_for(here.coordinator)
    client.post(
        reverse("plans:measure_status", args=[plan.pk, measure.pk]),
        {"version": plan.version, "status": "done"},
    )
    measure.refresh_from_db()
    assert measure.status == "done"
