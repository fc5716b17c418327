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
