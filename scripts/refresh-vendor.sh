#!/usr/bin/env bash
# Refresh the vendored front-end files from the npm registry. The built files are committed
# (so neither `make demo` nor CI needs npm); run this when a version below changes.
set -euo pipefail
cd "$(dirname "$0")/.."

DS_CSS_VERSION=1.22.0
DS_THEME_VERSION=1.11.0
HTMX_VERSION=2.0.11
AXE_VERSION=4.14.1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent \
  "@digdir/designsystemet-css@$DS_CSS_VERSION" \
  "@digdir/designsystemet-theme@$DS_THEME_VERSION" \
  "htmx.org@$HTMX_VERSION" \
  "axe-core@$AXE_VERSION" >/dev/null)
unpack() { mkdir -p "$work/$1" && tar xzf "$work/$2" -C "$work/$1" --strip-components=1; }
unpack ds-css "digdir-designsystemet-css-$DS_CSS_VERSION.tgz"
unpack ds-theme "digdir-designsystemet-theme-$DS_THEME_VERSION.tgz"
unpack htmx "htmx.org-$HTMX_VERSION.tgz"
unpack axe "axe-core-$AXE_VERSION.tgz"

ds=knutepunkt/static/vendor/designsystemet
mkdir -p "$ds" knutepunkt/static/vendor/htmx e2e/vendor
cp "$work/ds-css/dist/src/index.css" "$ds/designsystemet.css"
cp "$work/ds-css/LICENSE" "$ds/LICENSE-designsystemet-css"
cp "$work/ds-theme/brand/digdir.css" "$ds/theme-digdir.css"
cp "$work/ds-theme/LICENSE" "$ds/LICENSE-designsystemet-theme"
cp "$work/htmx/dist/htmx.min.js" knutepunkt/static/vendor/htmx/htmx.min.js
cp "$work/htmx/LICENSE" knutepunkt/static/vendor/htmx/LICENSE
cp "$work/axe/axe.min.js" e2e/vendor/axe.min.js
cp "$work/axe/LICENSE" e2e/vendor/LICENSE-axe-core
cat > knutepunkt/static/vendor/VERSIONS <<VERSIONS
@digdir/designsystemet-css $DS_CSS_VERSION (MIT)
@digdir/designsystemet-theme $DS_THEME_VERSION (MIT)
htmx.org $HTMX_VERSION (0BSD)
axe-core $AXE_VERSION (MPL-2.0, e2e/vendor; used by the browser tests only)
VERSIONS
echo "vendored files refreshed"
