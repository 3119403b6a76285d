#!/usr/bin/env bash
# Find the Debian tools some tests drive — Chromium for the browser journeys, pdftotext
# (poppler-utils) for reading generated PDFs — installing them when we are allowed to.
# Never downloads a browser build of its own: the tests drive /usr/bin/chromium.
set -uo pipefail
CHROMIUM=${KNUTEPUNKT_CHROMIUM:-/usr/bin/chromium}
missing=()
[[ -x "$CHROMIUM" ]] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
[[ ${#missing[@]} == 0 ]] && exit 0
echo "Installing Debian packages for the tests: ${missing[*]}..."
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) || true
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) || true
fi
status=0
if [[ ! -x "$CHROMIUM" ]]; then
  echo "Chromium not found at $CHROMIUM: browser tests will be skipped (apt-get install chromium)" >&2
  status=1
fi
if ! command -v pdftotext >/dev/null; then
  echo "pdftotext not found: PDF text tests will be skipped (apt-get install poppler-utils)" >&2
  status=1
fi
exit $status
