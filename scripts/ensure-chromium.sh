#!/usr/bin/env bash
# Find Debian's Chromium for the browser tests, installing it when we are allowed to.
# Never downloads a browser build of its own: the tests drive /usr/bin/chromium.
set -uo pipefail
CHROMIUM=${KNUTEPUNKT_CHROMIUM:-/usr/bin/chromium}
[[ -x "$CHROMIUM" ]] && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
fi
if [[ -x "$CHROMIUM" ]]; then exit 0; fi
echo "Chromium not found at $CHROMIUM: browser tests will be skipped (install it with: apt-get install chromium)" >&2
exit 1
