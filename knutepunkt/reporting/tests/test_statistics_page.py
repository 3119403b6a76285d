from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from knutepunkt.audit.models import AccessEvent
from knutepunkt.complaints.models import ComplaintKind, ComplaintStatus
from knutepunkt.conftest import Tenant, client_for
from knutepunkt.plans.models import Measure, MeasureStatus, Plan, PlanKind, Review
from knutepunkt.reporting.models import StatisticsExport
from knutepunkt.reporting.tests.factories import TODAY, complaint, decided_case, supervisor

URL = "/statistics/"


def test_leader_sees_own_municipality_waiting_times(tenants: tuple[Tenant, Tenant]) -> None:
    # given: five decided cases in the leader's municipality, one in the other
    tenant, other = tenants
    for days in (1, 2, 3, 4, 10):
        decided_case(tenant, received_days_ago=40, decided_after=days, appointed_after=days + 5)
    decided_case(other, received_days_ago=40, decided_after=300)
    # when
    response = client_for(tenant.leader).get(URL)
    # then: median 3 and 90th percentile 7.6 (linear interpolation, as percentile_cont)
    assert response.status_code == 200
    figure = next(f for f in response.context["figures"] if f.key == "waiting")
    decision, appointment = figure.rows
    assert [cell.value for cell in decision.cells] == [5, 3.0, 7.6]
    assert [cell.value for cell in appointment.cells] == [5, 8.0, 12.6]
    assert "Bergen" in response.content.decode()


def test_statistics_refused_to_other_roles(tenant: Tenant) -> None:
    for user in (tenant.officer, tenant.coordinator, tenant.service_contact, tenant.administrator):
        assert client_for(user).get(URL).status_code == 403


def test_leader_sees_no_small_group_suppression_but_national_view_does(
    tenants: tuple[Tenant, Tenant],
) -> None:
    # given: three requests this month in one municipality
    tenant, _ = tenants
    for _i in range(3):
        decided_case(tenant, received_days_ago=0)
    # when
    leader_page = client_for(tenant.leader).get(URL)
    national_page = client_for(supervisor()).get(URL)
    # then: the leader sees 3; the supervisor sees "fewer than 5"
    leader_requests = next(f for f in leader_page.context["figures"] if f.key == "requests")
    national_requests = next(f for f in national_page.context["figures"] if f.key == "requests")
    assert leader_requests.rows[-1].cells[0].value == 3
    assert national_requests.rows[-1].cells[0].text == "fewer than 5"
    assert "fewer than 5" in national_page.content.decode()


def test_national_view_lists_every_municipality_with_withheld_medians(
    tenants: tuple[Tenant, Tenant],
) -> None:
    tenant, other = tenants
    for days in range(5):
        decided_case(tenant, received_days_ago=30, decided_after=10 + days)
    decided_case(other, received_days_ago=30, decided_after=50)
    response = client_for(supervisor()).get(URL)
    table = next(f for f in response.context["figures"] if f.key == "municipalities")
    by_name = {row.label: row for row in table.rows}
    assert by_name["Bergen"].cells[2].value == 12.0
    assert by_name["Stavanger"].cells[1].text == "fewer than 5"
    assert by_name["Stavanger"].cells[2].text == "too few cases"


def test_complaints_counted_by_status_and_kind(tenant: Tenant) -> None:
    case = decided_case(tenant, received_days_ago=20, decided_after=5)
    complaint(tenant, case, kind=ComplaintKind.APPEAL, status=ComplaintStatus.FORWARDED)
    complaint(tenant, case, kind=ComplaintKind.QUALITY, status=ComplaintStatus.ANSWERED)
    response = client_for(tenant.leader).get(URL)
    figure = next(f for f in response.context["figures"] if f.key == "complaints")
    rows = {row.label: [cell.value for cell in row.cells] for row in figure.rows}
    assert rows["Upheld and sent to the appeal body"] == [1, 0]
    assert rows["Answered"] == [0, 1]


