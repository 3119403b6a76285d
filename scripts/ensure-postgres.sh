#!/usr/bin/env bash
# Make the local PostgreSQL answer on 127.0.0.1:5432: start an installed but stopped cluster,
# or install one from Debian's packages when there is none and we are root.
set -euo pipefail
ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
if command -v pg_isready >/dev/null && ready; then exit 0; fi
if ! command -v pg_lsclusters >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL from Debian's packages..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # Debian's default asks for a password over TCP; the tests connect as postgres without one.
    conf=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1)
    sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' "$conf"
  else
    echo "PostgreSQL is not installed and cannot be installed here" >&2
    exit 1
  fi
fi
version=$(ls /etc/postgresql | sort -V | tail -n1)
echo "Starting PostgreSQL $version..."
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
# A cluster that was already running must re-read pg_hba.conf after an install above.
pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
echo "PostgreSQL did not come up on 127.0.0.1:5432" >&2
exit 1
