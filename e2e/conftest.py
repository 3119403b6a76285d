"""Browser journeys: Playwright for Python driving Debian's Chromium, with axe-core.

Never a downloaded browser and never ``playwright install``: the journeys drive
/usr/bin/chromium (``scripts/ensure-test-tools.sh`` apt-installs it). Without it they are
skipped locally, and fail where a browser is required (KNUTEPUNKT_REQUIRE_BROWSER=1 or CI=true).

One browser per test session (per xdist worker); every test gets fresh browser contexts, so no
cookie or language choice leaks from one test to the next. Pages are opened against pytest-django's
``live_server``, which serves the static files through Django's staticfiles handler.

Every page a test opens is watched: a console error, an uncaught script error or a failed
sub-resource (a stylesheet or script answering 4xx/5xx) fails the test. A Content-Security-Policy
violation is reported by Chromium as a console error, so it fails the test too. A test that
deliberately opens an error page says so with ``allow_console_error``.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pytest

# Playwright's sync API runs an event loop in this thread, and Django's ORM refuses to run while
# one is running unless told that this is deliberate. The tests use the ORM only to set up data.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, ConsoleMessage, Page, Response, ViewportSize, sync_playwright

# The shared tenant fixtures live in knutepunkt/conftest.py, which is not an ancestor of e2e/:
# bring them into scope here (pytest-django makes their ``db`` transactional next to live_server).
from knutepunkt.conftest import Tenant, make_tenant, other_tenant, tenant, tenants
from knutepunkt.people.models import User

__all__ = ["Tenant", "make_tenant", "other_tenant", "tenant", "tenants"]

CHROMIUM = os.environ.get("KNUTEPUNKT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe 4.14 has some 60 rules for these tags, and 20 or more of them find something to check on any
# of our pages (the header alone has a form, links and landmarks): fewer means axe did not really
# look at the page.
AXE_MIN_RULES = 15
SCREENSHOTS = Path(__file__).parent / "screenshots"
PASSWORD = "correct horse battery staple"  # what the factories give every user
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


@functools.cache
def _axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def _browser_required() -> bool:
    return os.environ.get("KNUTEPUNKT_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true"


# --- Watching pages for errors --------------------------------------------------------------


@dataclass
class PageErrors:
    """What went wrong in one page: console errors, script errors, failed sub-resources."""

    page: Page
    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            self.errors.append(f"console error: {message.text} ({location})")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught script error: {error}")

    def on_response(self, response: Response) -> None:
        # The page itself may answer 404 on purpose; what it loads (CSS, scripts) must not fail.
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.request.resource_type} {response.url} answered {response.status}")

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(pattern.search(e) for pattern in self.allowed)]


ERRORS_KEY = pytest.StashKey[dict[int, PageErrors]]()


def _watch(page: Page, node: pytest.Item) -> PageErrors:
    errors = PageErrors(page)
    page.on("console", errors.on_console)
    page.on("pageerror", errors.on_page_error)
    page.on("response", errors.on_response)
    node.stash.setdefault(ERRORS_KEY, {})[id(page)] = errors
    return errors


# Each open page's watcher, by id(page): filled by ``open_page``, emptied when its context closes.
_errors_by_page: dict[int, PageErrors] = {}
# The pages opened with scripts off, by id(page): axe cannot run in them (see ``axe_check``).
_scripts_off: set[int] = set()


def allow_console_error(page: Page, pattern: str) -> None:
    """Let an expected console error through, e.g. Chromium's note that a page answered 404."""
    _errors_by_page[id(page)].allowed.append(re.compile(pattern))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail the test itself (not its teardown) on any console or page error it caused."""
    result = yield
    watched = item.stash.get(ERRORS_KEY, {})
    for errors in watched.values():
        if not errors.page.is_closed():
            errors.page.title()  # a round trip, so events the browser already sent are handled
    problems = [problem for errors in watched.values() for problem in errors.unexpected()]
    if problems:
        pytest.fail("the browser reported errors:\n  " + "\n  ".join(problems), pytrace=False)
    return result


# --- Fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = (
            f"Chromium not found at {CHROMIUM}: the browser journeys need Debian's chromium "
            "(run scripts/ensure-test-tools.sh, or apt-get install chromium)"
        )
        if _browser_required():
            pytest.fail(message + "; KNUTEPUNKT_REQUIRE_BROWSER=1 or CI=true makes this an error")
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageOpener(Protocol):
    def __call__(self, *, viewport: ViewportSize = ..., javascript: bool = ...) -> Page: ...


@pytest.fixture
def open_page(
    browser: Browser, live_server: Any, transactional_db: None, request: pytest.FixtureRequest
) -> Iterator[PageOpener]:
    """Opens a page in a fresh browser context (its own cookies), in bokmål, on the live server.

    Relative URLs (``page.goto("/sign-in/")``) go to the live server.
    """
    contexts = []

    def open_(*, viewport: ViewportSize = DESKTOP, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="nb-NO",
            viewport=viewport,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        _errors_by_page[id(page)] = _watch(page, request.node)
        if not javascript:
            _scripts_off.add(id(page))
        return page

    yield open_
    for context in contexts:
        for page in context.pages:
            _errors_by_page.pop(id(page), None)
            _scripts_off.discard(id(page))
        context.close()


@pytest.fixture
def page(open_page: PageOpener) -> Page:
    """A desktop page (1280x900), bokmål, JavaScript on."""
    return open_page()


@pytest.fixture
def phone_page(open_page: PageOpener) -> Page:
    """A phone-sized page (390x844), bokmål, JavaScript on."""
    return open_page(viewport=PHONE)


@pytest.fixture
def no_js_page(open_page: PageOpener) -> Page:
    """A desktop page with JavaScript switched off: every page must work without it."""
    return open_page(javascript=False)


# --- Helpers --------------------------------------------------------------------------------


def login(page: Page, user: User | str, password: str = PASSWORD) -> None:
    """Sign in through the real sign-in form, as a person would."""
    username = user if isinstance(user, str) else user.username
    page.goto("/sign-in/")
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def switch_language(page: Page, code: str) -> None:
    """Change language through the header's plain POST form (works without JavaScript too)."""
    form = page.locator("header form.kp-language")
    form.locator("select[name=language]").select_option(code)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    lang = page.locator("html").get_attribute("lang")
    assert lang == code, f"asked for language {code!r}, the page says lang={lang!r}"


