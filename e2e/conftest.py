"""Browser journeys: Playwright for Python driving Debian's Chromium, with axe-core.

Never a downloaded browser: Chromium is /usr/bin/chromium (scripts/ensure-test-tools.sh installs
it). Without it the journeys are skipped locally, and fail where a browser is required
(KNUTEPUNKT_REQUIRE_BROWSER=1 or CI=true).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside one
# unless told that this is deliberate. The tests use the ORM only to set up data.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("KNUTEPUNKT_CHROMIUM", "/usr/bin/chromium")
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SCREENSHOTS = Path(__file__).parent / "screenshots"
PASSWORD = "correct horse battery staple"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _browser_required() -> bool:
    return os.environ.get("KNUTEPUNKT_REQUIRE_BROWSER") == "1" or os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if _browser_required():
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _new_page(browser: Browser, *, width: int, height: int, javascript: bool = True) -> Iterator[Page]:
    context = browser.new_context(
        locale="nb-NO", viewport={"width": width, "height": height}, java_script_enabled=javascript
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    # A CSP violation or a script error shows up as a console error: none is acceptable, except
    # the deliberate 404 pages a journey opens.
    real = [e for e in errors if "404" not in e and "Not Found" not in e]
    assert real == [], f"console errors: {real}"


@pytest.fixture
def page(browser: Browser, transactional_db: None) -> Iterator[Page]:
    yield from _new_page(browser, width=1280, height=900)


@pytest.fixture
def phone_page(browser: Browser, transactional_db: None) -> Iterator[Page]:
    yield from _new_page(browser, width=390, height=844)


@pytest.fixture
def no_js_page(browser: Browser, transactional_db: None) -> Iterator[Page]:
    yield from _new_page(browser, width=1280, height=900, javascript=False)


def login(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/sign-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def switch_language(page: Page, code: str) -> None:
    """Through the header's plain form, as a person would (works without JavaScript too)."""
    page.select_option("#language-select", code)
    page.click(".kp-language button[type=submit]")
    page.wait_for_load_state()


def axe_check(page: Page) -> dict[str, Any]:
    """Run axe-core with the WCAG 2.1 A and AA rules and fail on any violation."""
    page.evaluate(AXE_SOURCE)  # evaluated through the DevTools protocol, so the site's CSP allows it
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    )
    assert results["passes"], "axe ran no checks: it did not run on this page"
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [node["target"] for node in v["nodes"]][:5],
        }
        for v in results["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)
    return results


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^a-z0-9_-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
