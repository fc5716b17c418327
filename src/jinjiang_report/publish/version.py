"""Which version of the project a site was built from: the commit, its date, and whether the working
tree had changes (from git when the site is published; "not a git checkout" outside one).

The date is the commit's, not the build's: the same commit and the same state of the working tree
give the same words, so the same inputs still give the same bytes. The words are written into every
page when the site is published (``fill``), so a new commit changes no page Sphinx has to rebuild.
"""

from __future__ import annotations

import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from ..chapters.html import escape

START, END = "<!--jinjiang-version-->", "<!--/jinjiang-version-->"
PLACEHOLDER = START + END


@dataclass(frozen=True)
class Version:
    """commit: the full hash ("" outside a git checkout); date: the commit's date (ISO, UTC);
    changed: whether tracked or untracked (not ignored) files differed from the commit."""

    commit: str = ""
    date: str = ""
    changed: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> Version:
        if not isinstance(data, dict):
            return cls()
        return cls(str(data.get("commit", "")), str(data.get("date", "")), bool(data.get("changed", False)))

    def words(self, lang: str) -> str:
        """The version in an edition's language, as one line of plain text."""
        if not self.commit:
            return "构建自：非 git 检出" if lang == "zh" else "Built from: not a git checkout"
        day = self.date[:10]
        if lang == "zh":
            state = "，工作区有未提交的修改" if self.changed else ""
            return f"构建自提交 {self.commit[:12]}（{day}）{state}"
        state = ", with uncommitted changes in the working tree" if self.changed else ""
        return f"Built from commit {self.commit[:12]} ({day}){state}"

    def html(self, lang: str) -> str:
        title = f' title="{escape(self.commit)}"' if self.commit else ""
        return f'<span class="build-version-text"{title}>{escape(self.words(lang))}</span>'


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def read_version(root: Path) -> Version:
    """The version of the checkout at ``root`` (``Version()`` when it is not a git checkout, or git
    cannot read it)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None or Path(top.strip()).resolve() != root.resolve():
        return Version()
    head = _git(root, "log", "-1", "--format=%H %cI")
    status = _git(root, "status", "--porcelain", "--untracked-files=normal")
    if not head or status is None:
        return Version()
    commit, date = head.split()
    day = date  # %cI is the committer's local time with its offset; the day printed is that local day
    return Version(commit, day, bool(status.strip()))
