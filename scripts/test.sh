#!/usr/bin/env bash
# Install regel with its test tools into a fresh virtual environment and run
# the whole test suite. Works on a clean machine; `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# The review pages are tested in a real headless browser (Debian's chromium).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "chromium kunne ikke installeres; browsertesten springes over"
fi

VENV="${REGEL_TEST_VENV:-.venv-test}"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# A real (non-editable) install: proves the grammar and templates ship as package data.
"$VENV/bin/python" -m pip install -q ".[test]"
cd tests/.. && "$VENV/bin/python" -m pytest "$@"
