"""papermill and nbclient, where the project relies on more than their documented calls.

A papermill engine for a kernel that is already starting (``StartedKernelEngine``): ``execute``
starts a notebook's kernel before it imports papermill, so the kernel
boots meanwhile, and hands the kernel manager to papermill as ``km``. papermill's own engine would
then leave the client's channels open (nbclient stops them only for kernels it started itself);
this engine asks nbclient to clean up as for its own kernel: the kernel is stopped and the channels
closed when the notebook is done. Relied on: papermill's ``PapermillNotebookClient`` (in
``papermill.clientwrap``) and the arguments of ``NBClientEngine.execute_managed_notebook``;
nbclient's ``execute(cleanup_kc=True)``.

papermill's local file handler changes the working folder of the whole process around every read
and write (to the folder current when ``execute_notebook`` was called). Notebook runs share one
process, several threads at once, so the project registers a local handler that never changes
folders; every path it hands papermill is absolute. Registering a handler is papermill's own
extension point (``papermill_io.register``); that a handler whose ``_cwd`` stays None never
changes folders is its internals (``LocalHandler`` wraps its reads and writes in
``chdir(self._cwd)``, a no-op for None).
"""

from __future__ import annotations

from typing import Any

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.iorw import LocalHandler, papermill_io
from papermill.log import logger

ENGINE_NAME = "jinjiang-report"


class StartedKernelEngine(NBClientEngine):
    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                 stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                 execution_timeout: float | None = None, **kwargs: Any) -> Any:
        kwargs.pop("input_path", None)
        client = PapermillNotebookClient(nb_man, kernel_name=kernel_name, log=logger, log_output=log_output,
                                         stdout_file=stdout_file, stderr_file=stderr_file,
                                         startup_timeout=start_timeout, timeout=execution_timeout, **kwargs)
        return client.execute(cleanup_kc=True)


class FolderKeepingLocalHandler(LocalHandler):
    """papermill's local handler, for absolute paths only: it never changes the working folder."""

    def cwd(self, new_path: str | None) -> None:
        return None  # self._cwd stays None: LocalHandler's chdir(None) does nothing


def register() -> None:
    """Register the engine and the local handler (idempotent); ``execute`` imports this first."""
    papermill_engines.register(ENGINE_NAME, StartedKernelEngine)
    keep_the_working_folder()  # runs share the process: none may move its working folder


def keep_the_working_folder() -> None:
    """Make papermill's local reads and writes leave the working folder alone (idempotent)."""
    if not isinstance(papermill_io.get_handler("local"), FolderKeepingLocalHandler):
        papermill_io.register("local", FolderKeepingLocalHandler())
