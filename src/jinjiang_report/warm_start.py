"""Whether a build will have work to do, guessed before anything is checked, from file times alone.

A build that runs notebooks needs a Jupyter Book process and a kernel template, each with about
a second of imports, and learns that it needs them only once lint, the ledger and the cache keys
say so. When the files a build reads have changed since the last build finished (their paths,
sizes and times, and the command's arguments), the build starts both at once, so those imports
overlap its checks. A wrong guess costs only time: processes started and then not needed are
stopped; processes needed and not started early start when the plan asks for them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .files import file_stats, write_atomically
from .project import PACKAGE_DIR, Project, is_package_file


def inputs_fingerprint(project: Project, options: dict[str, object], parameters: dict[str, str]) -> str:
    """The paths, sizes and times of what a build reads, its options and parameters, as one digest.

    options: the command's options that change what it builds (where it publishes; not how many
    notebooks it runs at once). parameters: the notebook parameters given; one naming an
    existing file brings in the files beside it (a ledger is read with the tables next to it),
    not the folders below them, which could be anything.
    """
    folders = [project.notebooks, project.data, project.book]
    stats: dict[str, object] = {str(folder): file_stats(folder) for folder in folders if folder.is_dir()}
    stats["package"] = _package_files()
    files = [project.config, project.lockfile]
    for named in filter(None, (_file_named(project, value) for value in parameters.values())):
        try:
            files += sorted(entry for entry in named.parent.iterdir() if entry.is_file())
        except OSError:  # a folder that cannot be listed: the file alone
            files.append(named)
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        stats[str(path)] = [stat.st_size, stat.st_mtime_ns]
    return hashlib.sha256(json.dumps([options, parameters, stats], sort_keys=True, default=str).encode()).hexdigest()


def _package_files() -> dict[str, tuple[int, int, int]]:
    """The package's code and the files it publishes (stylesheets, scripts), not the bytecode a build
    may write beside them."""
    return {name: stat for name, stat in file_stats(PACKAGE_DIR).items() if is_package_file(Path(name))}


def _file_named(project: Project, value: str) -> Path | None:
    """The existing file a parameter's value names, if it names one. Only a guess: the parameters
    are checked later, so a value no path can be (too long, a NUL in it) is simply not one."""
    try:
        path = project.resolve(value)
        return path if value and path.is_file() else None
    except (OSError, ValueError):
        return None


def changed_since_last_build(project: Project, fingerprint: str) -> bool:
    """Whether ``fingerprint`` differs from the one the last finished build recorded (or cannot be
    compared with it)."""
    try:
        return _record(project).read_text(encoding="utf-8") != fingerprint
    except (OSError, ValueError):
        return True


def record_finished_build(project: Project, fingerprint: str) -> None:
    """Remember the inputs a build that has just finished started from."""
    write_atomically(_record(project), fingerprint)


def _record(project: Project) -> Path:
    return project.build / "inputs.sha256"


def kept_search_dictionaries(build: Path) -> list[Path]:
    """The editions' search dictionaries an earlier build left in the build folder ``build``
    (``gather``), for the Jupyter Book process to read ahead; a build that changes one reads its own."""
    from .publish.search_dictionary import DICTIONARY_NAME

    return sorted((build / "editions").glob(f"*/{DICTIONARY_NAME}"))
