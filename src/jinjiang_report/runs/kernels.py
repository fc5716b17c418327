"""How a notebook run's kernel starts, one class per engine (``engines.py`` chooses).

Both give papermill an asynchronous kernel manager, like the one nbclient would create (with a
blocking client, nbclient's wait for output blocks its event loop and a cell's timeout never
fires), already starting, so the kernel boots while papermill is imported. Both look for the
kernelspec in the build's folder only: searching Jupyter's default places imports IPython into
the build process.

- ``PlainKernels``: jupyter_client's own manager starts ``ipykernel`` as a kernelspec says.
- ``ForkedKernels``: kernels forked from the build's kernel template (``kernel_template``) by
  the kernelspec's provisioner (``forked_provisioner``), with jupyter_client's manager and client
  without their fixed waits (``compat.jupyter_client``).

Both have their kernels listen on Unix sockets (``KernelSockets``), not on TCP ports.
"""

from __future__ import annotations

import functools
import itertools
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Protocol

from ..compat.jsonschema import import_without_format_checkers
from ..compat.requests import import_papermill_without_requests
from ..errors import NotebookFailed
from .kernel import PROVISIONER_NAME, ensure_kernel, kernels_folder
from .kernel_template import CHART_MODULES, KernelTemplate


class Kernels(Protocol):
    """Start a kernel: ``prepare`` once the runs are known, ``start`` per run, ``close`` at the end."""

    def warm(self) -> None: ...

    def prepare(self, pending: int, workers: int) -> None: ...

    def start(self, build_dir: Path, folder: Path, shown: str) -> Any: ...

    def close(self) -> None: ...


SOCKETS_PREFIX = "jinjiang-ipc-"


def remove_folders_of_ended_builds(temp: Path) -> None:
    """Remove socket folders left by builds that ended without closing them (killed with SIGKILL)."""
    for folder in temp.glob(f"{SOCKETS_PREFIX}*-*"):
        pid = folder.name[len(SOCKETS_PREFIX):].split("-", 1)[0]
        try:
            mine = folder.stat().st_uid == os.getuid()
        except OSError:  # removed meanwhile by another build
            continue
        if pid.isdigit() and mine and not _is_running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


