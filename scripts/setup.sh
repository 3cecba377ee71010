#!/usr/bin/env bash
# Installs what a fresh Debian machine with the Swift toolchain lacks, then builds RouterAudit in
# release mode. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages RouterAudit links against (libxcrypt for crypt_rn, OpenSSL libcrypto, libssh for SSH
# collection) or its scripts use.
packages=(libcrypt-dev libssl-dev libssh-dev python3)
# Fleet sweeps: SQLite history (through GRDB), the PostgreSQL store (libpq), compressed configs (zlib).
packages+=(libsqlite3-dev libpq-dev zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

swift build -c release --product routeraudit
