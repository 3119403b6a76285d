"""The translation catalogues: bokmål is complete, no catalogue breaks a placeholder, the compiled
.mo files match the .po files, and a page really comes out in the language the user chose."""

from __future__ import annotations

import fcntl
import importlib.util
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import polib
import pytest
from django.conf import settings as django_settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[3]
SIGN_IN = "/sign-in/"


def load_script(name: str) -> ModuleType:
    """Import scripts/<name>.py by path: scripts/ is a folder of tools, not a package."""
    module_name = f"knutepunkt_scripts_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


check_translations = load_script("check_translations")
compile_messages = load_script("compile_messages")
PO_FILES = check_translations.catalogue_paths()


@pytest.fixture(scope="module")
def compiled() -> None:
    """Compile the catalogues as `make install` does. Test workers run in parallel, so only one
    compiles at a time and the others then find the .mo files current."""
    lock_path = Path(tempfile.gettempdir()) / "knutepunkt-compile-messages.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            compile_messages.main()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.fixture
def fresh_translations(compiled: None, settings: Any) -> None:
    """Django caches catalogues per process; setting LOCALE_PATHS (restored after the test) makes
    it drop the cache and read the .mo files just compiled."""
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS]


def test_there_is_a_catalogue_for_every_language() -> None:
    languages = {path.parent.parent.name for path in PO_FILES}
    assert languages == {code for code, _ in django_settings.LANGUAGES}


def test_bokmaal_is_complete() -> None:
    report = check_translations.check_catalogue(
        check_translations.LOCALE / "nb" / "LC_MESSAGES" / "django.po"
    )
    assert report.total > 0
    assert report.untranslated == []
    assert report.fuzzy == []
    assert report.completeness == 100.0


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_placeholders_and_headers_are_safe(po_path: Path) -> None:
    report = check_translations.check_catalogue(po_path)
    assert report.placeholder_problems == []
    assert report.header_problems == []


def test_the_whole_check_passes() -> None:
    assert check_translations.main([]) == 0


def test_the_check_catches_a_broken_placeholder() -> None:
    entry = polib.POEntry(
        msgid="Page %(page)s of %(pages)s", msgstr="Side %(side)s av %(pages)s", flags=["python-format"]
    )
    problems = check_translations.placeholder_problems(entry, 2)
    assert any("lacks %(page)s" in problem for problem in problems)
    assert any("adds %(side)s" in problem for problem in problems)


def _catalogue(entries: Any) -> dict[tuple[str | None, str], Any]:
    return {
        (entry.msgctxt, entry.msgid): (
            tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
        )
        for entry in entries
        if entry.msgid
    }


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda path: path.parent.parent.name)
def test_compiled_catalogue_matches_the_po_file(compiled: None, po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run scripts/compile_messages.py"
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    assert _catalogue(mo) == _catalogue(po.translated_entries()), (
        f"{mo_path} is stale: delete it and run scripts/compile_messages.py"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_translations")
@pytest.mark.parametrize(
    ("language", "expected", "not_expected"),
    [
        ("nb", "Logg inn", "Sign in"),
        ("nn", "Logg inn", "Sign in"),
        ("is", "Skrá inn", "Sign in"),
        ("en", "Sign in", "Logg inn"),
    ],
)
def test_sign_in_page_follows_accept_language(language: str, expected: str, not_expected: str) -> None:
    response = Client().get(SIGN_IN, HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}"' in page
    assert expected in page
    assert not_expected not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_translations")
def test_sign_in_page_follows_the_language_cookie() -> None:
    client = Client()
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(SIGN_IN, HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Sign in" in page
    assert "Logg inn" not in page


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_translations")
def test_language_switch_changes_the_page() -> None:
    client = Client()
    assert "Logg inn" in client.get(SIGN_IN).content.decode()  # nb is the default
    response = client.post("/i18n/setlang/", {"language": "en", "next": SIGN_IN})
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    page = client.get(SIGN_IN).content.decode()
    assert "Sign in" in page
    assert "Logg inn" not in page
    client.post("/i18n/setlang/", {"language": "is", "next": SIGN_IN})
    assert "Skrá inn" in client.get(SIGN_IN).content.decode()
