"""The run's cache key (runs/cache.py): it changes with what a run depends on, and only with that."""

import json
import shutil

import pytest

from conftest import ROOT, ledger as load_ledger
from jinjiang_report.runs.cache import cache_key


@pytest.fixture(scope="module")
def verified():
    return load_ledger()


@pytest.fixture
def notebook(tmp_path):
    path = tmp_path / "export.ipynb"
    shutil.copy(ROOT / "notebooks" / "export.ipynb", path)
    return path


PARAMETERS = {"lang": "en", "chart_format": "svg"}


def key(notebook, verified, parameters=PARAMETERS, theme="export", code=b"code"):
    return cache_key(notebook, theme, parameters, verified, code)


def rewrite(path, change):
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_the_key_is_stable_and_follows_its_inputs(notebook, verified):
    first = key(notebook, verified)
    assert key(notebook, verified) == first
    assert key(notebook, verified, {**PARAMETERS, "lang": "zh"}) != first
    assert key(notebook, verified, code=b"other code") != first
    assert key(notebook, verified, theme="hospital") != first


def test_metadata_and_outputs_do_not_change_the_key_but_sources_and_tags_do(notebook, verified):
    first = key(notebook, verified)
    rewrite(notebook, lambda nb: nb["cells"][4].update(execution_count=7, outputs=[{"output_type": "stream"}]))
    rewrite(notebook, lambda nb: nb["cells"][0]["metadata"].update(user_expressions=[], papermill={"duration": 1}))
    assert key(notebook, verified) == first
    rewrite(notebook, lambda nb: nb["cells"][0]["metadata"]["tags"].append("remove-cell"))
    tagged = key(notebook, verified)
    assert tagged != first
    rewrite(notebook, lambda nb: nb["cells"][0].update(source="# Export channels, edited"))
    assert key(notebook, verified) not in (first, tagged)


def test_another_themes_data_does_not_change_the_key(notebook, verified, data_copy):
    first = key(notebook, verified)
    facts = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(facts.replace("Homes sold in the window", "Homes sold in the whole window"),
                         encoding="utf-8")
    changed = load_ledger(data_copy)
    assert key(notebook, changed) == first  # a livelihood fact: not export's
    data_copy.write_text(facts.replace("Overseas service centres", "Overseas service centres (all)"),
                         encoding="utf-8")
    assert key(notebook, load_ledger(data_copy)) != first


def test_any_entry_of_the_outside_context_register_changes_every_key(notebook, verified, data_copy):
    """Every chapter publishes every entry of data/context, so an edit of any file there reruns them all."""
    first = key(notebook, verified)
    register = data_copy.parent / "context" / "zz-test.yaml"
    register.parent.mkdir(exist_ok=True)
    register.write_text("an_entry:\n  en: a statement\n  zh: 一个说法\n  basis_en: a basis\n  basis_zh: 依据\n"
                        "  title_en: An entry\n  title_zh: 一条\n",
                        encoding="utf-8")
    changed = load_ledger(data_copy)
    assert "an_entry" in changed.context
    assert key(notebook, changed) != first
    assert key(notebook, changed, theme="hospital") != key(notebook, verified, theme="hospital")


def test_the_package_digest_covers_the_files_it_publishes_but_not_bytecode(tmp_path, monkeypatch):
    import jinjiang_report.project as project

    package = tmp_path / "package"
    (package / "static").mkdir(parents=True)
    (package / "module.py").write_text("x = 1\n", encoding="utf-8")
    (package / "static" / "review.css").write_text("a {}\n", encoding="utf-8")
    monkeypatch.setattr(project, "PACKAGE_DIR", package)
    lockfile = tmp_path / "requirements.lock"
    before = project.package_digest(lockfile)
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"compiled")
    assert project.package_digest(lockfile) == before
    (package / "static" / "review.css").write_text("a { color: red }\n", encoding="utf-8")
    assert project.package_digest(lockfile) != before
