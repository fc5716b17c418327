"""The ``jinjiang-report`` command: check the ledger, run notebooks, build and publish the book."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .errors import ReportError
from .paths import BUILD, DEFAULT_PDF, DEFAULT_SITE, display
from .themes import THEME_NAMES

DESCRIPTION = "Build the Jinjiang report: a facts ledger, four theme notebooks and a Jupyter Book."


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-p", "--parameter", dest="parameters", action="append", default=[],
                        metavar="NAME=VALUE",
                        help="override a notebook parameter (repeatable); see 'papermill --help-notebook'")
    parser.add_argument("-j", "--jobs", type=int, default=None,
                        help="notebooks executed at once (default: the number of cores)")
    parser.add_argument("--force", action="store_true", help="execute every notebook, ignoring the cache")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds one cell may run before the run fails (default: 600)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jinjiang-report", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="verify the facts ledger against the source",
                                description="Verify the ledger, derived figures, entities and "
                                            "exclusions against the source; exit 1 on the first problem.")
    check.add_argument("--ledger", default="data/facts.csv", help="the facts CSV (default: data/facts.csv)")
    check.add_argument("--source", default=None, help="a source text to check quotes against instead")

    run = commands.add_parser("run", help="execute theme notebooks into build/executed",
                              description="Execute notebooks with papermill into build/executed/ "
                                          "(unchanged ones come from the cache).")
    run.add_argument("themes", nargs="*", metavar="THEME", help=f"themes to run: {', '.join(THEME_NAMES)} "
                                                                "(default: all)")
    _add_run_options(run)

    build = commands.add_parser("build", help="execute all notebooks and publish the HTML book",
                                description="Execute all notebooks, build the book with Jupyter Book "
                                            "(warnings are errors) and publish it atomically.")
    build.add_argument("--out", type=Path, default=DEFAULT_SITE,
                       help=f"where the site is published (default: {display(DEFAULT_SITE)}/)")
    _add_run_options(build)

    pdf = commands.add_parser("pdf", help="print the published book to one PDF with Chromium",
                              description="Print every page of the published site, in reading order, "
                                          "with Debian's Chromium and join them into one PDF.")
    pdf.add_argument("--site", type=Path, default=DEFAULT_SITE,
                     help=f"the published site to print (default: {display(DEFAULT_SITE)}/)")
    pdf.add_argument("--out", type=Path, default=DEFAULT_PDF,
                     help=f"the PDF to write (default: {display(DEFAULT_PDF)})")
    return parser


def _check(args) -> int:
    from .coverage import unaccounted
    from .ledger import load_ledger

    ledger = load_ledger(args.ledger, args.source)
    missing = unaccounted(ledger)
    if missing:
        first = missing[0]
        raise ReportError(f"{display(ledger.source.path)}: numeral {first.text!r} (…{first.context}…) is "
                          f"neither a fact nor an exclusion; add it to facts.csv or exclusions.csv "
                          f"({len(missing)} unaccounted)")
    print(f"ledger ok: {len(ledger.facts)} facts, {len(ledger.derived)} derived figures, "
          f"{len(ledger.exclusions)} exclusions; every numeral of the source accounted for")
    return 0


def _run(args) -> int:
    from .params import parse_assignments
    from .runner import run_notebooks

    runs = run_notebooks(args.themes, parse_assignments(args.parameters), jobs=args.jobs,
                         force=args.force, timeout=args.timeout)
    for run in runs:
        print(f"{run.theme}: {run.status} -> {run.output}")
    return 0


def _build(args) -> int:
    from .book import build_html, publish, stage_sources
    from .locking import build_lock
    from .params import parse_assignments
    from .runner import run_notebooks

    given = parse_assignments(args.parameters)
    with build_lock(BUILD):
        runs = run_notebooks(None, given, jobs=args.jobs, force=args.force, timeout=args.timeout)
        html = build_html(stage_sources(runs[0].ledger, BUILD))
        site = publish(html, args.out, BUILD)
    print(f"book published to {display(site)} (open {display(site / 'index.html')})")
    return 0


def _pdf(args) -> int:
    from .pdf import print_book

    out = print_book(args.site, args.out)
    print(f"PDF written to {display(out)}")
    return 0


def _stop_on_sigterm() -> None:
    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    _stop_on_sigterm()
    handlers = {"check": _check, "run": _run, "build": _build, "pdf": _pdf}
    try:
        return handlers[args.command](args)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        from .processes import stop_children

        stopped = stop_children()
        print(f"interrupted: stopped {stopped} kernel process(es); the published site was not touched",
              file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130)  # worker threads may still wait on the kernels just stopped: do not join them


if __name__ == "__main__":
    sys.exit(main())
