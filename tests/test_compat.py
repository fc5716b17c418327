"""The upstream behaviour each module of ``compat/`` relies on, pinned: a lock upgrade that breaks
one fails here, naming the module to revisit."""

from __future__ import annotations

import inspect
import os

import pytest


def pinned(module: str, holds: bool, what: str) -> None:
    if not holds:
        pytest.fail(f"src/jinjiang_report/compat/{module}.py relies on {what}, which the installed "
                    "version no longer does: revisit that module", pytrace=False)


def test_papermill_local_handler_changes_folder_only_through_its_cwd(tmp_path, monkeypatch):
    from papermill import utils
    from papermill.iorw import LocalHandler, papermill_io

    from jinjiang_report.compat.papermill import FolderKeepingLocalHandler, keep_the_working_folder

    pinned("papermill", hasattr(LocalHandler, "cwd") and "_cwd" in inspect.getsource(LocalHandler.read),
           "LocalHandler.read wrapping its read in chdir(self._cwd)")
    moves: list[str] = []
    monkeypatch.setattr(utils.os, "chdir", lambda path: moves.append(path))
    keep_the_working_folder()
    handler = papermill_io.get_handler("local")
    pinned("papermill", isinstance(handler, FolderKeepingLocalHandler), "papermill_io.register taking precedence")
    handler.cwd(str(tmp_path))
    handler.write("{}", str(tmp_path / "x.ipynb"))
    pinned("papermill", handler.read(str(tmp_path / "x.ipynb")) == "{}" and moves == [],
           "chdir(None) being a no-op in LocalHandler's reads and writes")
    assert os.getcwd() != str(tmp_path)


def test_jupyter_client_private_methods_the_prompt_manager_overrides_or_calls():
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager

    for name in ("_async_is_alive", "_handle_kernel_info_reply"):
        pinned("jupyter_client", callable(getattr(AsyncKernelClient, name, None)), f"AsyncKernelClient.{name}")
    pinned("jupyter_client", inspect.iscoroutinefunction(AsyncKernelClient._async_is_alive),
           "AsyncKernelClient._async_is_alive being a coroutine")
    wait = getattr(AsyncKernelManager, "_async_wait", None)
    pinned("jupyter_client", wait is not None and inspect.iscoroutinefunction(wait)
           and "pollinterval" in inspect.signature(wait).parameters,
           "AsyncKernelManager._async_wait(pollinterval), a coroutine")
    pinned("jupyter_client", "wait_for_ready" in vars(AsyncKernelClient) or
           callable(getattr(AsyncKernelClient, "wait_for_ready", None)), "AsyncKernelClient.wait_for_ready")
