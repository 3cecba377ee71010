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

swift test "$@"
