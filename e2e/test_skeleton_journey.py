"""Sign in, find a child, open the overview: in bokmål and English, with and without JavaScript,
axe-clean, and never another municipality's child."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import axe_check, login, screenshot, switch_language
from knutepunkt.conftest import make_tenant

pytestmark = pytest.mark.browser


def test_coordinator_finds_a_child_and_opens_the_overview(page: Page, live_server) -> None:
    here = make_tenant("4601", "Bergen")
    make_tenant("1103", "Stavanger")
    page.goto(f"{live_server.url}/sign-in/")
    axe_check(page)
    screenshot(page, "sign-in-nb")
    login(page, live_server.url, here.coordinator.username)
    expect(page.locator("h1")).to_have_text("Barn")
    expect(page.get_by_role("link", name=here.child.display_name)).to_be_visible()
    axe_check(page)
    screenshot(page, "home-nb")

    page.fill("#child-search", here.child.given_name)
    page.click("form[role=search] button[type=submit]")
    page.get_by_role("link", name=here.child.display_name).click()
    expect(page.locator("h1")).to_have_text(here.child.display_name)
    expect(page.locator("main").get_by_text(here.coordinator.get_full_name(), exact=True)).to_be_visible()
    guardian = here.family.guardians.first()
    assert guardian is not None
    expect(page.get_by_role("cell", name=str(guardian))).to_be_visible()
    axe_check(page)
    screenshot(page, "child-nb")

    switch_language(page, "en")
    expect(page.get_by_role("heading", name="About the child")).to_be_visible()
    axe_check(page)
    screenshot(page, "child-en")
    page.goto(f"{live_server.url}/")
    expect(page.locator("h1")).to_have_text("Children")
    screenshot(page, "home-en")


def test_another_municipalitys_child_is_not_found(page: Page, live_server) -> None:
    here = make_tenant("4601", "Bergen")
    there = make_tenant("1103", "Stavanger")
    login(page, live_server.url, here.coordinator.username)
    response = page.goto(f"{live_server.url}/children/{there.child.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_text(there.child.given_name)).to_have_count(0)
    axe_check(page)


def test_wrong_password_is_refused_with_a_message(page: Page, live_server) -> None:
    here = make_tenant("4601", "Bergen")
    login(page, live_server.url, here.coordinator.username, "not the password")
    expect(page.get_by_role("alert")).to_be_visible()
    assert "/sign-in/" in page.url
    axe_check(page)


def test_everything_works_without_javascript(no_js_page: Page, live_server) -> None:
    page = no_js_page
    here = make_tenant("4601", "Bergen")
    login(page, live_server.url, here.officer.username)
    switch_language(page, "en")
    expect(page.locator("h1")).to_have_text("Children")
    page.fill("#child-search", here.child.family_name)
    page.click("form[role=search] button[type=submit]")
    page.get_by_role("link", name=here.child.display_name).first.click()
    expect(page.get_by_role("heading", name="Guardians")).to_be_visible()
