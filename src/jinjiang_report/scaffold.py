"""``jinjiang-report new-theme NAME``: a new chapter in one step, ready to build.

It writes the theme's notebook (a bilingual template that builds as it is, even before the
ledger has a fact for the theme), an empty entities file and the registry entry; the table of
contents, the command line, the ledger's ``theme`` column and the tests all follow the registry.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from .clean import clean_notebook, stored_text
from .errors import UsageError
from .project import Project
from .themes import NAME_PATTERN, load_themes

PARAMETERS = '''# Parameters (papermill replaces these; `papermill --help-notebook` lists them)
ledger: str = "data/facts.csv"  # facts ledger CSV; derived figures, entities and sources are read beside it
source: str = ""  # source text to check quotes against; empty: the one named in data/sources/sources.yaml
lang: str = "en"  # language of the edition; one of: en, zh
chart_format: str = "svg"  # chart file format; one of: svg, png
decimals: int = 2  # decimal places of amounts
note: str = ""  # a remark shown under the chapter's title, e.g. "draft for review"
'''
SETUP = '''from jinjiang_report.chapters.chapter import Chapter

chapter = Chapter("{name}", ledger=ledger, source=source, lang=lang, chart_format=chart_format,
                  decimals=decimals, note=note)
'''
INTRO_EN = ("What this chapter reads on the page. Write the prose in both languages, each cell next to its "
            "partner, and show every number with the eval role and the id of its fact in data/facts.csv.")
INTRO_ZH = "本章审读页面的哪些内容。正文用两种语言并排书写，每个数字都通过 eval 角色引用 data/facts.csv 中事实的编号。"


def _cell(cell_type: str, source: str, tags: list[str]) -> dict[str, Any]:
    cell: dict[str, Any] = {"cell_type": cell_type, "id": uuid.uuid4().hex[:8], "metadata": {"tags": tags},
                            "source": source}
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def template(name: str, title_en: str, title_zh: str) -> dict[str, Any]:
    """The new theme's notebook: title and introduction in both languages, parameters, the chapter, its
    facts with their assessments, the questions to ask, the build detail."""
    cells = [
        _cell("markdown", f"# {title_en}", ["lang-en"]),
        _cell("markdown", f"# {title_zh}", ["lang-zh"]),
        _cell("markdown", INTRO_EN, ["lang-en"]),
        _cell("markdown", INTRO_ZH, ["lang-zh"]),
        _cell("code", PARAMETERS, ["parameters", "remove-cell"]),
        _cell("code", SETUP.format(name=name), ["remove-input"]),
        # the theme's facts with their assessments and the questions they leave, filling in as rows
        # are added to data/facts.csv and data/assessments.csv: the draft the findings replace
        _cell("markdown", "## Draft: the page's figures and what to ask", ["lang-en"]),
        _cell("markdown", "## 草稿：版面数字与应追问的问题", ["lang-zh"]),
        _cell("code", "chapter.draft_readings()", ["remove-input"]),
        _cell("code", "chapter.computed()", ["remove-input"]),
    ]
    return {"cells": cells, "nbformat": 4, "nbformat_minor": 5,
            "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                        "name": "python3"},
                         "language_info": {"name": "python"}}}


def registry_entry(name: str, notebook: str, title_en: str, title_zh: str) -> str:
    """The YAML lines of one registry entry (titles quoted as JSON strings, which YAML reads as they are)."""
    titles = f"{{en: {json.dumps(title_en, ensure_ascii=False)}, zh: {json.dumps(title_zh, ensure_ascii=False)}}}"
    return f"- name: {name}\n  notebook: {notebook}\n  title: {titles}\n"


def new_theme(project: Project, name: str, title_en: str, title_zh: str) -> list[Path]:
    """Scaffold theme ``name``: its notebook, its entities file, its registry entry; return the files written.

    Raises UsageError (touching nothing) for a bad or taken name or an empty title.
    """
    if not NAME_PATTERN.match(name):
        raise UsageError(f"theme name {name!r} must be lower-case letters, digits and _, starting with a letter")
    if not title_en.strip() or not title_zh.strip():
        raise UsageError("a theme needs a title in both languages: --title-en TEXT --title-zh TEXT")
    themes = load_themes(project.theme_registry)
    notebook = project.notebooks / f"{name}.ipynb"
    entities = project.data / "entities" / f"{name}.yaml"
    if name in themes:
        raise UsageError(f"theme {name!r} already exists in {project.display(project.theme_registry)}")
    for path in (notebook, entities):
        if path.exists():
            raise UsageError(f"{project.display(path)} already exists; choose another name or remove it")
    notebook.write_text(stored_text(clean_notebook(template(name, title_en, title_zh))), encoding="utf-8")
    entities.parent.mkdir(parents=True, exist_ok=True)
    entities.write_text(f"# Named things of the {name!r} chapter (projects, places, programs ...), each with its\n"
                        "# quote from the source; the build checks every quote. Empty until the chapter names any.\n"
                        "{}\n", encoding="utf-8")
    registry = project.theme_registry.read_text(encoding="utf-8")
    separator = "" if registry.endswith("\n") else "\n"
    project.theme_registry.write_text(registry + separator + registry_entry(name, notebook.name, title_en, title_zh),
                                      encoding="utf-8")
    return [notebook, entities, project.theme_registry]
