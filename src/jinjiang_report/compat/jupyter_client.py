"""jupyter_client, where the project relies on its private methods: its asynchronous kernel manager
and client without two fixed waits (the fast engine's kernels).

Relied on (pinned by ``tests/test_compat.py``): ``AsyncKernelClient._async_is_alive`` and
``_handle_kernel_info_reply``, and ``AsyncKernelManager._async_wait(pollinterval)``.

Two polls in jupyter_client cost every notebook run time while nothing happens:
once the kernel has answered ``kernel_info``, the client drains IOPub until 0.2 s pass without
a message before it reports the kernel ready; and once it has killed a kernel, the manager
looks every 100 ms whether the process is gone. Here the client is ready as soon as the
kernel has answered and IOPub has delivered a message (it is connected), and the manager looks
every 10 ms. What the client leaves on IOPub are the kernel's start-up notices; nbclient takes
a cell's outputs by their parent message, so they are never taken for a cell's.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager


class PromptKernelClient(AsyncKernelClient):
    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has answered ``kernel_info`` and IOPub is connected."""
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply: Any = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.2)
                except Empty:
                    pass  # IOPub not connected yet: ask again
                else:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")


class PromptKernelManager(AsyncKernelManager):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(client_factory=PromptKernelClient, **kwargs)

    async def _async_wait(self, pollinterval: float = 0.01) -> None:
        await super()._async_wait(pollinterval)
