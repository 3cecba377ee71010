#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null

# Test dependencies, installed only when missing: Debian's Chromium renders the HTML report in the
# browser tests, Python's jsonschema validates SARIF against the official schema. Without them
# those tests skip with a printed reason.
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "installing: chromium"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
if ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
  echo "installing: python jsonschema"
  python3 -m pip install --quiet jsonschema >/dev/null 2>&1 \
    || python3 -m pip install --quiet --user --break-system-packages jsonschema >/dev/null 2>&1 \
    || { command -v apt-get >/dev/null 2>&1 && $sudo apt-get update -qq \
         && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-jsonschema >/dev/null; } \
    || echo "could not install jsonschema: SARIF schema tests will skip"
fi

# SSH collection end-to-end tests (Tests/AuditSSHTests) start real OpenSSH sshd and dropbear on
# 127.0.0.1 high ports with a fake router CLI. They log in as a dedicated local account with a
# password the tests know (documented in docs/ssh.md); it is created only when missing and only as
# root. Without the servers or the account those tests skip with a printed reason.
ssh_packages=()
[ -x /usr/sbin/sshd ] || ssh_packages+=(openssh-server)
[ -x /usr/sbin/dropbear ] || ssh_packages+=(dropbear-bin)
# The device simulator's tests (Tests/DeviceSimulatorTests) also log in with the OpenSSH client.
[ -x /usr/bin/ssh ] || ssh_packages+=(openssh-client)
if [ ${#ssh_packages[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing: ${ssh_packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${ssh_packages[@]}" >/dev/null \
    || echo "could not install ${ssh_packages[*]}: SSH end-to-end tests will skip"
fi
if [ "$(id -u)" -eq 0 ] && ! id ra-ssh-test >/dev/null 2>&1; then
  echo "creating test account: ra-ssh-test"
  useradd -m -s /bin/sh ra-ssh-test && echo 'ra-ssh-test:RA-ssh-test-2718' | chpasswd
fi
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd

# Fleet tests against a real PostgreSQL store (Tests/AuditFleetTests/PostgresStoreTests): a
# throw-away server on 127.0.0.1:55432 (installed when missing). Without it those tests skip.
if [ -z "${ROUTERAUDIT_TEST_POSTGRES:-}" ]; then
  if dsn="$(scripts/start-test-postgres.sh 2>/dev/null | tail -1)" && [ -n "$dsn" ]; then
    export ROUTERAUDIT_TEST_POSTGRES="$dsn"
  else
    echo "could not start PostgreSQL: the PostgreSQL fleet tests will skip"
  fi
fi

swift test "$@"
