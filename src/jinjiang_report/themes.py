"""The report's themes: one notebook (and one chapter) each."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """A theme of the report.

    name: the key used in the ledger's ``theme`` column and on the command line.
    notebook: the notebook's file name under ``notebooks/``.
    title: the chapter title.
    """

    name: str
    notebook: str
    title: str


THEMES: dict[str, Theme] = {
    theme.name: theme
    for theme in (
        Theme("innovation", "innovation.ipynb", "Innovation mechanism"),
        Theme("export", "export.ipynb", "Export channels"),
        Theme("livelihood", "livelihood.ipynb", "Livelihood programs"),
        Theme("hospital", "hospital.ipynb", "Hospital pilot"),
    )
}
THEME_NAMES = tuple(THEMES)
