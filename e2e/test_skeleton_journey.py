"""The first journeys: a coordinator signs in, finds a child and opens the overview, in bokmål and
English, with and without JavaScript, axe-clean, and never sees another municipality's child."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import PHONE, allow_console_error, axe_check, login, screenshot, switch_language
from knutepunkt.conftest import Tenant
from knutepunkt.people.models import Child
from knutepunkt.people.tests.factories import ChildFactory

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Words:
    """What a person reads on the pages, per language: the journeys read the page as they do."""

    sign_in_heading: str
    children_heading: str
    search_label: str
    search_button: str
    about_heading: str
    guardians_heading: str
    coordinator_heading: str
    not_found_heading: str
    wrong_password: str


WORDS = {
    "nb": Words(
        sign_in_heading="Logg inn i Knutepunkt",
        children_heading="Barn",
        search_label="Søk etter navn",
        search_button="Søk",
        about_heading="Om barnet",
        guardians_heading="Foresatte",
        coordinator_heading="Koordinator",
        not_found_heading="Vi fant ikke siden",
        wrong_password="Vennligst oppgi korrekt brukernavn og passord",
    ),
    "en": Words(
        sign_in_heading="Sign in to Knutepunkt",
        children_heading="Children",
        search_label="Search by name",
        search_button="Search",
        about_heading="About the child",
        guardians_heading="Guardians",
        coordinator_heading="Coordinator",
        not_found_heading="We could not find that page",
        wrong_password="Please enter a correct username and password",
    ),
}


def _named_children(tenant: Tenant) -> tuple[Child, Child]:
    """The coordinator's child gets a known name and a sibling, so a search has something to leave
    out, and the assertions do not hang on a random name that might contain another."""
    child = tenant.child
    child.given_name = "Tiril"
    child.save(update_fields=["given_name"])
    sibling = ChildFactory.create(
        family=tenant.family, given_name="Åsmund", birth_date=datetime.date(2019, 3, 14)
    )
    return child, sibling


def _heading(page: Page, text: str) -> None:
    expect(page.locator("main h1")).to_have_text(text)


def _search(page: Page, words: Words, text: str) -> None:
    page.get_by_role("searchbox", name=words.search_label).fill(text)
    with page.expect_navigation():
        page.locator("form[role=search]").get_by_role("button", name=words.search_button).click()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_coordinator_signs_in_finds_their_child_and_opens_the_overview(
    page: Page, tenant: Tenant, other_tenant: Tenant, language: str
) -> None:
    words = WORDS[language]
    child, sibling = _named_children(tenant)

    page.goto("/sign-in/")
    if language != "nb":
        switch_language(page, language)  # the header's form, before signing in
    expect(page.locator("html")).to_have_attribute("lang", language)
    _heading(page, words.sign_in_heading)
    # Django's sign-in form puts the cursor in the username field, ready to type.
    expect(page.locator("input[name=username]")).to_be_focused()
    axe_check(page)
    screenshot(page, f"sign-in-{language}")

    login(page, tenant.coordinator)
    expect(page).to_have_url(re.compile(r"/$"))
    _heading(page, words.children_heading)
    expect(page.locator("html")).to_have_attribute("lang", language)  # the choice outlived sign-in
    # The first Tab reaches the skip link, and it leads to the main content.
    page.keyboard.press("Tab")
    expect(page.locator(".ds-skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    table = page.get_by_role("table")
    expect(table.get_by_role("link")).to_have_count(2)
    for shown in (child, sibling):
        expect(table.get_by_role("link", name=shown.display_name)).to_have_attribute(
            "href", f"/children/{shown.pk}/"
        )
    # Neither the other coordinator's family nor another municipality's children are listed.
    for hidden in (tenant.other_child, other_tenant.child, other_tenant.other_child):
        expect(page.locator(f'a[href="/children/{hidden.pk}/"]')).to_have_count(0)
    axe_check(page)
    screenshot(page, f"home-{language}")

    _search(page, words, child.given_name)
    expect(page).to_have_url(re.compile(r"\?q=Tiril$"))
    expect(page.get_by_role("searchbox", name=words.search_label)).to_have_value(child.given_name)
    expect(table.get_by_role("link")).to_have_text([child.display_name])
    with page.expect_navigation():
        table.get_by_role("link", name=child.display_name).click()

    expect(page).to_have_url(re.compile(rf"/children/{child.pk}/$"))
    _heading(page, child.display_name)
    expect(page.get_by_role("heading", name=words.about_heading)).to_be_visible()
    guardians = page.get_by_role("region", name=words.guardians_heading)
    for guardian in tenant.family.guardians.all():
        expect(guardians.get_by_role("cell", name=str(guardian), exact=True)).to_be_visible()
    coordinator = page.get_by_role("region", name=words.coordinator_heading)
    expect(coordinator).to_contain_text(tenant.coordinator.get_full_name())
    expect(page.get_by_role("link", name=sibling.display_name)).to_be_visible()  # siblings
    axe_check(page)
    screenshot(page, f"child-{language}")


def test_another_municipalitys_child_is_not_found(page: Page, tenant: Tenant, other_tenant: Tenant) -> None:
    login(page, tenant.coordinator)
    # Chromium notes a page answering 404 as a console error; here the 404 is the point.
    allow_console_error(page, r"status of 404 \(Not Found\)")
    response = page.goto(f"/children/{other_tenant.child.pk}/")
    assert response is not None
    assert response.status == 404
    _heading(page, WORDS["nb"].not_found_heading)
    for name in (other_tenant.child.given_name, other_tenant.child.family_name):
        expect(page.locator("main")).not_to_contain_text(name)
    axe_check(page)
    screenshot(page, "not-found-nb")


def test_wrong_password_is_refused_with_a_message(page: Page, tenant: Tenant) -> None:
    login(page, tenant.coordinator, "not the password at all")
    expect(page).to_have_url(re.compile(r"/sign-in/$"))
    expect(page.get_by_role("alert")).to_contain_text(WORDS["nb"].wrong_password)
    # The username is kept, the password is not.
    expect(page.locator("input[name=username]")).to_have_value(tenant.coordinator.username)
    expect(page.locator("input[name=password]")).to_have_value("")
    axe_check(page)
    screenshot(page, "sign-in-wrong-password-nb")

    login(page, tenant.coordinator)  # and the right one still works afterwards
    _heading(page, WORDS["nb"].children_heading)


def test_the_journey_works_without_javascript(no_js_page: Page, tenant: Tenant) -> None:
    page = no_js_page
    child, _sibling = _named_children(tenant)
    login(page, tenant.coordinator)
    _heading(page, WORDS["nb"].children_heading)

    switch_language(page, "en")  # a plain POST form: no script needed
    _heading(page, WORDS["en"].children_heading)
    _search(page, WORDS["en"], child.given_name)
    table = page.get_by_role("table")
    expect(table.get_by_role("link")).to_have_text([child.display_name])
    with page.expect_navigation():
        table.get_by_role("link", name=child.display_name).click()
    _heading(page, child.display_name)
    guardians = page.get_by_role("region", name=WORDS["en"].guardians_heading)
    expect(guardians.get_by_role("row")).to_have_count(1 + tenant.family.guardians.count())
    screenshot(page, "child-en-no-javascript")

    switch_language(page, "nb")  # and back, staying on the child's page
    expect(page).to_have_url(re.compile(rf"/children/{child.pk}/$"))
    expect(page.get_by_role("heading", name=WORDS["nb"].guardians_heading)).to_be_visible()
    # Proof that the page's own scripts really were off: htmx never loaded.
    assert page.evaluate("() => typeof window.htmx") == "undefined"


def test_the_pages_fit_a_phone_screen(phone_page: Page, tenant: Tenant) -> None:
    page = phone_page
    login(page, tenant.coordinator)
    too_wide = {}
    for name, path in (("home", "/"), ("child", f"/children/{tenant.child.pk}/")):
        page.goto(path)
        screenshot(page, f"{name}-nb-phone")
        axe_check(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert not too_wide, f"pages wider than the {PHONE['width']} px screen: {too_wide}"
