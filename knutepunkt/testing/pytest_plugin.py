"""Loaded with ``-p`` before pytest-django reads the settings, so a bare ``pytest`` runs as
the test environment without anyone having to export a variable first."""

import os

os.environ.setdefault("KNUTEPUNKT_ENVIRONMENT", "test")
# A temporary private-files directory per run, so tests never touch var/.
if "KNUTEPUNKT_VAR_DIR" not in os.environ:
    import tempfile

    os.environ["KNUTEPUNKT_VAR_DIR"] = tempfile.mkdtemp(prefix="knutepunkt-test-")
