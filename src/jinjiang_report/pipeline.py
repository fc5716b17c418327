"""The build as a Python call: ``build(project, BuildOptions(...)) -> BuildResult``.

Lint, verify, run the notebooks, gather and build both editions, publish; the command line, the
tests and the benchmark all call it. The engine (``engines.py``) decides how kernels start and how
an edition is built; nothing else here depends on it.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .engines import Engine, choose_engine
from .errors import UsageError
from .files import write_atomically
from .project import Project, package_digest
from .stopwatch import Stopwatch
from .themes import Theme, load_themes

if TYPE_CHECKING:
    from .facts.model import Ledger
    from .runs.report import RunReport
    from .runs.runner import RunResult


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked. out: where the site is published (made absolute here). parameters:
    notebook parameter overrides, NAME -> text. jobs: notebooks run at once (default: the cores).
    force: ignore the cache. timeout: seconds a cell may run. engine: ``plain`` or ``fast``
    (default: ``JINJIANG_ENGINE``, else fast where it can run). since: what the "What changed" page
    compares with, a git ref or an earlier site's manifest (default: the site this build replaces)."""

    out: Path
    parameters: dict[str, str] = field(default_factory=dict)
    jobs: int | None = None
    force: bool = False
    timeout: float = 600.0
    engine: str | None = None
    since: str | None = None


@dataclass(frozen=True)
class BuildResult:
    """What a build did: where it published, each notebook run, the run report, seconds by step."""

    site: Path
    runs: list[RunResult]
    report: RunReport
    timings: str  # build/build-timings.json, as written
    engine: str
    notes: list[str]  # one line each, for the user (e.g. the fast engine unavailable here)
    changes: str  # one line: what changed since the version compared with


def lint_first(project: Project, themes: dict[str, Theme], given: dict[str, str], selected: list[str] | None,
               pages: bool) -> dict[tuple[str, str], Ledger]:
    """Lint before anything runs, against the ledger the runs will read; return that ledger, verified,
    keyed as ``plan_runs`` keys ledgers. selected: the themes to check (all when None)."""
    from .house_rules.lint import LintFailed, lint
    from .facts.snapshot import verified_ledger
    from .runs.runner import ledger_inputs

    inputs = ledger_inputs(given)
    ledger = verified_ledger(project, *inputs, themes)
    findings = lint(project, themes, ledger, selected=selected, pages=pages)
    if findings:
        raise LintFailed(findings, nothing_ran=True)
    return {inputs: ledger}


def build(project: Project, options: BuildOptions) -> BuildResult:
    """Build and publish the book; raise a ReportError (one line for the user) on any problem."""
    from .up_to_date import record_publish, still_published
    from .warm_start import changed_since_last_build, inputs_fingerprint, record_finished_build

    out = options.out.absolute()
    engine, note = choose_engine(options.engine)
    given = dict(options.parameters)
    inputs = inputs_fingerprint(project, {"out": out.resolve()}, given)
    notes = [note] if note else []
    if not options.force and options.since is None and "lang" not in given and still_published(project, out, inputs):
        engine.close()
        return _nothing_to_do(project, out, engine.name, notes)
    warm = "lang" not in given and (options.force or changed_since_last_build(project, inputs))
    try:
        if warm:  # both import while this process imports and checks (warm_start.py)
            engine.books.warm(project.build)
            engine.kernels.warm()
        result = _build_and_publish(project, options, out, given, engine, warm)
    finally:
        engine.close()
    record_finished_build(project, inputs)
    record_publish(project, out, inputs)
    return BuildResult(**result, engine=engine.name, notes=notes)


def _nothing_to_do(project: Project, out: Path, engine: str, notes: list[str]) -> BuildResult:
    """The result of a build that found its site as its inputs would make it (``up_to_date``)."""
    from .publish.review import NOTHING_CHANGED
    from .runs.locking import build_lock
    from .up_to_date import report_all_cached

    clock = Stopwatch()
    with build_lock(project.build):
        report = report_all_cached(project)
        timings = clock.report([], warm_start=False)
        write_atomically(project.build / "build-timings.json", timings)
    return BuildResult(site=out, runs=[], report=report, timings=timings, engine=engine, notes=notes,
                       changes=NOTHING_CHANGED)


def _build_and_publish(project: Project, options: BuildOptions, out: Path, given: dict[str, str], engine: Engine,
                       warm: bool) -> dict:
    from pylopdf_fonts_zh_cn import sans_path

    from .editions import load_editions
    from .facts.coverage import check_coverage
    from .publish.jupyterbook import build_html
    from .publish.locate import source_warning
    from .publish.review import review_for
    from .publish.site import publish
    from .publish.gather import edition_dir, gather_edition
    from .runs.locking import build_lock
    from .runs.runner import execute_plan, plan_runs, run_report

    themes = load_themes(project.theme_registry)
    editions = load_editions(project.book / "editions.yml")
    if "lang" in given:
        raise UsageError(f"lang is set by each edition: build publishes all of them ({', '.join(editions)}); "
                         "to run one notebook in one language use: jinjiang-report run THEME -p lang=zh")
    clock = Stopwatch()
    verified = lint_first(project, themes, given, None, pages=True)
    with build_lock(project.build):
        plan = plan_runs(project, themes, None, given, list(editions), verified)
        ledger = plan.only_ledger()
        check_coverage(ledger)
        clock.lap("lint and verify")
        # Notebooks to run mean pages to rebuild: the book's process starts now if the warm start
        # did not start it, so its imports overlap the runs.
        runs = execute_plan(project, plan, jobs=options.jobs, force=options.force, timeout=options.timeout,
                            before_running=lambda pending: engine.books.warm(project.build) if pending else None,
                            kernels=engine.kernels)
        clock.lap("notebook runs")
        package = hashlib.sha256(package_digest(project.lockfile)).hexdigest()
        gathered = {}
        for code, edition in editions.items():
            other = next(e for c, e in editions.items() if c != code)
            gathered[code] = gather_edition(project, themes, ledger, edition, other)
        clock.lap("gathering")

        def build_edition(code: str) -> Path:
            folder = edition_dir(project, editions[code])
            return build_html(gathered[code], folder / "_config.yml", folder / "jupyter-book", package,
                              partial(source_warning, book_src=gathered[code], project=project, lang=code),
                              run=engine.books.run)

        with ThreadPoolExecutor(max_workers=len(editions)) as pool:  # the editions side by side
            htmls = dict(zip(editions, pool.map(build_edition, editions)))
        clock.lap("Jupyter Book (editions side by side)")
        report = run_report(runs)
        review = review_for(project, themes, htmls, ledger, out, options.since)
        site = publish(htmls, editions, out, report, project.build, Path(sans_path()), review)
        clock.lap("publish")
    timings = clock.report(runs, warm_start=warm)
    write_atomically(project.build / "build-timings.json", timings)
    return {"site": site, "runs": runs, "report": report, "timings": timings, "changes": review.summary}
