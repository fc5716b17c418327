"""jsonschema, where the project relies on its internals: the format checkers no validator here uses.

When ``jsonschema`` is imported, its ``_format`` module imports every optional library it can find
to check string formats (dates, durations, URIs, host names, colours, JSON pointers, URI
templates), to register checkers that only a validator given a ``format_checker`` calls. The
validators the build and the Jupyter Book process make, nbformat's and Jupyter Book's
configuration's, are given none, so formats are never checked; the imports cost about 0.025 s of
CPU in each process (the lock has these libraries for jupyter-events, which JupyterLab uses).

``import_without_format_checkers`` imports jsonschema with those libraries hidden, then unhides
them: a later ``import isoduration`` (or any other) works as usual. Relied on (pinned by
``tests/test_compat.py``): jsonschema's ``_format`` imports each of them under ``ImportError``
guards, and nbformat's and Jupyter Book's validators have no format checker.
"""

from __future__ import annotations

import importlib
import sys

FORMAT_LIBRARIES = ("fqdn", "idna", "isoduration", "jsonpointer", "rfc3339_validator", "rfc3986_validator",
                    "rfc3987", "rfc3987_syntax", "uri_template", "webcolors")


def import_without_format_checkers() -> None:
    """Import jsonschema (if not imported yet) without the libraries of its format checkers."""
    if "jsonschema" in sys.modules:
        return
    hidden = [name for name in FORMAT_LIBRARIES if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        importlib.import_module("jsonschema")
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
