"""new-theme (scaffold.py): a notebook, an entities file and a registry entry that pass lint; bad names refused."""

import json
import shutil

import pytest

from conftest import ROOT, ledger as load_ledger
from jinjiang_report.house_rules.lint import lint
from jinjiang_report.errors import UsageError
from jinjiang_report.facts.load import load_ledger as load_with_themes
from jinjiang_report.project import Project
from jinjiang_report.runs.params import declared_parameters
from jinjiang_report.scaffold import new_theme
from jinjiang_report.themes import load_themes


@pytest.fixture
def project(tmp_path) -> Project:
    for folder in ("notebooks", "book", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return Project.at(tmp_path)


def test_a_new_theme_is_registered_and_passes_lint(project):
    written = new_theme(project, "weather", "Weather", "天气")
    assert [project.display(p) for p in written] == ["notebooks/weather.ipynb", "data/entities/weather.yaml",
                                                     "notebooks/themes.yaml"]
    themes = load_themes(project.theme_registry)
    assert list(themes)[-1] == "weather" and themes["weather"].title == {"en": "Weather", "zh": "天气"}
    ledger = load_with_themes(project.ledger, themes)  # the ledger accepts the theme; it has no facts yet
    assert ledger.entities["weather"] == {}
    assert [str(f) for f in lint(project, themes, ledger)] == []
    nb = json.loads((project.notebooks / "weather.ipynb").read_text(encoding="utf-8"))
    assert [c["source"][0] for c in nb["cells"][:2]] == ["# Weather", "# 天气"]
    assert set(declared_parameters(project.notebooks / "weather.ipynb")) >= {"ledger", "source", "lang",
                                                                                "chart_format"}


@pytest.mark.parametrize("name,message", [
    ("export", "theme 'export' already exists in notebooks/themes.yaml"),
    ("Weather", "theme name 'Weather' must be lower-case letters, digits and _, starting with a letter"),
    ("no-such-theme", "theme name 'no-such-theme' must be lower-case letters, digits and _, starting with a letter"),
])
def test_a_taken_or_bad_name_is_refused_touching_nothing(project, name, message):
    before = project.theme_registry.read_text(encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        new_theme(project, name, "Title", "标题")
    assert str(caught.value) == message
    assert project.theme_registry.read_text(encoding="utf-8") == before


def test_a_leftover_notebook_is_not_overwritten(project):
    (project.notebooks / "weather.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(UsageError, match="^notebooks/weather.ipynb already exists; choose another name or remove it$"):
        new_theme(project, "weather", "Weather", "天气")
    assert load_ledger().facts  # the real project is untouched by any of this
