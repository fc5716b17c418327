"""The kernelspec's command: a kernel forked from the build's template if there is one, else a fresh one.

jupyter_client starts this as the kernel process and signals or stops it as such. With a
template (``kernel_template``), this process asks it for a kernel, then stands in for it:
signals it receives are passed on, and it exits when the kernel does. Without one (or if the
template does not answer), it becomes an ordinary ipykernel here.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import sys

from ..lifeline import die_with_build

ADDRESS_VARIABLE = "JINJIANG_KERNEL_TEMPLATE"  # kernel_template.ADDRESS_VARIABLE; not imported, to start fast
PASSED_ON = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2)


def forked_kernel(address: str) -> int | None:
    """The process id of a kernel the template forked for this launcher, or None if it did not answer."""
    request = {"argv": sys.argv, "cwd": os.getcwd(), "env": dict(os.environ), "launcher": os.getpid()}
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(address)
            socket.send_fds(connection, [json.dumps(request).encode()], [0, 1, 2])
            connection.shutdown(socket.SHUT_WR)
            answer = connection.makefile().readline().strip()
    except OSError:
        return None
    return int(answer) if answer.isdigit() else None


def stand_in_for(kernel: int) -> None:
    """Pass signals on to ``kernel`` and return when it has exited."""
    watched = os.pidfd_open(kernel)
    for signum in PASSED_ON:
        signal.signal(signum, lambda received, frame: _pass_on(kernel, received))
    select.select([watched], [], [])  # retried after each signal handler (PEP 475)


def _pass_on(kernel: int, signum: int) -> None:
    try:
        os.kill(kernel, signum)
    except ProcessLookupError:
        pass


def main() -> None:
    die_with_build()  # the build named by jupyter_client (JPY_PARENT_PID); the forked kernel watches this process
    address = os.environ.get(ADDRESS_VARIABLE)
    kernel = forked_kernel(address) if address else None
    if kernel is not None:
        stand_in_for(kernel)
        return
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # see kernel.py
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main()
