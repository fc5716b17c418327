#!/usr/bin/env bash
# Set up the pinned environment in .venv/, then build the book or run the whole test suite.
#   bash tools/dev.sh build   -> publishes the book to site/
#   bash tools/dev.sh test    -> installs Chromium if missing (root only) and axe-core, runs pytest
set -euo pipefail
cd "$(dirname "$0")/.."

command="${1:-}"
case "$command" in
  build|test|setup) ;;
  *) echo "usage: bash tools/dev.sh build|test|setup" >&2; exit 2 ;;
esac

python=""
for candidate in "${PYTHON:-}" python3.11 python3; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
     && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  echo "error: Python 3.11 is required (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .

install_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests ..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: chromium is not installed; browser tests will be skipped (sudo apt-get install chromium)" >&2
  fi
}

install_axe() {
  if command -v npm >/dev/null 2>&1; then
    npm ci --prefix tests/js --no-audit --no-fund --silent
  else
    echo "note: npm is not installed; the accessibility audit will be skipped" >&2
  fi
}

case "$command" in
  setup) ;;
  build) exec .venv/bin/jinjiang-report build ;;
  test)
    install_chromium
    install_axe
    exec .venv/bin/python -m pytest ;;
esac