class KernelSockets:
    """Where kernels listen: Unix sockets in a private folder, named per kernel.

    On TCP, jupyter_client picks a kernel's five ports by binding to port 0 and closing, and the
    kernel binds them once it has started. In between, any process may be given one of them:
    another kernel's IOPub pipe is bound to a port the system chooses, and kernels start side by
    side. The kernel then fails to bind: it dies before its first cell, or never answers
    (jupyter_client#487). A path in this build's own folder is given to no one else. Not on
    Windows (TCP there).
    """

    def __init__(self) -> None:
        self.folder: Path | None = None
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def settings(self) -> dict[str, str]:
        """The kernel manager's transport and address for the next kernel (none: TCP)."""
        if os.name != "posix":
            return {}
        with self._lock:
            if self.folder is None:
                remove_folders_of_ended_builds(Path(tempfile.gettempdir()))
                # private (mode 0700); named by this process, so a later build can tell it is ended
                self.folder = Path(tempfile.mkdtemp(prefix=f"{SOCKETS_PREFIX}{os.getpid()}-"))
            # a short name: the system limits a socket's path to about 100 bytes
            return {"transport": "ipc", "ip": str(self.folder / f"k{next(self._numbers)}")}

    def close(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


class PlainKernels:
    """A fresh ipykernel per run, started by jupyter_client."""

    def __init__(self) -> None:
        self.sockets = KernelSockets()

    def warm(self) -> None:
        pass

    def prepare(self, pending: int, workers: int) -> None:
        pass

    def start(self, build_dir: Path, folder: Path, shown: str) -> Any:
        from jupyter_client.manager import AsyncKernelManager

        return _start(AsyncKernelManager, ensure_kernel(build_dir, forked=False),
                      kernels_folder(build_dir, forked=False), folder, shown, self.sockets.settings())

    def close(self) -> None:
        self.sockets.close()


class ForkedKernels:
    """Kernels forked from a template that imported once: with more runs than workers, or when the
    template was started early (``warm``). Otherwise kernels importing side by side finish sooner."""

    def __init__(self) -> None:
        self.template = KernelTemplate()
        self.sockets = KernelSockets()

    def warm(self) -> None:
        self.template.launch()

    def prepare(self, pending: int, workers: int) -> None:
        if pending:  # papermill's nbformat validates with jsonschema, checking no format (compat/jsonschema.py)
            import_without_format_checkers()
        forked = bool(pending) and (pending > workers or self.template.started)
        if forked and not provisioner_registered():
            print("note: the forked-kernel provisioner is not registered (an install older than the "
                  "code: run pip install --no-deps -e .); kernels start fresh", file=sys.stderr)
            self.template.close()
            return
        forked = forked and self.template.ready()
        if forked and pending > workers:
            self.template.preload(CHART_MODULES)  # most notebooks draw a chart

    def start(self, build_dir: Path, folder: Path, shown: str) -> Any:
        from ..compat.jupyter_client import PromptKernelManager

        address, sockets = self.template.address, self.sockets.settings()
        if address is None:  # no template: fresh kernels, still without the fixed waits
            manager = _start(PromptKernelManager, ensure_kernel(build_dir, forked=False),
                             kernels_folder(build_dir, forked=False), folder, shown, sockets)
        else:
            manager = _start(PromptKernelManager, ensure_kernel(build_dir, forked=True),
                             kernels_folder(build_dir, forked=True), folder, shown, sockets, template=address)
        _ready_client_side(build_dir)  # while the kernel boots
        return manager

    def close(self) -> None:
        self.template.close()  # stops the template and every kernel it forked
        self.sockets.close()


_client_side = threading.Lock()


def _ready_client_side(build_dir: Path) -> None:
    """papermill imported (without requests: ``compat/requests.py``) and nbformat's validator of the
    notebooks' format made, once: runs start side by side, and nbformat lets each thread that finds
    no validator yet compile its own (about 0.03 s of CPU each). It is compiled once per build
    folder and kept there (``compat/nbformat.py``)."""
    with _client_side:
        import_papermill_without_requests()
        import nbformat
        from nbformat.validator import get_validator

        from ..compat.nbformat import VALIDATORS, use_kept_validator

        use_kept_validator(build_dir / VALIDATORS)
        get_validator(version=nbformat.current_nbformat, version_minor=nbformat.current_nbformat_minor)


@functools.cache
def provisioner_registered() -> bool:
    """Whether jupyter_client can find the fast engine's provisioner (the package's entry point)."""
    from importlib.metadata import entry_points  # not at import: the build imports this before its helpers start

    return bool(entry_points(group="jupyter_client.kernel_provisioners", name=PROVISIONER_NAME))


def kernel_environment() -> dict[str, str]:
    """The environment of a build's kernel: this process's, less JupyterLab's session marker. A build's
    kernel is never JupyterLab's, even when the build was started from a notebook
    (``chapters/lab_view.py`` writes values and links for JupyterLab only where that marker is set)."""
    return {name: value for name, value in os.environ.items() if name != "JPY_SESSION_NAME"}


def _start(manager_class: Any, kernel: str, kernels: Path, folder: Path, shown: str,
           sockets: dict[str, str] | None = None, **launch: str) -> Any:
    """Start the kernel ``kernel`` found in ``kernels``, running in ``folder``, without waiting for it.
    sockets: where it listens (``KernelSockets.settings``; default: TCP ports jupyter_client picks).
    launch: more for the kernelspec's provisioner (``template=``: the kernel template's address)."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_core.utils import run_sync

    kernel_manager = manager_class(kernel_name=kernel, **(sockets or {}),
                                   kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    try:
        run_sync(kernel_manager.start_kernel)(cwd=str(folder), env=kernel_environment(), **launch)
    except Exception as exc:  # noqa: BLE001 - any failure to start is reported the same way
        raise NotebookFailed(f"{shown}: kernel start-up", f"{type(exc).__name__}: {exc}", None) from None
    return kernel_manager
