"""``jinjiang-report lint``: every house rule over the notebooks and book pages, before any kernel starts."""

from __future__ import annotations

from ..errors import ReportError
from ..facts.model import Ledger
from ..project import Project
from ..themes import Theme
from .claim_words import check_claim_words
from .code_shown import check_code_shown
from .doubled_words import check_doubled_words
from .documents import Notebook, parse_notebook, read_notebook, read_page
from .findings import Finding
from .glosses import check_glosses
from .keys import check_eval_keys, check_glue_keys, notebook_keys
from .pairing import check_pairs, check_tags
from .registry import check_registry
from .stored import check_stored, stored_in_git
from .titles import check_titles
from .typed_numbers import check_typed_numbers, ledger_values

EVAL_HINT = "{eval}`key`"
GLUE_HINT = "{glue}`notebook.ipynb::key`"
CONTEXT_EVAL_HINT = "{eval}`ctx_<id>`"
CONTEXT_GLUE_HINT = "{glue}`notebook.ipynb::ctx_<id>`"


class LintFailed(ReportError):
    """Lint found problems; ``findings`` holds them, one line each."""

    def __init__(self, findings: list[Finding], nothing_ran: bool):
        self.findings = findings
        files = len({finding.file for finding in findings})
        problems = f"{len(findings)} problem{'s' if len(findings) != 1 else ''}"
        tail = "; nothing was run" if nothing_ran else ""
        super().__init__(f"lint found {problems} in {files} file{'s' if files != 1 else ''}{tail}")


def check_notebook(notebook: Notebook, ledger: Ledger) -> list[Finding]:
    """Every rule that applies to one notebook's cells (outputs and run metadata are not read:
    the working copy is judged by its clean form)."""
    passages = notebook.passages()
    prose = [p for p in passages if p is not None]
    return [*check_code_shown(notebook), *check_tags(passages), *check_pairs(passages),
            *check_eval_keys(notebook, notebook_keys(notebook, ledger)), *check_claim_words(passages, ledger),
            *check_doubled_words(passages, ledger),
            *check_typed_numbers(prose, ledger_values(ledger), EVAL_HINT),
            *check_glosses(prose, f"data/context/{notebook.theme or 'book'}.yaml", CONTEXT_EVAL_HINT)]


def lint(project: Project, themes: dict[str, Theme], ledger: Ledger, *, selected: list[str] | None = None,
         pages: bool = True, stored: bool = False) -> list[Finding]:
    """All findings, grouped by file in reading order and sorted by place within a file.

    themes: the registry. ledger: the verified ledger the notebooks read. selected: the themes
    whose notebooks to check (default: all). pages: also check the book's pages. stored: also
    check that git's index holds each notebook clean (what CI checks; UsageError outside git).
    """
    findings = check_registry(project.theme_registry, project.display(project.theme_registry),
                              project.display(project.notebooks))
    notebooks = {}
    for theme in themes.values():
        path = project.notebooks / theme.notebook
        if path.is_file():
            notebooks[theme.notebook] = read_notebook(path, project.display(path), theme.name)
    registry = project.display(project.theme_registry)
    for theme in (themes[name] for name in selected or themes):
        if theme.notebook in notebooks:
            findings += check_notebook(notebooks[theme.notebook], ledger)
            findings += check_titles(notebooks[theme.notebook], theme, registry)
            if stored:
                findings += _check_git_copy(notebooks[theme.notebook])
    if pages:
        known = {name: notebook_keys(notebook, ledger) for name, notebook in notebooks.items()}
        for path in sorted(project.book.rglob("*.md")):
            page = read_page(path, project.display(path))
            findings += [*check_pairs(list(page.blocks), page=True), *check_glue_keys(page, themes, known),
                         *check_claim_words(page.blocks, ledger, page=True), *check_doubled_words(page.blocks, ledger),
                         *check_typed_numbers(page.blocks, ledger_values(ledger), GLUE_HINT),
                         *check_glosses(page.blocks, "data/context/book.yaml", CONTEXT_GLUE_HINT)]
    order = list(dict.fromkeys(finding.file for finding in findings))
    return sorted(findings, key=lambda f: (order.index(f.file), f.cell or 0, f.line))


def _check_git_copy(notebook: Notebook) -> list[Finding]:
    text = stored_in_git(notebook.path, notebook.shown)
    if text is None:
        return [Finding(notebook.shown, None, 0, "not in git's index; git add it")]
    return check_stored(parse_notebook(text, notebook.path, notebook.shown, notebook.theme), text)
