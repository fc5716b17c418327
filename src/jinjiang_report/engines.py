"""The two engines of a build, and the one switch between them.

An engine answers two questions: how a notebook's kernel starts (``runs/kernels.py``) and how an
edition of the book is built (``publish/jupyterbook.py``).

- ``plain``: jupyter_client starts a fresh ipykernel per run; the ``jupyter-book`` command builds
  each edition in a process of its own. No fork, no process kept between requests, no override
  of jupyter_client.
- ``fast``: kernels forked from a kernel template that imported once; editions forked from a
  Jupyter Book process that imported once; both started early when the build guesses it has work
  (``warm_start``). Needs ``os.fork`` and ``os.pidfd_open``: Linux 5.3 or later.

``--engine`` or ``JINJIANG_ENGINE`` selects one (default: fast). Both publish the same bytes; where
the fast engine cannot run, the build says so in one line and uses the plain one.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

from .errors import UsageError
from .publish.jupyterbook import BookBuilder, PlainBookBuilder
from .runs.kernels import ForkedKernels, Kernels, PlainKernels

ENGINES = ("plain", "fast")
ENGINE_VARIABLE = "JINJIANG_ENGINE"


@dataclass
class Engine:
    name: str
    kernels: Kernels
    books: BookBuilder | PlainBookBuilder

    def close(self) -> None:
        """Stop every helper process the engine started (idempotent)."""
        self.books.close()
        self.kernels.close()


def fast_engine_missing() -> str | None:
    """Why the fast engine cannot run here, or None."""
    if not sys.platform.startswith("linux"):
        return f"it needs Linux, this is {sys.platform}"
    for needed in ("fork", "pidfd_open"):
        if not hasattr(os, needed):
            return f"this Python has no os.{needed}"
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return "this Linux kernel has no pidfd_open (Linux 5.3 or later)"
    return None


def engine_asked(asked: str | None = None) -> str:
    """The engine asked for: ``asked`` (the option), else ``JINJIANG_ENGINE``, else fast."""
    name = asked or os.environ.get(ENGINE_VARIABLE) or "fast"
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r} (from --engine or {ENGINE_VARIABLE}); "
                         f"choose one of: {', '.join(ENGINES)}")
    return name


def choose_engine(asked: str | None = None) -> tuple[Engine, str | None]:
    """The engine to build with, and a line for the user when it is not the one asked for."""
    name, note = engine_asked(asked), None
    if name == "fast" and (missing := fast_engine_missing()):
        name, note = "plain", f"note: the fast engine cannot run here ({missing}); building with the plain engine"
    if name == "fast":
        return Engine(name, ForkedKernels(), BookBuilder()), note
    return Engine(name, PlainKernels(), PlainBookBuilder()), note
