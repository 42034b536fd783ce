#!/usr/bin/env bash
# The whole test suite: behave scenarios, then pytest (its summary is the last line).
# Sets up .venv from requirements-dev.txt and makes sure MariaDB answers on 127.0.0.1:3306.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv || exit 1
fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt || exit 1

mariadb_up() {
  .venv/bin/python - <<'PY' 2>/dev/null
import pymysql
pymysql.connect(host="127.0.0.1", port=3306, user="root", password="", connect_timeout=2).close()
PY
}
if ! mariadb_up; then
  if [ -x /usr/sbin/mariadbd ] && command -v start-stop-daemon >/dev/null; then
    echo "MariaDB is not answering; starting it" >&2
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 60); do mariadb_up && break; sleep 0.5; done
  fi
  mariadb_up || echo "MariaDB is still not answering on 127.0.0.1:3306" >&2
fi

# promtool checks deploy/prometheus-alerts.yml: Debian's prometheus package, installed
# only when missing and only where apt may run (root); bounded, so a slow mirror costs
# minutes, not the run. Without it the test skips locally and fails under CI=true.
if ! command -v promtool >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "promtool is missing; installing Debian's prometheus package" >&2
  # Only the tool is wanted: a policy-rc.d (if none is there) keeps the server from starting.
  no_policy=0
  [ -e /usr/sbin/policy-rc.d ] || { no_policy=1; printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  { timeout 180 apt-get update -qq &&
    DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq --no-install-recommends \
      prometheus; } >/dev/null 2>&1 || echo "could not install promtool" >&2
  [ "$no_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi

# Types: mypy, strict over the package ([tool.mypy] in pyproject.toml).
.venv/bin/mypy
mypy_rc=$?
[ "$mypy_rc" -ne 0 ] && echo "mypy failed (exit $mypy_rc); running the tests anyway" >&2

.venv/bin/behave --no-capture --format progress --summary features
behave_rc=$?
[ "$behave_rc" -ne 0 ] && echo "behave failed (exit $behave_rc); running pytest anyway" >&2

# -rs lists each skip with its reason; a skip for a missing tool (MariaDB, mariadbd,
# promtool) means that part of the suite did not run. Decided: that is a failure unless
# ALLOW_SKIPS=1 says so knowingly (CI=true already fails such tests one by one).
report=$(mktemp)
.venv/bin/python -m pytest -q -rs -p no:cacheprovider | tee "$report"
pytest_rc=${PIPESTATUS[0]}
count() { sed -n 's/^SKIPPED \[\([0-9]*\)\].*/\1/p' | awk '{n += $1} END {print n + 0}'; }
skipped=$(grep '^SKIPPED' "$report" | count)
missing=$(grep '^SKIPPED' "$report" | grep -iE 'mariadb|not reachable|not installed|promtool' | count)
rm -f "$report"
if [ "$missing" -gt 0 ]; then
  {
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!! $missing of $skipped skipped tests did not run for a missing tool (see SKIPPED above)."
    echo "!! The suite is NOT green. Start MariaDB (or set ALLOW_SKIPS=1 knowingly)."
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  } >&2
  [ "${ALLOW_SKIPS:-0}" = 1 ] || pytest_rc=1
fi
[ "$mypy_rc" -eq 0 ] && [ "$behave_rc" -eq 0 ] && [ "$pytest_rc" -eq 0 ]
