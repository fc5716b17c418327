"""requests, which papermill imports for a kind of notebook path a build never has.

``papermill.iorw`` imports ``requests`` (and with it urllib3 and the rest) when papermill is
imported, for its handler of notebooks read or written over HTTP: about 0.03 s of CPU in the
build process, in the first notebook run, which the others wait for. Every path a build hands
papermill is a local file.

``import_papermill_without_requests`` imports papermill with a stand-in for ``requests`` in
``sys.modules``, then removes the stand-in: papermill keeps a ``requests`` that imports the real
one on its first use, and any later import of requests is the real one. Relied on (pinned by
``tests/test_compat.py``): papermill uses ``requests`` only through ``import requests`` in
``papermill.iorw``, inside ``HttpHandler``'s methods.
"""

from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any

_importing = threading.Lock()  # notebook runs import papermill from several threads at once


def import_papermill_without_requests() -> None:
    """Import papermill (if not imported yet) without importing requests."""
    with _importing:
        if "papermill" in sys.modules or "requests" in sys.modules:
            return
        stand_in = _RequestsOnFirstUse("requests", "Imports requests on first use.")
        sys.modules["requests"] = stand_in
        try:
            importlib.import_module("papermill")
        finally:
            if sys.modules.get("requests") is stand_in:
                del sys.modules["requests"]


class _RequestsOnFirstUse(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if sys.modules.get("requests") is self:  # used while papermill is being imported
            del sys.modules["requests"]
        return getattr(importlib.import_module("requests"), name)
