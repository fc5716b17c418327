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


def test_the_forked_kernel_provisioner_is_registered_and_overrides_every_process_method():
    """jupyter_client finds the provisioner through its entry point (a stale install lacks it), and
    every method of its base class that touches the kernel process is the provisioner's own."""
    from importlib.metadata import entry_points

    from jupyter_client.provisioning.provisioner_base import KernelProvisionerBase

    from jinjiang_report.runs.forked_provisioner import ForkedKernelProvisioner
    from jinjiang_report.runs.kernel import PROVISIONER_NAME

    registered = [e.value for e in entry_points(group="jupyter_client.kernel_provisioners", name=PROVISIONER_NAME)]
    assert registered == ["jinjiang_report.runs.forked_provisioner:ForkedKernelProvisioner"], (
        "the kernel provisioner entry point is missing: reinstall the package (pip install --no-deps -e .)")
    abstract = set(KernelProvisionerBase.__abstractmethods__)
    assert abstract == {"has_process", "poll", "wait", "send_signal", "kill", "terminate", "launch_kernel",
                        "cleanup"}, f"jupyter_client's provisioner interface changed: {sorted(abstract)}"
    for name in abstract | {"pre_launch"}:
        assert name in vars(ForkedKernelProvisioner), f"ForkedKernelProvisioner does not override {name}"
