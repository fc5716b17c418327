"""Build the staged book with Jupyter Book 1, warnings as errors; reuse the last HTML when nothing changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

from ..errors import BookBuildFailed
from ..files import tree_digest, write_atomically
from ..project import display


def jupyter_book_command() -> list[str]:
    script = Path(sys.executable).with_name("jupyter-book")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]


def build_html(stage: Path, config: Path, output: Path, code: str,
               place: Callable[[str], str] = str.strip) -> Path:
    """Run Jupyter Book 1 on ``stage`` with ``config`` into ``output``; return the HTML folder.

    code: a digest of the package's code (its Sphinx extension shapes every page).
    place: rewrites a warning line so it names the source the analyst edits (``publish.locate``).
    When the staged sources, the configuration and the code are exactly those of the last
    successful build, its HTML is reused and Jupyter Book is not started. When only the
    sources changed, Sphinx rebuilds the pages that changed; when the code changed, all of
    them (Sphinx cannot see a change in an extension's code).
    """
    html = output / "_build" / "html"
    digest = tree_digest(stage, config) + code
    marker, code_marker = output / "sources.sha256", output / "code.sha256"
    if html.is_dir() and marker.exists() and marker.read_text() == digest:
        return html
    rebuild_all = not code_marker.exists() or code_marker.read_text() != code
    command = [*jupyter_book_command(), "build", str(stage), "--config", str(config),
               "--toc", str((stage / "_toc.yml").resolve()), "--path-output", str(output),
               "--builder", "html", "-W", "-n", "--keep-going", "--quiet", *(["--all"] if rebuild_all else [])]
    env = {**os.environ, "PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "1760572800"}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        log = output.parent / "jupyter-book.log"
        write_atomically(log, result.stdout + result.stderr)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
        problems = [line for line in plain.splitlines()
                    if re.search(r"WARNING|ERROR|Error:|error:", line) and "Traceback" not in line]
        first = place(problems[0]) if problems else f"exit code {result.returncode}"
        raise BookBuildFailed(f"Jupyter Book failed: {first} (full log: {display(log)}; "
                              "the published site was not touched)")
    write_atomically(marker, digest)
    write_atomically(code_marker, code)
    return html
