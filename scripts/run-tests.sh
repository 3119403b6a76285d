#!/usr/bin/env bash
# Run the whole suite on SQLite, then on PostgreSQL when one is reachable.
# KNUTEPUNKT_REQUIRE_POSTGRES=1 (set by .ci/run) turns "not reachable" into an error, and
# KNUTEPUNKT_REQUIRE_BROWSER=1 does the same for Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export KNUTEPUNKT_ENVIRONMENT=test
workers=${KNUTEPUNKT_TEST_WORKERS:-2}

./scripts/ensure-test-tools.sh || true

echo "== tests on SQLite"
DATABASE_URL= .venv/bin/pytest -n "$workers" -p no:cacheprovider "$@"

pg_url=${DATABASE_URL:-}
if [[ "$pg_url" != postgres* ]]; then
  pg_url=postgres://postgres@127.0.0.1:5432/knutepunkt
fi
if $PY scripts/pg_reachable.py "$pg_url"; then
  echo "== tests on PostgreSQL"
  DATABASE_URL=$pg_url .venv/bin/pytest -n "$workers" -p no:cacheprovider "$@"
elif [[ "${KNUTEPUNKT_REQUIRE_POSTGRES:-0}" == 1 ]]; then
  echo "PostgreSQL is required here but not reachable at $pg_url" >&2
  exit 1
else
  echo "== PostgreSQL not reachable at $pg_url: the PostgreSQL run is SKIPPED (set DATABASE_URL to run it)"
fi
