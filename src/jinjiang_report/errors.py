"""Every error a user of the report can meet, each with a message that says what to do."""

from __future__ import annotations


class ReportError(Exception):
    """An error the user can fix; the CLI prints it as one line and exits with ``exit_code``."""

    exit_code = 1


class UsageError(ReportError):
    """A command line that asks for something that does not exist (a theme, a parameter)."""

    exit_code = 2


class DataFileError(ReportError):
    """A data file that fails its checks: the ledger, derived figures, entities, sources, the theme registry.

    file: the file at fault, as shown to the user.
    line: 1-based line in that file (0 when the whole file is at fault).
    column: the CSV column or YAML field at fault ("" when none).
    problem: what is wrong and how to fix it.
    """

    def __init__(self, file: str, line: int, column: str, problem: str):
        self.file, self.line, self.column, self.problem = file, line, column, problem
        where = f"{file}:{line}" if line else file
        if column:
            where += f": column {column!r}"
        super().__init__(f"{where}: {problem}")


class NotebookFailed(ReportError):
    """A notebook raised while executing.

    where: the failing place in the stored notebook, ``notebooks/x.ipynb: cell 12 (id ab12), line 3``
    (cells counted as JupyterLab shows them, all cells included), or ``notebooks/x.ipynb: kernel start-up``.
    exception: the exception's type and message; kept_at: the executed copy kept for inspection
    (None when the kernel never started, so there is none).
    """

    def __init__(self, where: str, exception: str, kept_at: str | None):
        self.where, self.exception, self.kept_at = where, exception, kept_at
        kept = f" (executed copy kept at {kept_at})" if kept_at else ""
        super().__init__(f"{where}: {exception}{kept}")


class NotebookTimeout(NotebookFailed):
    """A cell ran longer than the execution timeout."""


class BookBuildFailed(ReportError):
    """Jupyter Book (Sphinx) failed; the published site was left as it was."""


class MachineFault(ReportError):
    """A fault of the machine a command ran on, not of its input: no space left, a read-only or
    forbidden folder, memory, a helper process that died (``faults.explain`` words each one)."""

    exit_code = 3


class InternalError(ReportError):
    """A bug: an error the code did not expect, said in one line that asks for ``--debug``."""

    exit_code = 70  # EX_SOFTWARE (sysexits.h)


class KernelDied(NotebookFailed):
    """A notebook's kernel died while a cell ran (killed, or out of memory)."""

    exit_code = 3


class DamagedBuildFile(ReportError):
    """A file of the build folder that does not match the digest recorded when it was written."""
