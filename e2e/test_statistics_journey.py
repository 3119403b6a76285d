"""Statistics: a leader opens the municipality's figures from the menu, reads a chart and its
table, downloads the figures; the national supervisor sees every municipality with small groups
suppressed and cannot open a child. Bokmål and English, axe-clean, with screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import allow_console_error, axe_check, login, screenshot, switch_language
from knutepunkt.complaints.models import ComplaintKind, ComplaintStatus
from knutepunkt.conftest import Tenant
from knutepunkt.reporting.models import StatisticsExport
from knutepunkt.reporting.tests.factories import complaint, decided_case, supervisor

pytestmark = pytest.mark.browser


def _history(tenant: Tenant, other: Tenant) -> None:
    """A year of requests in both municipalities: decided, started, one complained about."""
    for index in range(12):
        decided_case(
            tenant,
            received_days_ago=15 + index * 25,
            decided_after=10 + index * 3,
            appointed_after=20 + index * 3,
            individual_plan=index % 2 == 0,
        )
    case = decided_case(other, received_days_ago=40, decided_after=30)
    complaint(other, case, kind=ComplaintKind.APPEAL, status=ComplaintStatus.REASSESSING)


def test_leader_reads_the_municipality_figures_and_downloads_them(
    page: Page, tenants: tuple[Tenant, Tenant]
) -> None:
    tenant, other = tenants
    _history(tenant, other)
    login(page, tenant.leader)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Statistikk").click()
    expect(page.locator("main h1")).to_contain_text("Statistikk")
    expect(page.locator("main h1")).to_contain_text(tenant.municipality.name)
    # Each figure is a chart with a text alternative and the same numbers as a table.
    waiting = page.get_by_role("region", name="Ventetid i dager")
    expect(waiting.get_by_role("img")).to_have_count(1)
    expect(waiting.get_by_role("table")).to_contain_text("Fra henvendelse til vedtak")
    expect(waiting.get_by_role("row", name="Fra henvendelse til vedtak")).to_contain_text("12")
    axe_check(page)
    screenshot(page, "statistics-leader-nb")

    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned alt som Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert StatisticsExport.objects.filter(user=tenant.leader, export_format="xlsx").count() == 1

    switch_language(page, "en")
    expect(page.get_by_role("heading", name="Requests per month")).to_be_visible()
    axe_check(page)


def test_national_supervisor_sees_suppressed_figures_and_no_child(
    page: Page, tenants: tuple[Tenant, Tenant]
) -> None:
    tenant, other = tenants
    _history(tenant, other)
    national = supervisor()
    national.set_password("correct horse battery staple")
    national.save()
    login(page, national)
    switch_language(page, "en")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Statistics").click()
    expect(page.locator("main h1")).to_contain_text("All municipalities")
    table = page.get_by_role("region", name="Each municipality").get_by_role("table")
    expect(table.get_by_role("row", name=other.municipality.name)).to_contain_text("fewer than 5")
    expect(table.get_by_role("row", name=tenant.municipality.name)).to_contain_text("12")
    axe_check(page)
    screenshot(page, "statistics-national-en")

    # A supervisor has no child data at all: the child's page answers 404 like a missing one.
    allow_console_error(page, r"status of 404")
    page.goto(f"/children/{tenant.child.pk}/")
    expect(page.locator("main h1")).to_have_text("We could not find that page")
