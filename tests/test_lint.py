"""Lint: the house rules catch what they should, name the cell as JupyterLab counts it, and pass the project."""

import json
import shutil
import subprocess
from decimal import Decimal

import pytest

from conftest import ROOT, THEMES, ledger as load_ledger
from jupyterlab_save import saved_after_run_all
from jinjiang_report.house_rules.lint import lint
from jinjiang_report.house_rules.prose import prose_lines
from jinjiang_report.house_rules.typed_numbers import ledger_values
from jinjiang_report.project import Project
from jinjiang_report.themes import load_themes
from planted import write_chapter, write_page


@pytest.fixture(scope="module")
def verified():
    return load_ledger()


@pytest.fixture
def project(tmp_path) -> Project:
    """A copy of the notebooks and book pages a test may break."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "book", tmp_path / "book")
    return Project.at(tmp_path)


def findings(project: Project, verified, theme: str = "hospital") -> list[str]:
    """Lint's findings on one theme's notebook (the book's pages left out)."""
    return [str(f) for f in lint(project, load_themes(project.theme_registry), verified, selected=[theme],
                                 pages=False)]


def planted(project: Project, verified, theme: str, *items, title=None) -> list[str]:
    """Lint's findings on ``theme``'s notebook written as ``items`` (see planted.write_chapter)."""
    write_chapter(project, theme, *items, title=title)
    return [str(f) for f in lint(project, load_themes(project.theme_registry), verified, selected=[theme],
                                 pages=False)]


def edit_cell(project: Project, notebook: str, position: int, change) -> dict:
    """Apply ``change(cell)`` to the cell at 1-based ``position``; return the cell."""
    path = project.notebooks / notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = nb["cells"][position - 1]
    change(cell)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return cell


def test_the_project_passes_lint(verified):
    assert [str(f) for f in lint(Project.at(ROOT), THEMES, verified)] == []


def test_a_typed_number_is_named_by_cell_id_and_line(project, verified):
    assert planted(project, verified, "export", ("The page says so.\nIt drove 12.5% of sales.", "版面如此说。")) == [
        "notebooks/export.ipynb: cell 4 (id en000001), line 2: number '12.5%' typed into prose; "
        "give it through {eval}`key`"]


def test_digits_in_markup_are_not_prose():
    text = ("See `2025` and {eval}`exp_firms_h1` or {glue}`a.ipynb::x2`, [a link](page2.md#sec-3) and\n"
            "(label-4)=\n```python\nx = 5\n```\n1. a list item <span id=\"n6\">x</span> https://x.org/7")
    assert not any(ch.isdigit() for line in prose_lines(text) for ch in line)


def test_number_words_count_only_when_they_are_fact_values(project, verified):
    values = ledger_values(verified)
    assert Decimal(3) in values and Decimal(11) not in values
    assert planted(project, verified, "export", ("Eleven chambers,\nin three waves.", "商会分批设立。")) == [
        "notebooks/export.ipynb: cell 4 (id en000001), line 2: number word 'three' is the value of a fact; "
        "give it through {eval}`key`"]


def test_chinese_numerals_before_a_measure_word_count_when_they_are_fact_values(project, verified):
    values = ledger_values(verified)
    assert Decimal(14) in values and Decimal(2) not in values
    assert planted(project, verified, "innovation", ("## Findings\n\nGroups and policies.", "## 要点\n\n共有十四个小组，两项政策。")) == [
        "notebooks/innovation.ipynb: cell 5 (id zh000001), line 3: number '十四' before a measure word is the "
        "value of a fact; give it through {eval}`key`"]


def test_a_jupyterlab_save_after_run_all_leaves_only_the_real_problem(project, verified):
    """Outputs, counts, user_expressions and the kernel's language_info are what a save in JupyterLab
    leaves; lint judges the clean form and names only the typed number."""
    write_chapter(project, "export", ("Exports, the page says, drove 12.5% more.", "出口增长。"))
    path = project.notebooks / "export.ipynb"
    path.write_text(saved_after_run_all(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert findings(project, verified, "export") == [
        "notebooks/export.ipynb: cell 4 (id en000001), line 1: number '12.5%' typed into prose; "
        "give it through {eval}`key`"]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_lint_stored_judges_what_git_stores(project, verified):
    """--stored reads git's index: outputs in the working copy pass, outputs committed do not."""
    def git(*args):
        subprocess.run(["git", "-C", str(project.root), *args], check=True, capture_output=True)
    git("init", "-q")
    git("add", ".")
    themes = load_themes(project.theme_registry)
    path = project.notebooks / "hospital.ipynb"
    path.write_text(saved_after_run_all(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert lint(project, themes, verified, stored=True) == []
    git("add", "notebooks/hospital.ipynb")  # no filter configured: stored as saved
    code = json.loads(path.read_text(encoding="utf-8"))["cells"][3]
    hint = ("set up git's filter (bash tools/dev.sh setup) and git add it again, or run jinjiang-report clean "
            "on it and git add it")
    found = [str(f) for f in lint(project, themes, verified, stored=True)]
    assert found[0] == ("notebooks/hospital.ipynb (as git stores it): stored with notebook metadata "
                        "language_info.codemirror_mode, language_info.file_extension, language_info.mimetype, "
                        "language_info.nbconvert_exporter, language_info.pygments_lexer, language_info.version; "
                        f"{hint}")
    assert (f"notebooks/hospital.ipynb (as git stores it): cell 4 (id {code['id']}), line 1: stored with outputs "
            f"and an execution count and metadata execution; {hint}") in found
    assert [str(f) for f in lint(project, themes, verified)] == []  # without --stored: the working copy only


def test_unknown_eval_names_are_found_and_glued_names_known(project, verified):
    message = ("names nothing the chapter publishes (a fact or derived id of the theme, <fact>_period, ctx_<id>, "
               "or a name glued by chapter.count/chapter.glue)")
    assert planted(project, verified, "hospital", 'chapter.count("hospitals_inspected", [])',
                   ("It saw {eval}`hospitals_inspected`,\nnot {eval}`hospitals_inspectd`.",
                    "走访{eval}`hospitals_inspected`家，\n{eval}`hospitals_inspectd`。")) == [
        f"notebooks/hospital.ipynb: cell 5 (id en000002), line 2: {{eval}}`hospitals_inspectd` {message}",
        f"notebooks/hospital.ipynb: cell 6 (id zh000002), line 2: {{eval}}`hospitals_inspectd` {message}"]


def test_a_cell_without_its_partner_is_named(project, verified):
    write_chapter(project, "hospital", ("One.", "一。"), ("Two.", "二。"))
    edit_cell(project, "hospital.ipynb", 7, lambda cell: cell["metadata"].update(tags=[]))
    assert findings(project, verified) == [
        "notebooks/hospital.ipynb: cell 6 (id en000002), line 1: lang-en cell has no lang-zh partner next to it; "
        "write the zh version right before or after it",
        "notebooks/hospital.ipynb: cell 7 (id zh000002), line 1: Markdown cell has no language tag; "
        "tag it lang-en or lang-zh"]


def test_partners_show_the_same_values_under_the_same_headings(project, verified):
    assert planted(project, verified, "export",
                   ("## Channels\n\nWarehouses: {eval}`exp_consolidation_warehouses`.", "### 通道\n\n集货仓若干。")) == [
        "notebooks/export.ipynb: cell 5 (id zh000001), line 1: lang-zh lacks {eval}`exp_consolidation_warehouses` that its "
        "lang-en partner (cell 4) shows",
        "notebooks/export.ipynb: cell 5 (id zh000001), line 1: heading levels [3] differ from its lang-en "
        "partner's (cell 4: [2])"]


def test_a_claim_kind_left_unsaid_is_found(project, verified):
    assert verified.facts["exp_expo_deals"].claim == "intended"
    assert planted(project, verified, "export", ("The fair:\n{eval}`exp_expo_deals` in deals.",
                                                 "展会意向成交{eval}`exp_expo_deals`。")) == [
        "notebooks/export.ipynb: cell 4 (id en000001), line 2: exp_expo_deals is a claim of kind "
        "'intended'; say so in its paragraph with one of: intended"]
    assert planted(project, verified, "export", ("The fair: {eval}`exp_expo_deals` in intended deals.",
                                                 "展会意向成交{eval}`exp_expo_deals`。")) == []


def test_a_claim_word_broken_across_lines_still_counts(project, verified):
    assert verified.facts["exp_overseas_chambers"].claim == "in_progress"
    assert planted(project, verified, "export", ("The {eval}`exp_overseas_chambers` chambers are still under\n   way.",
                                                 "{eval}`exp_overseas_chambers`商会正\n在筹建。")) == []
    assert planted(project, verified, "export", ("The {eval}`exp_overseas_chambers` chambers are still under\n\nway.",
                                                 "{eval}`exp_overseas_chambers`商会正在筹建。")) != []


def test_a_word_printed_twice_after_a_figure_is_found(project, verified):
    """三大医共体 is written whole, so prose that adds 医共体 again would print it twice."""
    assert planted(project, verified, "livelihood",
                   ("Groups: {eval}`liv_medical_groups` medical communities.", "医共体：{eval}`liv_medical_groups`医共体。")) == [
        "notebooks/livelihood.ipynb: cell 5 (id zh000001), line 1: liv_medical_groups is written '三大医共体' and the "
        "text after it repeats '医共体'; delete the repeated words"]
    assert planted(project, verified, "livelihood",
                   ("Groups: {eval}`liv_medical_groups` medical communities.", "医共体：{eval}`liv_medical_groups`。")) == []


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


def page_findings(project: Project, verified, *blocks) -> list[str]:
    """Lint's findings on book/intro.md written as ``blocks`` (the other pages left out)."""
    for page in project.book.glob("*.md"):
        page.unlink()
    write_page(project, "intro", *blocks)
    return [str(f) for f in lint(project, load_themes(project.theme_registry), verified, selected=[])
            if f.file.startswith("book/")]


def test_a_number_typed_into_a_book_page_is_named_by_line(project, verified):
    assert page_findings(project, verified, ("## Summary\n\nIn 2025, it grew.", "## 摘要\n\n增长了。")) == [
        "book/intro.md: line 5: number '2025' typed into prose; give it through {glue}`notebook.ipynb::key`"]


def test_an_unknown_glue_name_in_a_book_page_is_found(project, verified):
    assert page_findings(project, verified, ("Forces: {glue}`innovation.ipynb::task_forces`.",
                                             "{glue}`innovation.ipynb::task_forces`个专班。")) == [
        f"book/intro.md: line {line}: {{glue}}`innovation.ipynb::task_forces`: innovation.ipynb publishes no "
        "'task_forces'" for line in (3, 7)]


def test_a_book_block_without_its_partner_is_named(project, verified):
    for page in project.book.glob("*.md"):
        page.unlink()
    (project.book / "intro.md").write_text('+++ {"tags": ["lang-en"]}\n## How to read this book\n\n'
                                           "Read it.\n\n## 阅读说明\n", encoding="utf-8")
    assert [str(f) for f in lint(project, load_themes(project.theme_registry), verified, selected=[])
            if f.file.startswith("book/")] == [
        "book/intro.md: line 2: lang-en block has no lang-zh partner next to it; write the zh version right "
        "before or after it"]


def test_lint_command_prints_one_line_per_finding_then_a_summary(project, verified, capsys, monkeypatch):
    from jinjiang_report import cli

    for theme in THEMES:  # every notebook a bare title, no pages: only what is planted is found
        write_chapter(project, theme)
    for page in project.book.glob("*.md"):
        page.unlink()
    write_chapter(project, "export", ("It drove 12.5% of sales.", "版面如此说。"))
    monkeypatch.setenv("JINJIANG_REPORT_ROOT", str(project.root))
    (project.root / "data").symlink_to(ROOT / "data")
    assert cli.main(["lint"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["notebooks/export.ipynb: cell 4 (id en000001), line 1: number '12.5%' typed into prose; "
                   "give it through {eval}`key`", "error: lint found 1 problem in 1 file"]


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
    assert planted(project, verified, "hospital", title={"en": "Hospital pilot", "zh": "无陪护病房试点"}) == [
        "notebooks/hospital.ipynb: cell 3 (id zh000000), line 1: title '无陪护病房试点' is not the registry's "
        "'“无陪护”病房试点' (notebooks/themes.yaml); make them the same"]


def test_a_code_cell_the_book_would_print_is_found(project, verified):
    """A cell added in JupyterLab has no tags: its code would appear in both editions."""
    path = project.notebooks / "hospital.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"].insert(4, {"cell_type": "code", "execution_count": None, "id": "added", "metadata": {},
                           "outputs": [], "source": ["chapter.computed()"]})
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    assert findings(project, verified) == [
        "notebooks/hospital.ipynb: cell 5 (id added), line 1: code cell without a remove-input tag: the book would "
        "print its code; tag it remove-input (its output stays), remove-cell (nothing shows) or hide-input "
        "(code folded)"]


def test_a_claim_kind_is_said_in_the_paragraph_or_list_item_that_shows_the_figure(project, verified):
    """The words in another paragraph of the same block do not count: a reader meets the figure in its own."""
    assert verified.facts["exp_service_centres"].claim == "set_up"
    en = ("1. Bodies were set up.\n2. Centres: {glue}`export.ipynb::exp_service_centres`.",
          "1. 设立了机构。\n2. 服务中心：{glue}`export.ipynb::exp_service_centres`。")
    assert page_findings(project, verified, en) == [
        f"book/intro.md: line {line}: exp_service_centres is a claim of kind 'set_up'; say so in its paragraph "
        f"with one of: {words}" for line, words in ((4, "set up"), (9, "设立"))]
    said = ("1. Bodies.\n2. Centres set up: {glue}`export.ipynb::exp_service_centres`.",
            "1. 机构。\n2. 设立的服务中心：{glue}`export.ipynb::exp_service_centres`。")
    assert page_findings(project, verified, said) == []
