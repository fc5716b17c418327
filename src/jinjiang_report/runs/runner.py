"""Run the theme notebooks: check everything first, reuse cached runs, execute the rest in parallel."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from typing import Callable

from ..errors import NotebookFailed, UsageError
from ..facts.model import Ledger
from ..facts.snapshot import verified_ledger
from ..files import notebook_text, write_atomically
from ..project import Project, package_digest
from ..themes import Theme
from . import cache
from .execute import execute
from .failures import in_edition, watching_cells
from .kernel import KERNEL_NAME
from .kernels import Kernels
from .params import check_parameters, declared_parameters
from .progress import make_progress
from .report import REPORTED_FIELDS, RunReport, key_versions, write_run_report


@dataclass
class RunResult:
    """One notebook run: what it was asked to do and what happened."""

    theme: str
    edition: str
    notebook: str
    parameters: dict[str, object]
    status: str = "pending"  # executed, cached or failed
    seconds: float = 0.0
    kernel: str = KERNEL_NAME
    output: str = ""
    error: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # seconds by phase, when executed
    key: str = field(default="", repr=False)
    failure: NotebookFailed | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """How progress and errors name the run: ``export (zh)``."""
        return f"{self.theme} ({self.edition})"


@dataclass
class Plan:
    """Runs whose parameters and ledgers are checked; ``ledgers`` maps (ledger, source) to the verified ledger."""

    runs: list[RunResult]
    ledgers: dict[tuple[str, str], Ledger]

    def ledger_of(self, run: RunResult) -> Ledger:
        return self.ledgers[_ledger_inputs(run.parameters)]

    def only_ledger(self) -> Ledger:
        """The one ledger every run reads (a book is built from one ledger)."""
        if len(self.ledgers) != 1:
            raise UsageError("the notebooks would read different ledgers; give -p ledger=... for all of them")
        return next(iter(self.ledgers.values()))


def _ledger_inputs(parameters: dict[str, object]) -> tuple[str, str]:
    return str(parameters.get("ledger") or "data/facts.csv"), str(parameters.get("source") or "")


def select_themes(themes: dict[str, Theme], names: list[str] | None) -> list[str]:
    """The themes asked for (all when none), or a UsageError listing the known themes."""
    if not names:
        return list(themes)
    unknown = [n for n in names if n not in themes]
    if unknown:
        raise UsageError(f"unknown theme {unknown[0]!r}; themes are: {', '.join(themes)}")
    return list(dict.fromkeys(names))


def ledger_inputs(given: dict[str, str]) -> tuple[str, str]:
    """The (ledger, source) a run reads when the command line gives ``given`` (the notebooks' defaults)."""
    return _ledger_inputs({"ledger": given.get("ledger"), "source": given.get("source")})


def plan_runs(project: Project, themes: dict[str, Theme], names: list[str] | None,
              given: dict[str, str], editions: list[str],
              verified: dict[tuple[str, str], Ledger] | None = None) -> Plan:
    """Check parameters and verify the ledgers of every run before anything executes.

    names: the themes to run (all when None). given: NAME -> text parameter overrides.
    editions: the language codes each notebook runs in (its ``lang`` parameter).
    verified: ledgers already verified in this command, by (ledger, source) as the parameters give them.
    """
    declared = {}
    selected = select_themes(themes, names)
    for name in selected:
        notebook = project.notebooks / themes[name].notebook
        if not notebook.exists():
            raise UsageError(f"notebook for theme {name!r} not found at {project.display(notebook)}")
        declared[notebook.name] = declared_parameters(notebook)
    runs = []
    for edition in editions:
        values = check_parameters(declared, {**given, "lang": edition})
        runs += [RunResult(name, edition, themes[name].notebook, values[themes[name].notebook])
                 for name in selected]
    ledgers: dict[tuple[str, str], Ledger] = {}
    for run in runs:
        inputs = _ledger_inputs(run.parameters)
        if inputs not in ledgers:
            ledgers[inputs] = (verified or {}).get(inputs) or verified_ledger(project, *inputs, themes)
    return Plan(runs, ledgers)


def execute_plan(project: Project, plan: Plan, *, jobs: int | None = None, force: bool = False,
                 timeout: float | None = None,
                 before_running: Callable[[list[RunResult]], None] | None = None,
                 kernels: Kernels | None = None, into: str = "executed") -> list[RunResult]:
    """Execute (or take from the cache) every run of ``plan``.

    jobs: notebooks executed at once (default: the machine's cores). force: ignore the cache.
    timeout: seconds one cell may run. before_running: called with the runs about to execute,
    once the cache has been consulted (the build starts its book workers then). kernels: how
    kernels start (default: the engine ``JINJIANG_ENGINE`` selects), closed here when the runs
    are done. into: the folder of the build folder the executed notebooks go to, by edition
    (``executed`` is the one the book reads; ``jinjiang-report run`` writes to ``run``, and keeps
    the cache's copies of the build's runs). Returns the runs in order; raises NotebookFailed for
    the first failure after every notebook has finished.
    """
    if kernels is None:
        from ..engines import choose_engine

        kernels = choose_engine(None)[0].kernels
    starter: Kernels = kernels
    runs = plan.runs
    executed_dir, cache_dir, failed_dir = (project.build / into, project.build / "cache",
                                           project.build / "failed")
    code = package_digest(project.lockfile)
    pending = []
    for run in runs:
        notebook = project.notebooks / run.notebook
        run.key = cache.cache_key(notebook, run.theme, run.parameters, plan.ledger_of(run), code)
        output = executed_dir / run.edition / run.notebook
        run.output = project.display(output)
        cached = None if force else cache.load_entry(cache_dir / f"{run.theme}-{run.edition}", run.key)
        if cached is not None:
            write_atomically(output, cached)  # the executed copy always from a verified entry
            run.status = "cached"
        else:
            pending.append(run)

    if before_running is not None:
        before_running(pending)
    progress = make_progress([r.name for r in runs])
    for run in runs:
        if run.status == "cached":
            progress.finish(run.name, "cached", 0.0)

    def work(run: RunResult) -> None:
        progress.start(run.name)
        started = time.perf_counter()
        failed = failed_dir / run.edition / run.notebook
        try:
            notebook = project.notebooks / run.notebook
            nb, run.timings = execute(notebook, run.parameters, executed_dir / run.edition / run.notebook,
                                      failed, project.build, starter, timeout, shown=project.display(notebook))
            run.status = "executed"
            cache.store_entry(cache_dir / f"{run.theme}-{run.edition}", run.key, notebook_text(nb),
                              prune=into == "executed")
            failed.unlink(missing_ok=True)
        except NotebookFailed as exc:
            run.failure = in_edition(exc, run.edition, project.notebooks / run.notebook, failed,
                                     project.display(project.notebooks / run.notebook))
            run.status, run.error = "failed", str(run.failure)
        run.seconds = round(time.perf_counter() - started, 2)
        progress.finish(run.name, run.status, run.seconds)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(pending) or 1))
    starter.prepare(len(pending), workers)
    with progress, closing(starter), watching_cells():
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
    write_run_report(run_report(runs), project.build)
    for run in runs:
        if run.failure is not None:
            raise run.failure
    return runs


def run_report(runs: list[RunResult]) -> RunReport:
    """The run report of ``runs``, as written to the build folder."""
    return RunReport(KERNEL_NAME, dict(key_versions()), [{name: getattr(r, name) for name in REPORTED_FIELDS} for r in runs])
