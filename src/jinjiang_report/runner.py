"""Run the theme notebooks: check everything first, reuse cached runs, execute the rest in parallel."""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import cache
from .errors import NotebookFailed, UsageError
from .execute import execute
from .files import notebook_text, write_atomically
from .kernel import KERNEL_NAME
from .ledger import Ledger, load_ledger
from .params import check_parameters, declared_parameters
from .paths import BUILD, NOTEBOOKS, display
from .progress import make_progress
from .themes import THEME_NAMES, THEMES


@dataclass
class RunResult:
    """What happened to one notebook in a run."""

    theme: str
    notebook: str
    parameters: dict
    status: str = "pending"  # executed, cached or failed
    seconds: float = 0.0
    kernel: str = KERNEL_NAME
    output: str = ""
    error: str = ""
    key: str = field(default="", repr=False)
    failure: NotebookFailed | None = field(default=None, repr=False)
    ledger: Ledger | None = field(default=None, repr=False)  # as verified before the run


REPORTED_FIELDS = ("theme", "notebook", "parameters", "status", "seconds", "kernel", "output", "error")


def select_themes(names: list[str] | None) -> list[str]:
    """The themes asked for (all when none), or a UsageError listing the known themes."""
    if not names:
        return list(THEME_NAMES)
    unknown = [n for n in names if n not in THEMES]
    if unknown:
        raise UsageError(f"unknown theme {unknown[0]!r}; themes are: {', '.join(THEME_NAMES)}")
    return list(dict.fromkeys(names))


def plan(themes: list[str], given: dict[str, str], notebooks_dir: Path = NOTEBOOKS) -> list[RunResult]:
    """Check parameters and the ledger for every notebook before anything runs."""
    declared = {}
    for theme in themes:
        notebook = notebooks_dir / THEMES[theme].notebook
        if not notebook.exists():
            raise UsageError(f"notebook for theme {theme!r} not found at {display(notebook)}")
        declared[notebook.name] = declared_parameters(notebook)
    values = check_parameters(declared, given)
    runs = [RunResult(theme, THEMES[theme].notebook, values[THEMES[theme].notebook]) for theme in themes]
    checked = {}
    for run in runs:
        inputs = (run.parameters.get("ledger") or "data/facts.csv", run.parameters.get("source") or None)
        if inputs not in checked:
            checked[inputs] = load_ledger(*inputs)
        run.ledger = checked[inputs]
    return runs


def run_notebooks(themes: list[str] | None = None, given: dict[str, str] | None = None, *,
                  jobs: int | None = None, force: bool = False, timeout: float | None = None,
                  build_dir: Path = BUILD, notebooks_dir: Path = NOTEBOOKS) -> list[RunResult]:
    """Execute (or take from the cache) the notebooks of the given themes.

    themes: theme names, all when None. given: NAME -> text parameter overrides.
    jobs: notebooks executed at once (default: the machine's cores). force: ignore the cache.
    timeout: seconds one cell may run. Returns one RunResult per theme, in order; raises
    NotebookFailed for the first failure after every notebook has finished.
    """
    runs = plan(select_themes(themes), given or {}, notebooks_dir)
    executed_dir, cache_dir, failed_dir = build_dir / "executed", build_dir / "cache", build_dir / "failed"
    code = cache.code_digest()
    pending = []
    for run in runs:
        notebook = notebooks_dir / run.notebook
        run.key = cache.cache_key(notebook, run.theme, run.parameters, code)
        run.output = display(executed_dir / run.notebook)
        cached = cache_dir / run.theme / f"{run.key}.ipynb"
        if cached.exists() and not force:
            write_atomically(executed_dir / run.notebook, cached.read_text(encoding="utf-8"))
            run.status = "cached"
        else:
            pending.append(run)

    progress = make_progress([r.theme for r in runs])
    for run in runs:
        if run.status == "cached":
            progress.finish(run.theme, "cached", 0.0)

    def work(run: RunResult) -> None:
        progress.start(run.theme)
        started = time.perf_counter()
        try:
            nb = execute(notebooks_dir / run.notebook, run.parameters, executed_dir / run.notebook,
                         failed_dir, timeout)
            run.status = "executed"
            cached = cache_dir / run.theme / f"{run.key}.ipynb"
            write_atomically(cached, notebook_text(nb))
            _prune_cache(cached)
            (failed_dir / run.notebook).unlink(missing_ok=True)
        except NotebookFailed as exc:
            run.status, run.error = "failed", str(exc)
            run.failure = exc
        run.seconds = round(time.perf_counter() - started, 2)
        progress.finish(run.theme, run.status, run.seconds)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending) or 1))
    with progress:
        if workers == 1:
            for run in pending:
                work(run)
        else:
            pool = ThreadPoolExecutor(max_workers=workers)
            try:
                list(pool.map(work, pending))
            finally:
                # On Ctrl-C or SIGTERM do not wait for workers blocked on kernels; the CLI stops them.
                pool.shutdown(wait=False, cancel_futures=True)
    write_run_report(runs, build_dir)
    failures = [r for r in runs if r.status == "failed"]
    if failures:
        raise failures[0].failure
    return runs


def _prune_cache(keep: Path) -> None:
    """Keep only the newest cached run of a theme: the cache is a build product, not an archive."""
    for stale in keep.parent.glob("*.ipynb"):
        if stale != keep:
            stale.unlink(missing_ok=True)


def write_run_report(runs: list[RunResult], build_dir: Path = BUILD) -> Path:
    """Record the run (parameters, status, timing, kernel, versions) for the execution report."""
    from .versions import key_versions

    report = {"kernel": KERNEL_NAME, "versions": key_versions(),
              "notebooks": [{name: getattr(r, name) for name in REPORTED_FIELDS} for r in runs]}
    path = build_dir / "run-report.json"
    write_atomically(path, json.dumps(report, indent=1, ensure_ascii=False, default=str) + "\n")
    return path