@dataclass(frozen=True)
class AxeSummary:
    url: str
    rules_passed: int
    checks_passed: int  # elements that passed a rule
    rules_inapplicable: int
    incomplete: list[str]  # rules axe could not decide: a person has to look


def axe_check(page: Page) -> AxeSummary:
    """Run axe-core with the WCAG 2.1 A and AA rules; fail listing every violation.

    axe is evaluated through the DevTools protocol (``page.evaluate``), which the site's
    ``script-src 'self'`` CSP does not apply to; a ``<script>`` tag added by content would be
    refused. The run must come back with results, or the check fails: a page axe never looked
    at is not a page that passed.
    """
    if id(page) in _scripts_off:
        # With scripts off the page's timers never run, so axe's promise would never settle: check
        # the same address in a twin with scripts on, signed in with the same cookies.
        context = page.context
        browser = context.browser
        assert browser is not None
        twin_context = browser.new_context(
            storage_state=context.storage_state(), viewport=page.viewport_size, locale="nb-NO"
        )
        try:
            twin = twin_context.new_page()
            twin.goto(page.url)
            return axe_check(twin)
        finally:
            twin_context.close()
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    results: dict[str, Any] = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
        })""",
        AXE_TAGS,
    )
    assert results.get("testEngine", {}).get("name") == "axe-core", f"axe did not run on {page.url}"
    ran = {r["id"] for kind in ("passes", "violations", "incomplete") for r in results[kind]}
    assert results["passes"], f"axe passed no rule on {page.url}: it did not really check the page"
    assert len(ran) >= AXE_MIN_RULES, (
        f"axe applied only {len(ran)} rules on {page.url}: it did not really check the page"
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "helpUrl": v["helpUrl"],
            "targets": [" ".join(map(str, node["target"])) for node in v["nodes"]],
        }
        for v in results["violations"]
    ]
    assert not violations, f"axe found {len(violations)} WCAG 2.1 A/AA violations on {page.url}:\n" + (
        json.dumps(violations, indent=2, ensure_ascii=False)
    )
    return AxeSummary(
        url=page.url,
        rules_passed=len(results["passes"]),
        checks_passed=sum(len(r["nodes"]) for r in results["passes"]),
        rules_inapplicable=len(results["inapplicable"]),
        incomplete=sorted(r["id"] for r in results["incomplete"]),
    )


def assert_styled(page: Page) -> None:
    """Every stylesheet the page links to has loaded: an unstyled screenshot proves nothing."""
    sheets: list[dict[str, Any]] = page.evaluate(
        """() => Array.from(document.querySelectorAll('link[rel=stylesheet]'), link => {
            let rules = 0;
            try { rules = link.sheet ? link.sheet.cssRules.length : 0; } catch (e) { rules = -1; }
            return {href: link.href, rules};
        })"""
    )
    assert sheets, f"{page.url} links no stylesheet"
    empty = [sheet["href"] for sheet in sheets if sheet["rules"] <= 0]
    assert not empty, f"stylesheets did not load on {page.url}: {empty}"


def screenshot(page: Page, name: str) -> Path:
    """A full-page PNG in e2e/screenshots/ (git-ignored), after checking the CSS has loaded."""
    assert_styled(page)
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
