#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the fleet tests on 127.0.0.1 only (port 55432 unless
# RA_PG_PORT is set), with its data in a temporary folder, and prints its URL on the last line.
# Safe to run again: a server already running there is reused. PostgreSQL refuses to run as
# root, so as root the server runs as the `postgres` user (created by Debian's package).
#   export ROUTERAUDIT_TEST_POSTGRES="$(scripts/start-test-postgres.sh | tail -1)"
set -euo pipefail
port="${RA_PG_PORT:-55432}"
data="${RA_PG_DIR:-/tmp/routeraudit-test-pg-$port}"

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "installing: postgresql" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  bindir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# As root, everything runs as `postgres`; otherwise as the current user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
    chmod 700 "$data"
    # trust on a loopback-only, throw-away test server: no password to keep anywhere.
    as_owner "$bindir/initdb" -D "$data" -U postgres -A trust --no-sync >/dev/null
  fi
  as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off" start >/dev/null
fi
as_owner "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'routeraudit_test'" | grep -q 1 \
  || as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres routeraudit_test
echo "postgres://postgres@127.0.0.1:$port/routeraudit_test"
