"""Jupyter Book, where the project relies on its internals: the kernel lookup a build never makes.

``jupyter_book.utils``, which every Jupyter Book command imports, takes ``find_kernel_specs``
from ``jupyter_client.kernelspec`` when it is imported, and with it the whole of jupyter_client
(its asynchronous client, zmq, asyncio): about 0.06 s of CPU in the fast engine's Jupyter Book
process. Only ``jupyter-book myst init`` calls it (to name a kernel in a Markdown notebook).

``defer_kernel_lookup`` imports ``jupyter_book.utils`` with a stand-in for that one module in
``sys.modules``, then removes the stand-in: ``jupyter_book.utils`` keeps a ``find_kernel_specs``
that imports the real one when it is called, and any later import of jupyter_client is the real
one. Relied on (pinned by ``tests/test_compat.py``): ``jupyter_book.utils`` imports nothing from
jupyter_client but ``kernelspec.find_kernel_specs``.

``warm_config_validator`` makes the validator of the book's configuration that every build
makes first (``jupyter_book.config.get_validator``, cached per process): in the Jupyter Book
process, before it forks, so that no edition's build makes its own. Relied on (pinned): that
function exists and caches its result.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

KERNELSPEC = "jupyter_client.kernelspec"
DEFERRED = "find_kernel_specs"


def defer_kernel_lookup() -> None:
    """Import ``jupyter_book.utils`` without jupyter_client (if neither is imported yet)."""
    if "jupyter_book.utils" in sys.modules or KERNELSPEC in sys.modules:
        return
    import jupyter_book  # noqa: F401  # the package itself, before the stand-in goes in

    def find_kernel_specs(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(KERNELSPEC), DEFERRED)(*args, **kwargs)

    stand_in = types.ModuleType(KERNELSPEC, "Stands in while jupyter_book.utils is imported.")
    setattr(stand_in, DEFERRED, find_kernel_specs)
    sys.modules[KERNELSPEC] = stand_in
    try:
        importlib.import_module("jupyter_book.utils")
    finally:
        if sys.modules.get(KERNELSPEC) is stand_in:
            del sys.modules[KERNELSPEC]


def warm_config_validator() -> None:
    """Make Jupyter Book's configuration validator now (it is kept for the process's lifetime)."""
    from jupyter_book.config import get_validator

    get_validator()
