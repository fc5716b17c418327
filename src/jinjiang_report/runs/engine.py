"""A papermill engine for a kernel that is already starting.

``execute`` starts a notebook's kernel before it imports papermill (about 0.3 s of imports), so
the kernel boots meanwhile, and hands the kernel manager to papermill as ``km``. papermill's own
engine would then leave the client's channels open (nbclient stops them only for kernels it
started itself); this engine asks nbclient to clean up as for its own kernel: the kernel is
stopped and the channels closed when the notebook is done.
"""

from __future__ import annotations

from typing import Any

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger

from ..compat.papermill import keep_the_working_folder

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


papermill_engines.register(ENGINE_NAME, StartedKernelEngine)
keep_the_working_folder()  # runs share the process: none may move its working folder
