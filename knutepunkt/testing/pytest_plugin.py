"""Loaded with ``-p`` before pytest-django reads the settings, so a bare ``pytest`` runs as
the test environment without anyone having to export a variable first."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("KNUTEPUNKT_ENVIRONMENT", "test")
# A temporary var/ per run (uploads, outbox), so tests never touch the demo's files.
if "KNUTEPUNKT_VAR_DIR" not in os.environ:
    _var_dir = tempfile.mkdtemp(prefix="knutepunkt-test-")
    os.environ["KNUTEPUNKT_VAR_DIR"] = _var_dir
    atexit.register(shutil.rmtree, _var_dir, ignore_errors=True)
