"""A kernel provisioner that forks kernels from the build's kernel template (the fast engine).

jupyter_client's extension point for how a kernel process comes to be: the kernelspec names
this provisioner (``metadata.kernel_provisioner``, registered under the entry point group
``jupyter_client.kernel_provisioners`` in ``pyproject.toml``), and the kernel manager hands it
the kernel's command, working folder and environment. It asks the template (``kernel_template``)
to fork a kernel with them, and from then on watches, signals and stops that process as
jupyter_client's own ``LocalProvisioner`` does a process it started: its process group first
(the forked kernel leads its own, as ``LocalProvisioner``'s kernels do). The template's
address comes with the start request (``start_kernel(template=ADDRESS)``); without one, or if
the template does not answer, the kernel starts the ordinary way.

The forked kernel is not this process's child: it is watched through a pidfd (Linux 5.3 or
later, which the fast engine needs anyway).
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import socket
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner

from ..lifeline import BUILD_VARIABLE

TEMPLATE_ARGUMENT = "template"  # start_kernel(template=ADDRESS): where the build's template listens
POLL_SECONDS = 0.01


class ForkedKernelProvisioner(LocalProvisioner):
    pidfd: int | None = None  # the forked kernel's (None: no forked kernel, LocalProvisioner's ways apply)
    group: int = 0  # its process group: it leads its own

    async def pre_launch(self, **kwargs: Any) -> dict[str, Any]:
        template = kwargs.pop(TEMPLATE_ARGUMENT, None)
        launch = await super().pre_launch(**kwargs)
        launch[TEMPLATE_ARGUMENT] = template
        return launch

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        template = kwargs.pop(TEMPLATE_ARGUMENT, None)
        pid = _fork_from(template, cmd, kwargs) if template else None
        if pid is None:
            return await super().launch_kernel(cmd, **kwargs)  # a fresh kernel, as jupyter_client starts it
        try:
            self.pidfd = os.pidfd_open(pid)
        except ProcessLookupError:
            self.pidfd = None  # it has already ended; poll says so
        self.pid = self.pgid = self.group = pid
        self.cwd = kwargs.get("cwd")
        return self.connection_info

    @property
    def has_process(self) -> bool:
        return self.pidfd is not None or super().has_process

    async def poll(self) -> int | None:
        if self.pidfd is None:
            return await super().poll()
        ended, _, _ = select.select([self.pidfd], [], [], 0)
        return 0 if ended else None  # its exit status goes to the template, its parent

    async def wait(self) -> int | None:
        if self.pidfd is None:
            return await super().wait()
        while await self.poll() is None:
            await asyncio.sleep(POLL_SECONDS)
        os.close(self.pidfd)
        self.pidfd = None
        return 0

    async def send_signal(self, signum: int) -> None:
        if self.pidfd is None:
            return await super().send_signal(signum)
        try:
            os.killpg(self.group, signum)  # the kernel and what it started, as LocalProvisioner does
        except ProcessLookupError:
            pass
        except OSError:
            signal.pidfd_send_signal(self.pidfd, signum)

    async def kill(self, restart: bool = False) -> None:
        if self.pidfd is None:
            return await super().kill(restart)
        await self.send_signal(signal.SIGKILL)

    async def terminate(self, restart: bool = False) -> None:
        if self.pidfd is None:
            return await super().terminate(restart)
        await self.send_signal(signal.SIGTERM)

    async def cleanup(self, restart: bool = False) -> None:
        if self.pidfd is not None and not restart:
            os.close(self.pidfd)
            self.pidfd = None
        await super().cleanup(restart)


def _fork_from(template: str, cmd: list[str], launch: dict[str, Any]) -> int | None:
    """The process id of a kernel the template forked for ``cmd``, or None if it did not answer."""
    env = {**(launch.get("env") or os.environ), BUILD_VARIABLE: str(os.getpid())}
    argv = cmd[2:] if cmd[1:2] == ["-m"] else cmd[1:]  # sys.argv of `python -m MODULE ARGS...`
    request = {"argv": argv, "cwd": str(launch.get("cwd") or os.getcwd()), "env": env}
    try:
        with open(os.devnull, "rb") as nothing, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(template)
            # The kernel's standard streams: no input, and this process's output (as a kernel
            # jupyter_client starts inherits it).
            socket.send_fds(connection, [json.dumps(request).encode()], [nothing.fileno(), 1, 2])
            connection.shutdown(socket.SHUT_WR)
            answer = connection.makefile().readline().strip()
    except OSError:
        return None
    return int(answer) if answer.isdigit() else None
