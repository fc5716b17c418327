"""papermill, where the project relies on more than its documented calls.

papermill's local file handler changes the working folder of the whole process around every read
and write (to the folder current when ``execute_notebook`` was called). Notebook runs share one
process, several threads at once, so the project registers a local handler that never changes
folders; every path it hands papermill is absolute. Registering a handler is papermill's own
extension point (``papermill_io.register``); that a handler whose ``_cwd`` stays None never
changes folders is its internals (``LocalHandler`` wraps its reads and writes in
``chdir(self._cwd)``, a no-op for None).
"""

from __future__ import annotations

from papermill.iorw import LocalHandler, papermill_io


class FolderKeepingLocalHandler(LocalHandler):
    """papermill's local handler, for absolute paths only: it never changes the working folder."""

    def cwd(self, new_path: str | None) -> None:
        return None  # self._cwd stays None: LocalHandler's chdir(None) does nothing


def keep_the_working_folder() -> None:
    """Make papermill's local reads and writes leave the working folder alone (idempotent)."""
    if not isinstance(papermill_io.get_handler("local"), FolderKeepingLocalHandler):
        papermill_io.register("local", FolderKeepingLocalHandler())
