#!/usr/bin/env bash
# Print one interpreter per supported Python version (3.13, 3.12, 3.11) found on this machine:
# on PATH first, then pyenv's versions. .ci/run runs the fast tier on each.
set -euo pipefail
for minor in 13 12 11; do
  for candidate in "python3.$minor" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3."$minor".*/bin/python; do
    if command -v "$candidate" >/dev/null 2>&1 \
       && "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != (3, $minor))" 2>/dev/null; then
      command -v "$candidate"; break
    fi
  done
done
