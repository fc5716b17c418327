"""The Jupyter Book process of a build: it imports Sphinx, the site themes and the extensions once, then
forks one child per edition to build.

An incremental Sphinx build of one edition takes less time than the imports before it (the
benchmark prints both). The build starts this process as soon as it guesses that pages will change
(``warm_start``), or at the latest when it knows notebooks will run, so the imports overlap the
checks and the runs and are paid once for both editions, which then build side by side in forked
children. Nothing but imports happens before a fork, and what each build would otherwise do
first for itself: nbformat's schema validator, the packages' entry points, Jupyter Book's
configuration validator, and the Chinese prefix dictionary an earlier build left (used only
while it is that of the word list the build then reads).

Protocol: the process prints ``ready`` once it listens on the Unix socket given as its first
argument. Its second, if any, is the build folder: it takes nbformat's validator compiled from
there (``compat/nbformat``), and reads ahead the prefix dictionaries of the search dictionaries an
earlier build left there if no build is asking yet (``read_ahead_unless_asked``). A client
connects and sends ``{"args": [...jupyter-book arguments...], "log": PATH}`` and closes its side
for writing; a child runs Jupyter Book in-process with its output going to
``log`` and answers with the exit code. SIGTERM stops the process and its children.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import json
import os
import select
import socket
import sys
from pathlib import Path

from jinjiang_report.compat.jsonschema import import_without_format_checkers
from jinjiang_report.compat.jupyter_book import defer_kernel_lookup, warm_config_validator
from jinjiang_report.compat.myst_nb import defer_execution_clients
from jinjiang_report.forkserver import before_imports, fork, in_child, listen, reap

LATE_IMPORTS = ("sphinx.jinja2glue", "sphinx.ext.mathjax", "sphinx.builders.html.transforms",
                "sphinx_multitoc_numbering", "sphinx_external_toc.events", "sphinx_external_toc.collectors",
                "myst_parser.sphinx_ext.directives", "myst_parser.sphinx_ext.mathjax",
                "myst_parser.sphinx_ext.myst_refs", "myst_nb.ext.glue.domain", "myst_nb.ext.execution_tables",
                "docutils.languages.en", "docutils.languages.zh_cn", "xml.dom.minidom",
                "docutils.parsers.rst.languages.zh_cn", "email.policy", "encodings.utf_8_sig",
                "importlib_metadata._adapters", "jinja2.ext", "sphinx.builders.latex.transforms")


def _import_everything(build: Path | None = None) -> None:
    """The imports an edition's build needs, done before the first job arrives. build: the build
    folder, where nbformat's validator may be kept compiled (``compat/nbformat``)."""
    # jieba finds its data with pkg_resources when it can (a slow import, while the build waits
    # for this process) and by its own path otherwise; nothing else here uses it.
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    import_without_format_checkers()  # no validator here checks formats (compat/jsonschema.py)
    defer_execution_clients()  # the book is built with execution off (compat/myst_nb.py)
    defer_kernel_lookup()  # no kernel is looked for either (compat/jupyter_book.py)
    import jieba  # noqa: F401  # the Chinese search index segments words with it
    import jupyter_book.cli.main  # noqa: F401
    import jupyter_book.sphinx  # noqa: F401
    import myst_nb.sphinx_ext  # noqa: F401
    import pydata_sphinx_theme  # noqa: F401
    import nbformat
    import nbformat.validator
    import pygments.styles  # type: ignore[import-untyped]
    import soupsieve
    import sphinx.application
    import sphinx.search.zh  # noqa: F401
    import sphinx_book_theme  # noqa: F401
    import sphinx_copybutton  # noqa: F401
    import sphinx_external_toc  # noqa: F401

    import jinjiang_report.publish.sphinx_ext  # noqa: F401

    # What each edition's build would otherwise import or compile for itself: the modules Sphinx
    # and the extensions import only when a build sets them up, and nbformat's schema validator.
    for module in (*sphinx.application.builtin_extensions, *LATE_IMPORTS):
        importlib.import_module(module)
    if build is not None:
        from jinjiang_report.compat.nbformat import VALIDATORS, use_kept_validator

        use_kept_validator(build / VALIDATORS)
    nbformat.validator.get_validator(version=nbformat.current_nbformat, version_minor=nbformat.current_nbformat_minor)
    soupsieve.compile("div.header-article-items__start > div")  # the site theme's selectors compile its parser's patterns
    # The installed packages' entry points, which each build lists (Sphinx for the site themes, the
    # site theme for pygments' styles): the first listing in a process reads every package's
    # metadata folder, later ones use what importlib.metadata kept. And Jupyter Book's validator
    # of the configuration, made once per process.
    importlib.metadata.entry_points()
    list(pygments.styles.get_all_styles())
    warm_config_validator()


def _build(job: dict) -> int:
    """Run Jupyter Book as its command line would, with everything it prints going to the job's log."""
    import jupyter_book.cli.main as jupyter_book_cli

    code = 0
    with open(job["log"], "w", encoding="utf-8") as log, contextlib.redirect_stdout(log), \
            contextlib.redirect_stderr(log):
        try:
            jupyter_book_cli.main(job["args"], prog_name="jupyter-book", standalone_mode=False)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception as exc:  # noqa: BLE001 - reported to the client as the build's failure
            print(f"error: {type(exc).__name__}: {exc}", flush=True)
            code = 1
    return code


def serve(address: str, build: str = "") -> None:
    before_imports(address)
    _import_everything(Path(build) if build else None)
    children: set[int] = set()
    server = listen(address, 8, children)
    if build:
        from jinjiang_report.warm_start import kept_search_dictionaries

        read_ahead_unless_asked(server, kept_search_dictionaries(Path(build)))
    while True:
        connection, _ = server.accept()
        job = json.loads(connection.makefile("rb").read())
        pid = fork()
        if pid == 0:
            server.close()
            in_child()
            code = _build(job)
            connection.sendall(f"{code}\n".encode())
            os._exit(0)  # skip the interpreter's teardown: the client waits on the answer
        connection.close()
        children.add(pid)
        reap(children)


def read_ahead_unless_asked(server: socket.socket, search_dictionaries: list[Path], wait: float = 0.005) -> bool:
    """Read the prefix dictionaries of ``search_dictionaries`` ahead (``search_dictionary``), unless
    a build is already asking (a connection arrives within ``wait`` seconds of ``ready``): then the
    Chinese edition's build reads its own, rather than every edition waiting for this one. Whether
    it read them."""
    from jinjiang_report.publish.search_dictionary import preload_prefix_dictionary

    if not search_dictionaries or select.select([server], [], [], wait)[0]:
        return False
    for dictionary in search_dictionaries:
        preload_prefix_dictionary(dictionary)
    return True


if __name__ == "__main__":
    serve(*sys.argv[1:])
