#!/usr/bin/env bash
# Configure the git repository this is run in to store notebooks clean (.gitattributes names the
# filter). `bash tools/dev.sh setup` runs it with the Python it chose; usage: bash tools/git-notebook-filter.sh PYTHON
#
# clean: git stores each notebook through `python -m jinjiang_report.clean` (outputs, counts and run
#   metadata dropped). That module needs only the standard library, and runs on the interpreter the
#   environment was made from, read from this worktree's src/, so git keeps working while .venv/ is
#   missing or being rebuilt (and in other worktrees, which share this configuration).
# smudge: `cat`. What git stores is already the form JupyterLab reads, so checking out is a copy.
#   A required filter must have both: without a smudge command every git command that writes a
#   notebook (checkout, restore, stash, reset, switch) fails and leaves it deleted.
# required: a notebook never enters git unfiltered; if the clean command cannot run, `git add`
#   stops with an error instead of storing outputs.
set -euo pipefail
# The interpreter itself, not a venv's or a version manager's shim, which may come and go.
if [ $# -ne 1 ] || ! python="$("$1" -c 'import sys; print(getattr(sys, "_base_executable", sys.executable))')"; then
  echo "usage: bash tools/git-notebook-filter.sh PYTHON (a Python 3.11 to 3.13 on the PATH or a path)" >&2
  exit 2
fi
git rev-parse --git-dir >/dev/null
git config filter.jinjiang-notebook.clean "PYTHONPATH=src '$python' -m jinjiang_report.clean"
git config filter.jinjiang-notebook.smudge cat
git config filter.jinjiang-notebook.required true
