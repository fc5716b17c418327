"""Lint: the house rules catch what they should, name the cell as JupyterLab counts it, and pass the project."""

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, THEMES, ledger as load_ledger
from jinjiang_report.checks.lint import lint
from jinjiang_report.checks.prose import prose_lines
from jinjiang_report.project import Project
from jinjiang_report.themes import load_themes


@pytest.fixture(scope="module")
def verified():
    return load_ledger()


@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the notebooks and book pages a test may break."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    return Project.at(tmp_path)


def findings(project: Project, verified) -> list[str]:
    return [str(f) for f in lint(project, load_themes(project.theme_registry), verified)]


def edit_cell(project: Project, notebook: str, position: int, change) -> dict:
    """Apply ``change(cell)`` to the cell at 1-based ``position``; return the cell."""
    path = project.notebooks / notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = nb["cells"][position - 1]
    change(cell)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return cell


def replace_in_cell(project, notebook, position, old, new) -> str:
    def change(cell):
        text = "".join(cell["source"])
        assert old in text, (notebook, position, old)
        cell["source"] = text.replace(old, new, 1)
    return edit_cell(project, notebook, position, change)["id"]


def test_the_project_passes_lint(verified):
    assert [str(f) for f in lint(Project.at(ROOT), THEMES, verified)] == []


def test_a_typed_number_is_named_by_cell_id_and_line(project, verified):
    cell_id = replace_in_cell(project, "export.ipynb", 7, "the page says, drove", "the page says, drove 12.5%")
    assert findings(project, verified) == [
        f"notebooks/export.ipynb: cell 7 (id {cell_id}), line 4: number '12.5%' typed into prose; "
        "give it through {eval}`key`"]


def test_digits_in_markup_are_not_prose():
    text = ("See `2025` and {eval}`exp_firms_h1` or {glue}`a.ipynb::x2`, [a link](page2.md#sec-3) and\n"
            "(label-4)=\n```python\nx = 5\n```\n1. a list item <span id=\"n6\">x</span> https://x.org/7")
    assert not any(ch.isdigit() for line in prose_lines(text) for ch in line)


def test_number_words_count_only_when_they_are_fact_values(project, verified):
    # 3 is the value of facts (three medical groups, ...); 11 is the value of none
    cell_id = replace_in_cell(project, "export.ipynb", 9, "overseas chambers of commerce",
                              "eleven overseas chambers of commerce in three waves")
    assert findings(project, verified) == [
        f"notebooks/export.ipynb: cell 9 (id {cell_id}), line 4: number word 'three' is the value of a fact; "
        "give it through {eval}`key`"]


def test_chinese_numerals_before_a_measure_word_count_when_they_are_fact_values(project, verified):
    # 十四个 is 14, the number of industry development groups; 两项 is 2, the value of no fact
    cell_id = replace_in_cell(project, "innovation.ipynb", 6, "## 要点\n", "## 要点\n\n共有十四个小组，两项政策。\n")
    assert findings(project, verified) == [
        f"notebooks/innovation.ipynb: cell 6 (id {cell_id}), line 3: number '十四' before a measure word is the "
        "value of a fact; give it through {eval}`key`"]


def test_stored_outputs_and_metadata_are_found(project, verified):
    def executed(cell):
        cell.update(execution_count=3, outputs=[{"output_type": "stream", "name": "stdout", "text": "x"}])
    code_id = edit_cell(project, "hospital.ipynb", 4, executed)["id"]
    prose_id = edit_cell(project, "hospital.ipynb", 5,
                         lambda cell: cell["metadata"].update(user_expressions=[]))["id"]
    assert findings(project, verified) == [
        f"notebooks/hospital.ipynb: cell 4 (id {code_id}), line 1: stored with outputs and an execution count; "
        "run jinjiang-report clean",
        f"notebooks/hospital.ipynb: cell 5 (id {prose_id}), line 1: stored with metadata user_expressions; "
        "run jinjiang-report clean"]


def test_unknown_eval_names_are_found_and_glued_names_known(project, verified):
    en = replace_in_cell(project, "hospital.ipynb", 5, "{eval}`hospitals_inspected`", "{eval}`hospitals_inspectd`")
    zh = replace_in_cell(project, "hospital.ipynb", 6, "{eval}`hospitals_inspected`", "{eval}`hospitals_inspectd`")
    message = ("names nothing the chapter publishes (a fact or derived id of the theme, <fact>_period, ctx_<id>, "
               "or a name glued by chapter.count/chapter.glue)")
    assert findings(project, verified) == [
        f"notebooks/hospital.ipynb: cell 5 (id {en}), line 3: {{eval}}`hospitals_inspectd` {message}",
        f"notebooks/hospital.ipynb: cell 6 (id {zh}), line 3: {{eval}}`hospitals_inspectd` {message}"]


def test_a_cell_without_its_partner_is_named(project, verified):
    def untag(cell):
        cell["metadata"]["tags"] = []
    zh = edit_cell(project, "hospital.ipynb", 9, untag)["id"]
    en = json.loads((project.notebooks / "hospital.ipynb").read_text())["cells"][7]["id"]
    assert findings(project, verified) == [
        f"notebooks/hospital.ipynb: cell 8 (id {en}), line 1: lang-en cell has no lang-zh partner next to it; "
        "write the zh version right before or after it",
        f"notebooks/hospital.ipynb: cell 9 (id {zh}), line 1: Markdown cell has no language tag; "
        "tag it lang-en or lang-zh"]


