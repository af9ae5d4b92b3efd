#!/usr/bin/env bash
# Install regel with its test tools into a fresh virtual environment and run
# the whole test suite. Works on a clean machine; `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages some tests need, installed from Debian when missing (as root, or with a
# password-less sudo): chromium for the review pages in a real headless browser; postgresql for
# the SQL target against a real server (tests/pg_server.py starts a throwaway cluster on a free
# port and stops it after); a Java runtime (17 or newer) for pyspark's local Spark.
have_java17() {
  command -v java >/dev/null 2>&1 || return 1
  local v
  v=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  [ -n "$v" ] && [ "$v" -ge 17 ]
}
have_postgres() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
have_postgres || missing+=(postgresql)
have_java17 || missing+=(default-jre-headless)  # Debian 12: OpenJDK 17
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO="no"; fi
  fi
  if [ "$SUDO" = no ]; then
    echo "mangler ${missing[*]} og kan ikke installere dem (hverken root eller sudo); de test springes over"
  else
    $SUDO apt-get update -qq || true
    for pkg in "${missing[@]}"; do
      # One package at a time: one that cannot be had does not stop the others.
      # (Debian's postgresql package would create and start a cluster of its own on port 5432;
      # create_main_cluster = false stops that: the tests make their own.)
      if [ "$pkg" = postgresql ]; then
        $SUDO mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/regel-test.conf >/dev/null
      fi
      opts=()
      [ "$pkg" = chromium ] || opts=(--no-install-recommends)
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${opts[@]}" "$pkg" >/dev/null \
        || echo "$pkg kunne ikke installeres; testene, der bruger den, springes over"
    done
  fi
fi

# What is here now must work: a PostgreSQL or Spark that does not start is then a failure, not a skip.
require=()
have_postgres && require+=(postgres)
have_java17 && require+=(spark)
REGEL_TEST_REQUIRE=$(IFS=,; echo "${require[*]:-}")
export REGEL_TEST_REQUIRE

VENV="${REGEL_TEST_VENV:-.venv-test}"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
# A real (non-editable) install: proves the grammar and templates ship as package data.
"$VENV/bin/python" -m pip install -q ".[test]"
cd tests/.. && "$VENV/bin/python" -m pytest "$@"