def test_reading_statistics_writes_no_access_log(tenant: Tenant) -> None:
    decided_case(tenant, received_days_ago=10, decided_after=2)
    before = AccessEvent.objects.count()
    client_for(tenant.leader).get(URL)
    assert AccessEvent.objects.count() == before


def test_chart_is_drawn_beside_its_table(tenant: Tenant) -> None:
    body = client_for(tenant.leader).get(URL).content.decode()
    assert body.count("<svg") >= 5
    assert 'style="' not in body
    assert "<script>" not in body


@pytest.mark.parametrize("cases", [5, 40])
def test_statistics_page_query_count_does_not_grow_with_cases(
    tenants: tuple[Tenant, Tenant], cases: int
) -> None:
    tenant, other = tenants
    for i in range(cases):
        decided_case(
            tenant if i % 2 else other,
            received_days_ago=i * 7 % 300,
            decided_after=i % 9,
            appointed_after=i % 9 + 3,
        )
    for user, expected in ((tenant.leader, 13), (supervisor(), 16)):
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        assert len(queries) == expected, [q["sql"] for q in queries.captured_queries]


def test_csv_export_is_recorded_not_access_logged(tenant: Tenant) -> None:
    decided_case(tenant, received_days_ago=3)
    before = AccessEvent.objects.count()
    response = client_for(tenant.leader).get(reverse("reporting:export_csv", args=["requests"]))
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Month,Requests"
    assert lines[-1].endswith(",1")
    export = StatisticsExport.objects.get()
    assert (export.user, export.municipality, export.figure, export.export_format) == (
        tenant.leader,
        tenant.municipality,
        "requests",
        "csv",
    )
    assert AccessEvent.objects.count() == before


def test_unknown_figure_is_not_found(tenant: Tenant) -> None:
    assert client_for(tenant.leader).get("/statistics/children.csv").status_code == 404


def test_xlsx_export_has_a_sheet_per_figure(tenant: Tenant) -> None:
    decided_case(tenant, received_days_ago=3, decided_after=1)
    response = client_for(supervisor()).get(reverse("reporting:export_xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Requests per month" in workbook.sheetnames
    assert "Each municipality" in workbook.sheetnames
    assert StatisticsExport.objects.get().municipality is None


def test_plan_reviews_overdue_and_measures_late(tenants: tuple[Tenant, Tenant]) -> None:
    tenant, other = tenants
    for t in (tenant, other):
        plan = Plan.objects.create(
            municipality=t.municipality,
            family=t.family,
            child=t.child,
            kind=PlanKind.INDIVIDUAL_PLAN,
            coordinator=t.coordinator,
            period_start=TODAY - datetime.timedelta(days=200),
            period_end=TODAY + datetime.timedelta(days=500),
        )
        Review.objects.create(
            municipality=t.municipality, plan=plan, scheduled_on=TODAY - datetime.timedelta(days=10)
        )
        for status, ends in (
            (MeasureStatus.DONE, -30),
            (MeasureStatus.UNDER_WAY, -5),
            (MeasureStatus.UNDER_WAY, 40),
        ):
            Measure.objects.create(
                municipality=t.municipality,
                plan=plan,
                title="Avlastning",
                starts_on=TODAY - datetime.timedelta(days=100),
                ends_on=TODAY + datetime.timedelta(days=ends),
                status=status,
            )
    response = client_for(tenant.leader).get(URL)
    figures = {f.key: {row.label: row.cells[0].value for row in f.rows} for f in response.context["figures"]}
    assert figures["reviews"] == {"Overdue": 1, "Coming up": 0, "All plans in force": 1}
    assert figures["measures"] == {"Done": 1, "Late": 1, "On time": 1, "Stopped": 0}
    assert figures["arrangements"]["Individual plan (individuell plan)"] == 1
