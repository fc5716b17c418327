"""The ``jinjiang-report`` command: check the ledger, run notebooks, build and publish the book, print it."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from pathlib import Path
from types import FrameType

from .errors import ReportError, UsageError
from .faults import Places, debugging, reported
from .project import Project
from .publish.diff_command import add_diff_command, diff_command
from .themes import load_themes

DESCRIPTION = "Build the Jinjiang report: a facts ledger, theme notebooks and a Jupyter Book."


def absolute_path(text: str) -> Path:
    """A path option, made absolute against the working folder when the options are parsed."""
    return Path(text).absolute()


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-p", "--parameter", dest="parameters", action="append", default=[],
                        metavar="NAME=VALUE",
                        help="override a notebook parameter (repeatable); see 'papermill --help-notebook'")
    parser.add_argument("-j", "--jobs", type=int, default=None,
                        help="notebooks executed at once (default: the number of cores)")
    parser.add_argument("--force", action="store_true", help="execute every notebook, ignoring the cache")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds one cell may run before the run fails (default: 600)")
    parser.add_argument("--engine", choices=["plain", "fast"], default=None,
                        help="plain: jupyter_client's kernels, a jupyter-book process per edition; fast: "
                             "kernels and editions forked from processes that imported once (Linux only) "
                             "(default: $JINJIANG_ENGINE, else fast where it can run)")


def make_parser(project: Project) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jinjiang-report", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="verify the facts ledger against the source",
                                description="Verify the ledger, derived figures, entities and "
                                            "exclusions against the source, that every numeral "
                                            "of the source is accounted for, and the register of outside "
                                            "context (data/context); exit 1 on the first problem.")
    check.add_argument("--ledger", default="data/facts.csv", help="the facts CSV (default: data/facts.csv)")
    check.add_argument("--source", default=None, help="a source text to check quotes against instead")

    try:
        theme_list = ", ".join(load_themes(project.theme_registry))
    except ReportError:
        theme_list = f"see {project.display(project.theme_registry)}"
    run = commands.add_parser("run", help="execute theme notebooks into build/run",
                              description="Execute notebooks with papermill into build/run/EDITION/ "
                                          "(unchanged ones come from the cache); the book's own copies in "
                                          "build/executed/ are left alone.")
    run.add_argument("themes", nargs="*", metavar="THEME", help=f"themes to run: {theme_list} (default: all)")
    _add_run_options(run)

    build = commands.add_parser("build", help="execute all notebooks and publish the HTML book",
                                description="Execute all notebooks, build the book with Jupyter Book "
                                            "(warnings are errors) and publish it atomically.")
    build.add_argument("--out", type=absolute_path, default=project.default_site,
                       help=f"where the site is published (default: {project.display(project.default_site)}/)")
    _add_run_options(build)
    build.add_argument("--since", metavar="REF_OR_MANIFEST", default=None,
                       help="compare with this version on the 'What changed' page: a git ref, or an earlier "
                            "site's manifest.json or folder (default: the site this build replaces)")
    add_diff_command(commands, project)

    pdf = commands.add_parser("pdf", help="print each edition of the published book to a PDF with Chromium",
                              description="Print every page of an edition of the published site, in reading "
                                          "order, with Debian's Chromium and join them into one PDF: "
                                          "OUT_DIR/jinjiang-report-EDITION.pdf.")
    pdf.add_argument("--site", type=absolute_path, default=project.default_site,
                     help=f"the published site to print (default: {project.display(project.default_site)}/)")
    pdf.add_argument("--edition", choices=["en", "zh"], default=None, help="print one edition (default: all)")
    pdf.add_argument("--out-dir", type=absolute_path, default=project.build,
                     help="where the PDFs go (default: build/)")

    lint = commands.add_parser(
        "lint", help="check notebooks and book pages against the house rules (no kernel starts)",
        description="Check the notebooks and the book's pages before anything runs: numbers typed into "
                    "prose, code cells the book would print, unknown {eval}/{glue} names, prose without its partner in the "
                    "other language, claim kinds left unsaid, outside knowledge stated without the register "
                    "(data/context), and the theme registry against notebooks/. "
                    "Each problem is one line, 'notebooks/NAME.ipynb: cell N (id ID), line L: message', where "
                    "N counts every cell from 1 (Markdown and code, as JupyterLab shows them) and L is the line "
                    "within the cell (book pages: 'book/NAME.md: line L: message'). Exit 1 on any problem. "
                    "build and run lint first.")
    lint.add_argument("--ledger", default="data/facts.csv", help="the facts CSV (default: data/facts.csv)")
    lint.add_argument("--stored", action="store_true",
                      help="also check that git stores each notebook clean (no outputs or run metadata), "
                           "as CI does; the working copy's outputs are never an error")

    clean = commands.add_parser(
        "clean", help="strip outputs and run metadata from notebooks, in the form JupyterLab saves",
        description="Remove outputs, execution counts and all metadata but cell tags (notebook: kernelspec, "
                    "the language's name), and store each notebook as JupyterLab writes it (sorted keys, one-space "
                    "indent, sources as lists of lines), so that a save in JupyterLab changes only edited lines.")
    clean.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK",
                       help="notebooks to clean (default: every notebook in notebooks/)")
    clean.add_argument("--stdin", action="store_true",
                       help="clean the notebook on standard input to standard output (the git filter)")

    new_theme = commands.add_parser(
        "new-theme", help="add a theme: its notebook, entities file and registry entry",
        description="Scaffold notebooks/NAME.ipynb (a bilingual template that builds as it is), "
                    "data/entities/NAME.yaml and the entry in notebooks/themes.yaml. See the README, "
                    "'Add a theme', for what comes next.")
    new_theme.add_argument("name", metavar="NAME", help="lower-case letters, digits and _ (e.g. weather)")
    new_theme.add_argument("--title-en", required=True, help="the chapter's title in English")
    new_theme.add_argument("--title-zh", required=True, help="the chapter's title in Chinese")
    for command in (parser, *commands.choices.values()):  # before or after the command's name
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                             help="show the full traceback of any error (also: JINJIANG_DEBUG=1)")
    return parser


def _check(project: Project, args: argparse.Namespace) -> int:
    from .facts.coverage import check_coverage
    from .facts.load import load_ledger

    ledger = load_ledger(project.resolve(args.ledger), load_themes(project.theme_registry),
                         project.resolve(args.source) if args.source else None)
    check_coverage(ledger)
    print(f"ledger ok: {len(ledger.facts)} facts, {len(ledger.derived)} derived figures, "
          f"{len(ledger.exclusions)} exclusions, {len(ledger.context)} entries of outside context; every numeral "
          "of the source accounted for")
    return 0


def _lint(project: Project, args: argparse.Namespace) -> int:
    from .house_rules.lint import LintFailed, lint
    from .facts.snapshot import verified_ledger

    themes = load_themes(project.theme_registry)
    findings = lint(project, themes, verified_ledger(project, args.ledger, "", themes), stored=args.stored)
    if findings:
        raise LintFailed(findings, nothing_ran=False)
    print(f"lint ok: {len(themes)} notebooks and the book's pages follow the house rules")
    return 0


def _clean(project: Project, args: argparse.Namespace) -> int:
    from .clean import clean_file, filter_stream

    if args.stdin:
        filter_stream()
        return 0
    paths = [project.resolve(p) for p in args.notebooks] or sorted(project.notebooks.glob("*.ipynb"))
    changed = 0
    for path in paths:
        if not path.is_file():
            raise UsageError(f"no notebook at {project.display(path)}")
        if clean_file(path):
            changed += 1
            print(f"cleaned {project.display(path)}")
    print(f"{changed} of {len(paths)} notebook(s) changed; the others were already clean")
    return 0


def _new_theme(project: Project, args: argparse.Namespace) -> int:
    from .scaffold import new_theme

    for path in new_theme(project, args.name, args.title_en, args.title_zh):
        print(f"wrote {project.display(path)}")
    print("next: facts (data/facts.csv), assessments, entities and prose in both languages; "
          "see the README, 'Add a theme'; then jinjiang-report lint and build")
    return 0


def _run(project: Project, args: argparse.Namespace) -> int:
    from .editions import load_editions
    from .engines import choose_engine
    from .pipeline import lint_first
    from .runs.params import parse_assignments
    from .runs.runner import execute_plan, plan_runs, select_themes

    themes = load_themes(project.theme_registry)
    given = parse_assignments(args.parameters)
    engine, note = choose_engine(args.engine)
    if note:
        print(note, file=sys.stderr)
    verified = lint_first(project, themes, given, select_themes(themes, args.themes), pages=False)
    editions = [given.pop("lang")] if "lang" in given else list(load_editions(project.book / "editions.yml"))
    plan = plan_runs(project, themes, args.themes, given, editions, verified)
    for run in execute_plan(project, plan, jobs=args.jobs, force=args.force, timeout=args.timeout,
                            kernels=engine.kernels, into="run"):
        print(f"{run.theme} ({run.edition}): {run.status} -> {run.output}")
    return 0


def _build(project: Project, args: argparse.Namespace) -> int:
    from .pipeline import BuildOptions, build
    from .runs.params import parse_assignments

    result = build(project, BuildOptions(args.out, parse_assignments(args.parameters), args.jobs, args.force,
                                         args.timeout, args.engine, args.since))
    for note in result.notes:
        print(note, file=sys.stderr)
    print(f"book published to {project.display(result.site)} "
          f"(open {project.display(result.site / 'index.html')})")
    print(result.changes)
    return 0


def _pdf(project: Project, args: argparse.Namespace) -> int:
    from .editions import load_editions
    from .publish.pdf import print_book
    from .publish.toc import reading_order

    pages = reading_order(load_themes(project.theme_registry))
    for code in [args.edition] if args.edition else list(load_editions(project.book / "editions.yml")):
        out = print_book(args.site / code, pages, args.out_dir / f"jinjiang-report-{code}.pdf")
        print(f"PDF written to {project.display(out)}")
    return 0


def _stop_on_sigterm() -> None:
    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    return _main(argv)[0]


def _main(argv: list[str] | None) -> tuple[int, bool]:
    """The exit code, and whether the command ran with the fast engine."""
    project = Project.from_environment()
    args = make_parser(project).parse_args(argv)
    _stop_on_sigterm()
    handlers = {"check": _check, "run": _run, "build": _build, "pdf": _pdf, "lint": _lint, "clean": _clean,
                "new-theme": _new_theme, "diff": diff_command}
    debug = debugging(getattr(args, "debug", False))
    try:
        with reported(Places(project.build, getattr(args, "out", None))):
            code = handlers[args.command](project, args)
        return code, _fast(args)
    except ReportError as exc:
        if debug:
            traceback.print_exception(exc)
        for finding in getattr(exc, "findings", []):
            print(finding, file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code, False
    except KeyboardInterrupt:
        from .runs.processes import stop_children

        stopped = stop_children()
        print(f"interrupted: stopped {stopped} kernel process(es); the published site was not touched",
              file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130)  # worker threads may still wait on the kernels just stopped: do not join them


def _fast(args: argparse.Namespace) -> bool:
    from .engines import engine_asked, fast_engine_missing

    try:
        return engine_asked(getattr(args, "engine", None)) == "fast" and fast_engine_missing() is None
    except UsageError:  # an unknown engine named in the environment, for a command that builds nothing
        return False


def entry_point() -> None:
    """The ``jinjiang-report`` command: ``main``; after a success with the fast engine, exit without
    the interpreter's teardown, which frees every module and object of a finished command (a few
    hundredths of a second): by then every file is written and closed and every process started is
    stopped. Otherwise the ordinary exit, which also waits for worker threads still stopping kernels."""
    code, fast = _main(None)
    if code != 0 or not fast:
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    entry_point()
