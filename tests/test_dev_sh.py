"""tools/dev.sh installs the environment only when the lock or pyproject.toml changed since the last
install (or the venv's interpreter is gone), so a command with nothing to install costs what it costs.

The interpreter is a stand-in that logs what it is asked to do (no pip runs, nothing is downloaded)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

FAKE_PYTHON = '''#!/usr/bin/env bash
echo "python $*" >> "$LOG"
case "$1" in
  -c) exec {real} "$@" ;;
  -m) case "$2" in
        venv) folder="${{@: -1}}"; mkdir -p "$folder/bin"; cp "$0" "$folder/bin/python"
              printf '#!/bin/sh\\necho "jinjiang-report $*" >> "$LOG"\\n' > "$folder/bin/jinjiang-report"
              chmod +x "$folder/bin/jinjiang-report" ;;
        pip) [ -z "${{FAIL_PIP:-}}" ] || exit 1 ;;
      esac ;;
esac
'''


@pytest.fixture
def checkout(tmp_path) -> Path:
    for name in ("tools/dev.sh", "tools/git-notebook-filter.sh", "requirements.lock", "pyproject.toml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    fake = tmp_path / "bin" / "python3.11"
    fake.parent.mkdir()
    fake.write_text(FAKE_PYTHON.format(real=sys.executable), encoding="utf-8")
    fake.chmod(0o755)
    return tmp_path


def dev(checkout: Path, **env: str) -> list[str]:
    """Run ``bash tools/dev.sh build`` in ``checkout``; return what the interpreter and the command were asked."""
    log = checkout / "log"
    log.write_text("", encoding="utf-8")
    environment = {**os.environ, "PYTHON": str(checkout / "bin" / "python3.11"), "LOG": str(log), **env}
    environment.pop("VENV", None)
    done = subprocess.run(["bash", "tools/dev.sh", "build"], cwd=checkout, env=environment, capture_output=True,
                          text=True)
    return [f"rc {done.returncode}", *log.read_text(encoding="utf-8").splitlines()]


def installs(calls: list[str]) -> int:
    return sum(call.startswith("python -m pip install") for call in calls)


def test_a_second_command_installs_nothing(checkout):
    first = dev(checkout)
    assert first[0] == "rc 0" and installs(first) == 2 and first[-1] == "jinjiang-report build"
    assert dev(checkout) == ["rc 0", "jinjiang-report build"]  # no interpreter search, no pip


@pytest.mark.parametrize("changed", ["requirements.lock", "pyproject.toml"])
def test_a_changed_lock_or_pyproject_installs_again(checkout, changed):
    dev(checkout)
    with (checkout / changed).open("a", encoding="utf-8") as stream:
        stream.write("\n# changed\n")
    assert installs(dev(checkout)) == 2
    assert installs(dev(checkout)) == 0


def test_a_venv_whose_interpreter_is_gone_is_made_again(checkout):
    dev(checkout)
    (checkout / ".venv" / "bin" / "python").unlink()
    calls = dev(checkout)
    assert any(call.startswith("python -m venv") for call in calls) and installs(calls) == 2


def test_a_failed_install_is_tried_again(checkout):
    failed = dev(checkout, FAIL_PIP="1")
    assert failed[0] != "rc 0" and "jinjiang-report build" not in failed
    assert installs(dev(checkout)) == 2


def test_every_command_refreshes_the_git_filters_copy_of_clean_py(checkout):
    """The filter runs a copy of clean.py in the git folder; after a pull that changed clean.py,
    the next tools/dev.sh command brings the copy up to date."""
    subprocess.run(["git", "init", "-q"], cwd=checkout, check=True)
    clean = checkout / "src" / "jinjiang_report" / "clean.py"
    clean.parent.mkdir(parents=True)
    clean.write_text("# the checkout's clean.py\n", encoding="utf-8")
    copy = checkout / ".git" / "jinjiang-notebook-clean.py"
    copy.write_text("# an older copy\n", encoding="utf-8")
    subprocess.run(["git", "config", "filter.jinjiang-notebook.clean", f"'python3' '{copy}'"], cwd=checkout, check=True)
    assert dev(checkout)[0] == "rc 0"
    assert copy.read_text(encoding="utf-8") == "# the checkout's clean.py\n"
