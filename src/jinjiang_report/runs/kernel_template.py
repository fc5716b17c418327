"""A kernel template: one process that has imported what a notebook's kernel needs, forked per run.

A notebook run's floor is a kernel start (Python, IPython, ipykernel, zmq) plus the imports of
its first cell (matplotlib, this package): about 1.5 s of CPU, paid again by every run. The
template pays it once per build: it imports those modules, then waits on a Unix socket. The
kernelspec's launcher (``kernel_launch``) asks it for a kernel; the template forks, and the
child, with the launcher's standard streams, working folder, environment and arguments,
becomes a fresh ipykernel. Nothing but imports happens before the fork (no kernel, no zmq
context, no figure, no user code), so each run still starts from a clean state; only the
import work is shared.

Protocol: the launcher connects, sends its three standard file descriptors with a JSON
request ``{"argv", "cwd", "env", "launcher"}`` and closes its side for writing; the template
answers with the kernel's process id. The build may also send ``{"preload": [modules]}``. The kernel exits when its launcher does (it watches
the launcher's pidfd), so stopping the launcher as jupyter_client does stops the kernel.
"""

from __future__ import annotations

import importlib
import json
import os
import select
import socket
import sys
import threading

from ..forkserver import ServerProcess, before_imports, fork, in_child, listen, reap

ADDRESS_VARIABLE = "JINJIANG_KERNEL_TEMPLATE"  # tells the launcher where the template listens

# What every notebook's kernel imports: the kernel itself and the chapter (facts, IPython.display).
PRELOADED = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "jinjiang_report.chapters.chapter")
# What a notebook with a chart adds (matplotlib): preloaded on request, when many runs will share it.
CHART_MODULES = ("matplotlib_inline.backend_inline", "jinjiang_report.chapters.charts")


class KernelTemplate:
    """The template process of one build.

    ``launch`` starts it without waiting; ``ready`` waits until it listens and from then on points
    the launchers at it, through ``ADDRESS_VARIABLE`` in this process's environment (kernels inherit
    it through jupyter_client); ``close`` stops it and every kernel it forked. If it cannot start,
    kernels start the ordinary way and the build is only slower.
    """

    def __init__(self) -> None:
        self.server = ServerProcess(__name__, "jinjiang-kernels-")
        self.previous = os.environ.get(ADDRESS_VARIABLE)

    def launch(self) -> None:
        self.server.start()

    @property
    def started(self) -> bool:
        return self.server.process is not None

    def ready(self) -> bool:
        """Wait until the template listens; False (and no template) if it could not start."""
        first = self.server.listening is None
        listening = self.server.ready()
        if first and listening:
            os.environ[ADDRESS_VARIABLE] = self.server.address
        elif first:
            self.close()
        return listening

    def preload(self, modules: tuple[str, ...]) -> None:
        """Have the template import ``modules`` before it forks the next kernel (not waiting for it)."""
        if self.ready():
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.connect(self.server.address)
                connection.sendall(json.dumps({"preload": list(modules)}).encode())

    def close(self) -> None:
        if self.previous is None:
            os.environ.pop(ADDRESS_VARIABLE, None)
        else:
            os.environ[ADDRESS_VARIABLE] = self.previous
        self.server.stop()  # the template stops the kernels it forked, then itself


def serve(address: str) -> None:
    """The template process: import, listen, fork a kernel per request until told to stop."""
    before_imports(address)
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # no debugger in these kernels (see kernel.py)
    for module in PRELOADED:
        importlib.import_module(module)
    kernels: set[int] = set()
    server = listen(address, 16, kernels)
    while True:
        connection, _ = server.accept()
        with connection:
            request, fds = _receive(connection)
            if "preload" in request:
                for module in request["preload"]:
                    importlib.import_module(module)
                continue
            pid = fork()
            if pid == 0:
                server.close()
                _become_kernel(request, fds)
            for fd in fds:
                os.close(fd)
            kernels.add(pid)
            reap(kernels)
            connection.sendall(f"{pid}\n".encode())


def _receive(connection: socket.socket) -> tuple[dict, list[int]]:
    message, fds, _, _ = socket.recv_fds(connection, 1 << 16, 3)  # no descriptors with a preload request
    chunks = [message]
    while chunk := connection.recv(1 << 16):
        chunks.append(chunk)
    return json.loads(b"".join(chunks)), list(fds)


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: take the launcher's streams, folder, environment and arguments, run ipykernel."""
    in_child()
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.argv = request["argv"]
    _exit_with(request["launcher"])
    from ipykernel.kernelapp import launch_new_instance

    try:
        launch_new_instance()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _exit_with(launcher: int) -> None:
    """End this kernel as soon as its launcher ends (jupyter_client stops kernels by stopping the launcher)."""
    watched = os.pidfd_open(launcher)

    def watch() -> None:
        select.select([watched], [], [])
        os._exit(1)

    threading.Thread(target=watch, name="launcher-watch", daemon=True).start()


if __name__ == "__main__":
    serve(sys.argv[1])
