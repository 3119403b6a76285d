"""Check the translation catalogues under knutepunkt/locale and knutepunkt/<app>/locale.

For each ``<lang>/LC_MESSAGES/*.po`` it reports untranslated and fuzzy entries (Django ignores a
fuzzy entry, so it counts as untranslated) and placeholder mismatches: every ``%(name)s``, ``%s``
and ``{name}`` of the msgid must appear in the msgstr (in each ``msgstr[n]`` of a plural), and a
msgstr must not bring placeholders of its own, which would raise at run time.

It prints each language's completeness and exits 1 when a language that must be complete (nb)
has an untranslated or fuzzy entry, or when any language has a placeholder mismatch. English is
the source language: its msgstrs are left empty on purpose.

    python scripts/check_translations.py [--verbose]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "knutepunkt"
LOCALE = PACKAGE / "locale"
SOURCE_LANGUAGE = "en"
MUST_BE_COMPLETE = frozenset({"nb", "nn", "is"})

# One alternative per kind of placeholder; "%%", "{{" and "}}" are escapes, not placeholders.
_PLACEHOLDER = re.compile(
    r"%%"
    r"|%\((?P<named>[^)]*)\)[-#0 +]*(?:\d+|\*)?(?:\.\d+)?(?P<named_type>[diouxXeEfFgGcrsa])"
    r"|%[-#0 +]*(?:\d+|\*)?(?:\.\d+)?(?P<positional_type>[diouxXeEfFgGcrsa])"
    r"|\{\{\s*(?P<template>[\w.]+)\s*\}\}"
    r"|\{\{|\}\}"
    r"|\{(?P<brace>[A-Za-z_]\w*|\d*)(?:![rsa])?(?::[^{}]*)?\}"
)


def placeholders(text: str) -> Counter[str]:
    """The placeholders in ``text``, each normalised to one token (``%(name)s``, ``%s``, ``{name}``)."""
    found: Counter[str] = Counter()
    for match in _PLACEHOLDER.finditer(text):
        if match["named_type"]:
            found[f"%({match['named']}){match['named_type']}"] += 1
        elif match["positional_type"]:
            found[f"%{match['positional_type']}"] += 1
        elif match["template"]:
            found[f"{{{{ {match['template']} }}}}"] += 1
        elif match["brace"] is not None:
            found[f"{{{match['brace']}}}"] += 1
    return found


def _describe(entry: Any) -> str:
    text = entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "..."
    return f"[{entry.msgctxt}] {text}" if entry.msgctxt else text


def _translations(entry: Any) -> list[tuple[str, str]]:
    """``(label, msgstr)`` for every translation the entry holds, skipping empty ones."""
    if entry.msgid_plural:
        return [(f"msgstr[{n}]", text) for n, text in sorted(entry.msgstr_plural.items()) if text]
    return [("msgstr", entry.msgstr)] if entry.msgstr else []


def _is_translated(entry: Any) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _nplurals(po: Any) -> int | None:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def placeholder_problems(entry: Any, nplurals: int | None = None) -> list[str]:
    """What is wrong with the placeholders of one entry's translations (empty when all is well)."""
    problems: list[str] = []
    source_forms = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
    required: Counter[str] = Counter()
    allowed: set[str] = set()
    for form in source_forms:
        found = placeholders(form)
        required |= found  # the most of each token any source form uses
        allowed |= set(found)
    is_format = bool(allowed) or any(flag.endswith("-format") and "no-" not in flag for flag in entry.flags)
    for label, text in _translations(entry):
        found = placeholders(text)
        missing = sorted(token for token in required if token not in found)
        # Positional placeholders are filled in order, so their number must match too.
        positional_mismatch = sorted(
            token
            for token in required
            if token in found and not token.startswith(("%(", "{")) and found[token] != required[token]
        )
        extra = sorted(token for token in found if token not in allowed) if is_format else []
        if missing:
            problems.append(f"{_describe(entry)}: {label} lacks {', '.join(missing)}")
        if positional_mismatch:
            problems.append(
                f"{_describe(entry)}: {label} has another number of {', '.join(positional_mismatch)}"
            )
        if extra:
            problems.append(f"{_describe(entry)}: {label} adds {', '.join(extra)}, not in the msgid")
    translated_plural = bool(entry.msgid_plural) and any(entry.msgstr_plural.values())
    if translated_plural and nplurals is not None and len(entry.msgstr_plural) != nplurals:
        problems.append(
            f"{_describe(entry)}: {len(entry.msgstr_plural)} plural forms, the header says {nplurals}"
        )
    return problems


