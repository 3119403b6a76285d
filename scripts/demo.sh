#!/usr/bin/env bash
# Build (or refresh) the demo database under var/ and serve the site with a task worker.
# Safe to re-run: migrations are idempotent and the demo data is loaded only once.
set -euo pipefail
cd "$(dirname "$0")/.."
export KNUTEPUNKT_ENVIRONMENT=demo
PY=.venv/bin/python
mkdir -p var
$PY manage.py migrate --noinput -v 0
$PY manage.py load_demo
$PY manage.py demo_logins
# The task worker runs reminders, e-mail and PDFs beside the web server; both stop together.
$PY manage.py db_worker --interval 2 >var/worker.log 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM
echo
echo "Knutepunkt demo: http://127.0.0.1:8000/   (task worker log: var/worker.log; Ctrl+C stops both)"
$PY manage.py runserver 127.0.0.1:8000 --noreload
