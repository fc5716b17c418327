"""myst_nb, where the project relies on its internals: the execution clients a build never calls.

The book is built with ``execute_notebooks: "off"`` (papermill has run the notebooks), so
myst_nb's ``create_client`` returns its ``NotebookClientBase`` for every notebook. Yet
``myst_nb.core.execute`` imports its three executing clients when it is imported, and with them
jupyter_cache, SQLAlchemy and nbclient: about 0.13 s of CPU in the fast engine's Jupyter Book
process, which imports while the notebooks run and is waited for when they are done.

``defer_execution_clients`` puts a stand-in for each of those three modules into ``sys.modules``
before myst_nb is imported: a class of the same name which, when called, imports the real module
and returns the real client. A configuration that does execute (``cache``, ``force``, ``auto``,
``inline``) still gets myst_nb's own client, at the cost of the import it would have paid anyway.

Relied on (pinned by ``tests/test_compat.py``): ``myst_nb.core.execute`` takes exactly these
names from these modules (``from .cache import NotebookClientCache`` ...), and only calls them.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path
from typing import Any

# module -> the one name myst_nb.core.execute imports from it
EXECUTING_CLIENTS = {
    "myst_nb.core.execute.cache": "NotebookClientCache",
    "myst_nb.core.execute.direct": "NotebookClientDirect",
    "myst_nb.core.execute.inline": "NotebookClientInline",
}


def defer_execution_clients() -> None:
    """Stand-ins for myst_nb's executing clients, imported for real when first called. Call it
    before anything imports myst_nb; afterwards it changes nothing."""
    if "myst_nb.core.execute" in sys.modules:
        return
    for module, name in EXECUTING_CLIENTS.items():
        sys.modules.setdefault(module, _stand_in(module, name))


def _stand_in(module: str, name: str) -> types.ModuleType:
    stand_in = types.ModuleType(module, f"Imports {module} when {name} is first called.")

    def create(cls: type, *args: Any, **kwargs: Any) -> Any:
        return getattr(_real(module), name)(*args, **kwargs)

    setattr(stand_in, name, type(name, (), {"__new__": create, "__module__": module}))
    return stand_in


def _real(module: str) -> types.ModuleType:
    """The real module, imported in place of its stand-in (once)."""
    loaded = sys.modules.get(module)
    if loaded is not None and getattr(loaded, "__spec__", None) is None:  # the stand-in
        del sys.modules[module]
    return importlib.import_module(module)


def copy_stylesheet_before_pages(app: Any) -> None:
    """Put myst_nb's stylesheet in the output before any page is written (at ``builder-inited``).

    myst_nb copies ``_static/mystnb.<hash>.css`` only when the build finishes, and Sphinx adds
    ``?v=<checksum>`` to a stylesheet's link only when the file is already in the output. So a
    cold build linked it without ``?v=`` and a later build of the same sources with it: two
    builds of the same inputs gave different bytes. Copying it first gives every page the same
    link. Relied on (pinned by ``tests/test_compat.py``): ``myst_nb.sphinx_ext`` has
    ``add_global_html_resources(app, exception)``, which copies the file into the output.
    """
    from myst_nb.sphinx_ext import add_global_html_resources

    if app.builder is not None and app.builder.format == "html":
        (Path(app.builder.outdir) / "_static").mkdir(parents=True, exist_ok=True)
        add_global_html_resources(app, None)
