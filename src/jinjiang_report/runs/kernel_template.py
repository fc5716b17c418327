"""A kernel template: one process that has imported what a notebook's kernel needs, forked per run.

A notebook run's floor is a kernel start (Python, IPython, ipykernel, zmq) plus the imports of
its first cell (matplotlib, this package), paid again by every run (the benchmark prints it). The
template pays it once per build: it imports those modules, then waits on a Unix socket. The
kernelspec's provisioner (``forked_provisioner``) asks it for a kernel; the template forks, and
the child, with the standard streams, working folder, environment and arguments it was sent,
becomes a fresh ipykernel leading its own process group. Nothing but imports happens before the
fork (no kernel, no zmq context, no figure, no user code), so each run still starts from a clean
state; only the import work is shared.

Protocol: the provisioner connects, sends three file descriptors (the kernel's standard streams)
with a JSON request ``{"argv", "cwd", "env"}`` and closes its side for writing; the template
answers with the kernel's process id. The build may also send ``{"preload": [modules]}``.
"""

from __future__ import annotations

import importlib
import json
import os
import socket
import sys
import traceback

from ..forkserver import ServerProcess, before_imports, fork, in_child, listen, reap

# What every notebook's kernel imports: the kernel itself and the chapter (facts, IPython.display).
PRELOADED = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "jinjiang_report.chapters.chapter")
# What a notebook with a chart adds (matplotlib): preloaded on request, when many runs will share it.
CHART_MODULES = ("matplotlib_inline.backend_inline", "jinjiang_report.chapters.charts")


class KernelTemplate:
    """The template process of one build.

    ``launch`` starts it without waiting; ``ready`` waits until it listens; ``address`` is where
    (None until then); ``close`` stops it and every kernel it forked. If it cannot start, kernels
    start the ordinary way and the build is only slower.
    """

    def __init__(self) -> None:
        self.server = ServerProcess(__name__, "jinjiang-kernels-")

    def launch(self) -> None:
        self.server.start()

    @property
    def started(self) -> bool:
        return self.server.process is not None

    def ready(self) -> bool:
        """Wait until the template listens; False (and no template) if it could not start."""
        first = self.server.listening is None
        listening = self.server.ready()
        if first and not listening:
            self.close()
        return listening

    @property
    def address(self) -> str | None:
        return self.server.address if self.server.listening else None

    def preload(self, modules: tuple[str, ...]) -> None:
        """Have the template import ``modules`` before it forks the next kernel (not waiting for it)."""
        if self.ready():
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.connect(self.server.address)
                connection.sendall(json.dumps({"preload": list(modules)}).encode())

    def close(self) -> None:
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
    """In the forked child: take the streams, folder, environment and arguments sent, run ipykernel
    in a session of its own (as jupyter_client starts kernels: signals go to its process group).
    Never returns: a kernel that cannot start says why on the build's stderr, as one jupyter_client
    starts does, and exits."""
    status = 1
    try:
        in_child()
        os.setsid()
        for target, fd in zip((0, 1, 2), fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = request["argv"]
        from ipykernel.kernelapp import launch_new_instance

        launch_new_instance()
        status = 0
    except Exception:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


if __name__ == "__main__":
    serve(sys.argv[1])
