#!/usr/bin/env bash
# make bench SCALE=small|municipality|national: see bench/run.py. Needs PostgreSQL; the data goes
# into a database of its own (kp_bench_<scale>), never the demo's or the tests'.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-small}
case $scale in small|municipality|national) ;; *) echo "SCALE must be small, municipality or national" >&2; exit 2;; esac
./scripts/ensure-postgres.sh
exec .venv/bin/python bench/run.py "$scale"