@dataclass
class CatalogueReport:
    language: str
    path: Path
    total: int = 0
    translated: int = 0
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    placeholder_problems: list[str] = field(default_factory=list)
    header_problems: list[str] = field(default_factory=list)

    @property
    def is_source(self) -> bool:
        return self.language == SOURCE_LANGUAGE

    @property
    def completeness(self) -> float:
        """Per cent of entries with a usable (non-empty, non-fuzzy) translation."""
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    @property
    def must_be_complete(self) -> bool:
        return self.language in MUST_BE_COMPLETE

    @property
    def errors(self) -> list[str]:
        """The problems that make the check fail."""
        errors = [*self.header_problems, *self.placeholder_problems]
        if self.must_be_complete:
            errors += [f"untranslated: {msgid}" for msgid in self.untranslated]
            errors += [f"fuzzy: {msgid}" for msgid in self.fuzzy]
        return errors


def check_catalogue(po_path: Path) -> CatalogueReport:
    language = po_path.parent.parent.name
    po = polib.pofile(str(po_path))
    report = CatalogueReport(language=language, path=po_path)
    nplurals = _nplurals(po)
    if nplurals is None:
        report.header_problems.append("the header has no Plural-Forms with nplurals")
    if po.metadata_is_fuzzy:
        report.header_problems.append("the header is marked fuzzy, so its Plural-Forms may be ignored")
    for entry in po:
        if entry.obsolete:
            continue
        report.total += 1
        report.placeholder_problems += placeholder_problems(entry, nplurals)
        if entry.fuzzy:
            report.fuzzy.append(_describe(entry))
        elif _is_translated(entry):
            report.translated += 1
        else:
            report.untranslated.append(_describe(entry))
    return report


def catalogue_paths(locale_dir: Path | None = None) -> list[Path]:
    """Every catalogue: the project's and each app's own, or only those under ``locale_dir``."""
    if locale_dir is not None:
        return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))
    return sorted([*LOCALE.glob("*/LC_MESSAGES/*.po"), *PACKAGE.glob("*/locale/*/LC_MESSAGES/*.po")])


def check_all(locale_dir: Path | None = None) -> list[CatalogueReport]:
    return [check_catalogue(path) for path in catalogue_paths(locale_dir)]


def _label(path: Path) -> str:
    try:
        return str(path.relative_to(PACKAGE.parent))
    except ValueError:
        return str(path)


def _print_list(title: str, items: Iterable[str]) -> None:
    items = list(items)
    if items:
        print(f"  {title} ({len(items)}):")
        for item in items:
            print(f"    - {item}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--locale-dir", type=Path, default=None, help="only the catalogues under this folder")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="also list untranslated entries of languages that may be partial",
    )
    args = parser.parse_args(argv)
    reports = check_all(args.locale_dir)
    if not reports:
        print(f"No catalogues under {args.locale_dir or PACKAGE}")
        return 1
    for report in reports:
        if report.is_source:
            overridden = report.translated
            print(
                f"{_label(report.path)}: source language, msgids are English "
                f"({overridden} of {report.total} given an English msgstr)"
            )
        else:
            print(
                f"{_label(report.path)}: {report.completeness:.1f} % complete "
                f"({report.translated}/{report.total}; {len(report.untranslated)} untranslated, "
                f"{len(report.fuzzy)} fuzzy)"
            )
        _print_list("header problems", report.header_problems)
        _print_list("placeholder mismatches", report.placeholder_problems)
        if report.is_source:
            continue
        if report.must_be_complete or args.verbose:
            _print_list("untranslated", report.untranslated)
        _print_list("fuzzy", report.fuzzy)
    failed = [report for report in reports if report.errors]
    if failed:
        print("FAILED: " + ", ".join(f"{_label(r.path)} ({len(r.errors)} problems)" for r in failed))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
