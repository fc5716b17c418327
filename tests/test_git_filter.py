"""The git filter `tools/dev.sh setup` configures: notebooks stored clean, and every git command that
writes a notebook leaves it in place with the right content.

Each test makes a repository under tmp_path with the project's .gitattributes, the clean module
and the notebooks, and configures the filter with the very script setup runs, on the interpreter
the environment was made from (no .venv/ in the repository: the filter must not need one).
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from jinjiang_report.clean import clean_text
from jupyterlab_save import saved_after_run_all

pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]

NOTEBOOK = "notebooks/export.ipynb"
CLEAN = "src/jinjiang_report/clean.py"  # what the setup script copies into the git folder


class Repo:
    def __init__(self, root: Path):
        self.root = root

    def git(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=cwd or self.root, capture_output=True, text=True)

    def ok(self, *args: str, cwd: Path | None = None) -> str:
        done = self.git(*args, cwd=cwd)
        assert done.returncode == 0, f"git {' '.join(args)}: rc {done.returncode}: {done.stderr}"
        return done.stdout

    @property
    def notebook(self) -> Path:
        return self.root / NOTEBOOK

    def text(self) -> str:
        return self.notebook.read_text(encoding="utf-8")


def edited(text: str, words: str) -> str:
    """The stored notebook with ``words`` appended to its first cell, as JupyterLab saves an edit."""
    nb = json.loads(text)
    nb["cells"][0]["source"][-1] += words
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


@pytest.fixture
def repo(tmp_path) -> Repo:
    """Two commits (the notebook as stored, then with an edit), the filter set up by the setup script,
    and the working copy saved by JupyterLab after Run All."""
    repo = Repo(tmp_path)
    (tmp_path / CLEAN).parent.mkdir(parents=True)
    shutil.copy(ROOT / CLEAN, tmp_path / CLEAN)
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "git-notebook-filter.sh", tmp_path / "tools")
    shutil.copy(ROOT / ".gitattributes", tmp_path)
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / NOTEBOOK, repo.notebook)
    repo.ok("init", "-q")
    repo.ok("config", "user.email", "analyst@example.org")
    repo.ok("config", "user.name", "analyst")
    setup = subprocess.run(["bash", "tools/git-notebook-filter.sh", getattr(sys, "_base_executable", sys.executable)],
                           cwd=tmp_path, capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    repo.ok("add", ".")
    repo.ok("commit", "-qm", "stored")
    repo.notebook.write_text(edited(repo.text(), " Edited."), encoding="utf-8")
    repo.ok("commit", "-qam", "edited")
    repo.stored = repo.text()
    repo.notebook.write_text(saved_after_run_all(repo.stored), encoding="utf-8")
    return repo


def test_a_notebook_saved_after_run_all_is_unchanged_for_git(repo):
    assert repo.ok("diff") == ""  # not even the kernel's language_info
    # git status lists a file whose size changed before it compares contents; adding it stores
    # nothing new and leaves nothing to commit
    repo.ok("add", NOTEBOOK)
    assert repo.ok("status", "--porcelain") == ""


def test_committing_stores_the_clean_form(repo):
    repo.notebook.write_text(saved_after_run_all(edited(repo.stored, " Again.")), encoding="utf-8")
    repo.ok("commit", "-qam", "again")
    assert repo.ok("show", f"HEAD:{NOTEBOOK}") == edited(repo.stored, " Again.")


@pytest.mark.parametrize("command", [["checkout", "--", NOTEBOOK], ["restore", NOTEBOOK], ["reset", "--hard"],
                                     ["checkout", "--", "export.ipynb"]])
def test_discarding_the_working_copy_puts_back_the_stored_notebook(repo, command):
    repo.notebook.write_text(saved_after_run_all(edited(repo.stored, " Unwanted.")), encoding="utf-8")
    cwd = repo.root / "notebooks" if command[-1] == "export.ipynb" else None  # run from a subfolder too
    repo.ok(*command, cwd=cwd)
    assert repo.text() == repo.stored


def test_stash_and_pop_keep_the_edit(repo):
    saved = saved_after_run_all(edited(repo.stored, " Work in progress."))
    repo.notebook.write_text(saved, encoding="utf-8")
    repo.ok("stash")
    assert repo.text() == repo.stored
    repo.ok("stash", "pop")
    assert repo.text() == clean_text(saved)  # the edit is back; the outputs were never stored


def test_switching_to_a_commit_where_the_notebook_differs_and_back(repo):
    saved, head = repo.text(), repo.ok("rev-parse", "HEAD")
    # a notebook only run and saved differs in size from what git stores, and git refuses to switch
    # over a file of another size before it compares contents: nothing is touched
    assert repo.git("checkout", "-q", "HEAD~1").returncode != 0
    assert repo.text() == saved and repo.ok("rev-parse", "HEAD") == head
    repo.ok("add", NOTEBOOK)  # stores nothing new, and git then knows the file
    first = repo.ok("show", f"HEAD~1:{NOTEBOOK}")
    repo.ok("checkout", "-q", "HEAD~1")
    assert repo.text() == first
    repo.ok("checkout", "-q", "-")
    assert repo.text() == repo.stored
    assert repo.ok("status", "--porcelain") == ""  # the tree fully switched back


def test_an_older_commits_code_never_cleans_the_notebooks(repo):
    """The filter runs its own copy of clean.py: checking out a commit whose clean.py differs (here, one
    that would print nothing) changes nothing for git, and committing there still stores notebooks whole."""
    (repo.root / CLEAN).write_text('"""An older clean module, without a filter."""\n', encoding="utf-8")
    repo.ok("add", NOTEBOOK, CLEAN)
    repo.ok("commit", "-qm", "older code")
    repo.notebook.write_text(saved_after_run_all(edited(repo.stored, " There.")), encoding="utf-8")
    repo.ok("commit", "-qam", "an edit made there")
    assert repo.ok("show", f"HEAD:{NOTEBOOK}") == edited(repo.stored, " There.")


def test_the_filter_is_the_clean_module_run_alone_on_the_standard_library():
    stored = (ROOT / NOTEBOOK).read_text(encoding="utf-8")
    done = subprocess.run([getattr(sys, "_base_executable", sys.executable), "-S", "-I", str(ROOT / CLEAN)],
                          input=saved_after_run_all(stored), capture_output=True, text=True, cwd="/")
    assert done.returncode == 0, done.stderr
    assert done.stdout == stored
