"""Compile the .po catalogues to .mo with polib, so no GNU gettext is needed to install."""

from __future__ import annotations

from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent / "knutepunkt"


def catalogue_paths() -> list[Path]:
    """The project's catalogue (knutepunkt/locale) and each app's own (knutepunkt/<app>/locale)."""
    return sorted([*PACKAGE.glob("locale/*/LC_MESSAGES/*.po"), *PACKAGE.glob("*/locale/*/LC_MESSAGES/*.po")])


def main() -> None:
    for po_path in catalogue_paths():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


if __name__ == "__main__":
    main()