def test_partners_show_the_same_values_under_the_same_headings(project, verified):
    zh = replace_in_cell(project, "export.ipynb", 10, "{eval}`exp_service_centres`", "若干")
    zh_heading = replace_in_cell(project, "export.ipynb", 8, "## ", "### ")  # its heading, a level down
    en = json.loads((project.notebooks / "export.ipynb").read_text())["cells"][8]["id"]
    assert findings(project, verified) == [
        f"notebooks/export.ipynb: cell 8 (id {zh_heading}), line 1: heading levels [3] differ from its lang-en "
        "partner's (cell 7: [2])",
        f"notebooks/export.ipynb: cell 10 (id {zh}), line 1: lang-zh lacks {{eval}}`exp_service_centres` that its "
        f"lang-en partner (cell 9) shows"]
    assert en  # the English cell is complete: nothing is reported on it


def test_a_claim_kind_left_unsaid_is_found(project, verified):
    def unsay(cell):
        cell["source"] = "".join(cell["source"]).replace("in intended deals", "in deals").replace(
            "intended deals record", "deals record").replace("sales and intended deals", "sales and deals")
    cell = edit_cell(project, "export.ipynb", 7, unsay)
    line = next(i for i, l in enumerate(cell["source"].split("\n"), 1) if "exp_expo_deals" in l)
    assert findings(project, verified) == [
        f"notebooks/export.ipynb: cell 7 (id {cell['id']}), line {line}: exp_expo_deals is a claim of kind "
        "'intended'; say so in this cell with one of: intended"]


def test_the_registry_and_the_folder_agree(project, verified):
    shutil.copy(project.notebooks / "hospital.ipynb", project.notebooks / "draft.ipynb")
    registry = project.theme_registry.read_text(encoding="utf-8")
    project.theme_registry.write_text(registry.replace("notebook: hospital.ipynb", "notebook: hospitals.ipynb"),
                                      encoding="utf-8")
    line = next(i for i, l in enumerate(registry.splitlines(), 1) if l.startswith("- name: hospital"))
    assert [str(f) for f in lint(project, load_themes(project.theme_registry), verified, pages=False)] == [
        f"notebooks/themes.yaml: line {line}: theme 'hospital': notebook notebooks/hospitals.ipynb not found",
        "notebooks/draft.ipynb: not registered in notebooks/themes.yaml; add an entry for it "
        "(jinjiang-report new-theme makes one)",
        "notebooks/hospital.ipynb: not registered in notebooks/themes.yaml; add an entry for it "
        "(jinjiang-report new-theme makes one)"]


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_a_number_typed_into_a_book_page_is_named_by_line(project, verified):
    intro = project.book / "intro.md"
    text = intro.read_text(encoding="utf-8").replace("## Executive summary\n\n", "## Executive summary\n\nIn 2025, ")
    intro.write_text(text, encoding="utf-8")
    assert findings(project, verified) == [
        f"book/intro.md: line {line_of(text, 'In 2025, ')}: number '2025' typed into prose; give it through "
        "{glue}`notebook.ipynb::key`"]


def test_an_unknown_glue_name_in_a_book_page_is_found(project, verified):
    intro = project.book / "intro.md"
    text = intro.read_text(encoding="utf-8").replace("innovation.ipynb::inno_task_forces", "innovation.ipynb::task_forces")
    intro.write_text(text, encoding="utf-8")
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "innovation.ipynb::task_forces`" in line]
    assert len(lines) == 2  # the English block and the Chinese one
    assert findings(project, verified) == [
        f"book/intro.md: line {line}: {{glue}}`innovation.ipynb::task_forces`: innovation.ipynb publishes no "
        "'task_forces'" for line in lines]


def test_a_book_block_without_its_partner_is_named(project, verified):
    intro = project.book / "intro.md"
    text = intro.read_text(encoding="utf-8").replace('+++ {"tags": ["lang-zh"]}\n## 阅读说明', "## 阅读说明")
    intro.write_text(text, encoding="utf-8")
    assert findings(project, verified) == [
        f"book/intro.md: line {line_of(text, '## How to read this book')}: lang-en block has no lang-zh partner "
        "next to it; write the zh version right before or after it"]


def test_lint_command_prints_one_line_per_finding_then_a_summary(project, verified, capsys, monkeypatch):
    from jinjiang_report import cli

    replace_in_cell(project, "export.ipynb", 7, "the page says, drove", "the page says, drove 12.5%")
    monkeypatch.setenv("JINJIANG_REPORT_ROOT", str(project.root))
    (project.root / "data").symlink_to(ROOT / "data")
    assert cli.main(["lint"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and err[0].startswith("notebooks/export.ipynb: cell 7 (id ")
    assert err[1] == "error: lint found 1 problem in 1 file"


def test_lint_knows_every_name_a_chapter_publishes(verified, monkeypatch, tmp_path):
    """What lint accepts in {eval} is exactly what Chapter puts in the kernel's namespace."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from jinjiang_report.chapters.chapter import Chapter
    from jinjiang_report.chapters.published import published_keys

    shell = InteractiveShell.instance()
    monkeypatch.setenv("JINJIANG_REPORT_BUILD", str(tmp_path))
    for theme in THEMES:
        before = set(shell.user_ns)
        with capture_output():
            Chapter(theme, ledger="data/facts.csv")
        assert set(shell.user_ns) - before <= published_keys(verified, theme), theme
        assert {k for k in published_keys(verified, theme) if k not in shell.user_ns} == set(), theme


def test_a_title_that_is_not_the_registrys_is_found(project, verified):
    cell_id = replace_in_cell(project, "hospital.ipynb", 2, "# “无陪护”病房试点", "# 无陪护病房试点")
    assert findings(project, verified) == [
        f"notebooks/hospital.ipynb: cell 2 (id {cell_id}), line 1: title '无陪护病房试点' is not the registry's "
        "'“无陪护”病房试点' (notebooks/themes.yaml); make them the same"]
