#!/usr/bin/env bash
# Install everything the tests need from the project's own files, then run the tests.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

export DASHBOARD_DATA_DIR="${DASHBOARD_DATA_DIR:-$(cd .. && pwd)/shared/data/cbs}"

# System packages for the browser tests, static chart images (kaleido), PDF checks and the
# PostgreSQL back end of the scenario store. Installed only where missing; needs root or sudo.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "== installeren met apt: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "== installeren met pip: requirements-dev.txt"
python3 -m pip install -q --disable-pip-version-check -r requirements-dev.txt

# axe-core for the accessibility checks (npm registry), pinned in package.json.
if [ -f package.json ] && command -v npm >/dev/null 2>&1; then
  npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || npm install --silent --no-audit --no-fund >/dev/null
fi

echo "== tests (gegevensmap: $DASHBOARD_DATA_DIR)"
# One worker per core (pytest-xdist); a test file stays on one worker, so its module fixtures
# (a browser, a report, a server) are built once; the workers take the long files first
# (tests/conftest.py, pytest_xdist_make_scheduler). Pass -n 0 to run in one process.
python3 -m pytest -n auto --dist loadfile --durations=20 "$@"
