"""README.md's settings table names every environment variable settings.py reads."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_every_setting_read_from_the_environment_is_documented() -> None:
    settings_source = (ROOT / "knutepunkt" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', settings_source))
    assert len(names) > 20, "the pattern should find the settings"
    readme = (ROOT / "README.md").read_text()
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert missing == []
