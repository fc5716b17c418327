#!/usr/bin/env bash
# Configure the git repository this is run in to store notebooks clean (.gitattributes names the
# filter). `bash tools/dev.sh setup` runs it with the Python it chose; usage: bash tools/git-notebook-filter.sh PYTHON
#
# clean: git stores each notebook through src/jinjiang_report/clean.py (outputs, counts and run
#   metadata dropped), copied into the git folder and run as a script on the interpreter the
#   environment was made from. It needs only the standard library, so git keeps working while
#   .venv/ is missing or being rebuilt (and in other worktrees, which share this configuration);
#   and being a copy, it does not change when an older commit is checked out (an older clean.py,
#   run as the filter, could store a notebook empty). tools/dev.sh refreshes the copy whenever the
#   checkout's clean.py differs from it.
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
script="$(cd "$(git rev-parse --git-common-dir)" && pwd)/jinjiang-notebook-clean.py"
cp src/jinjiang_report/clean.py "$script.tmp" && mv "$script.tmp" "$script"
git config filter.jinjiang-notebook.clean "'$python' '$script'"
git config filter.jinjiang-notebook.smudge cat
git config filter.jinjiang-notebook.required true
