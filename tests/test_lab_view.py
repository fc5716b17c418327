"""JupyterLab's view of a chapter (chapters/lab_view.py) and how dev.sh lab starts JupyterLab (lab.py)."""

from pathlib import Path

from conftest import ROOT, ledger as load_ledger
from jinjiang_report.chapters.lab_view import LabValue, bilingual_values, page_hrefs
from jinjiang_report.chapters.present import Writer
from jinjiang_report.lab import lab_command, lab_environment, stylesheet, write_config
from jinjiang_report.project import Project


def test_a_fact_links_to_the_published_source_page_or_else_to_the_ledger(tmp_path):
    project = Project.at(tmp_path)
    assert page_hrefs(project, "zh") == {"source.html": "../data/facts.csv", "sources.html": "../data/facts.csv"}
    (tmp_path / "site" / "zh").mkdir(parents=True)
    (tmp_path / "site" / "zh" / "source.html").write_text("", encoding="utf-8")
    assert page_hrefs(project, "zh")["source.html"] == "../site/zh/source.html"


def test_a_prose_value_carries_both_languages_and_keeps_the_kernels_as_text(monkeypatch):
    from jinjiang_report.chapters.chapter import Chapter

    monkeypatch.setenv("JPY_SESSION_NAME", "notebooks/export.ipynb")
    chapter = Chapter("export", ledger="data/facts.csv", lang="en")
    values = bilingual_values(chapter)
    ledger = load_ledger()
    fact = ledger.facts["exp_expo_deals"]
    value = values["exp_expo_deals"]
    assert isinstance(value, LabValue) and repr(value) == Writer("en", ledger.vocabulary).fact(fact)
    shown = value._repr_html_()
    for code in ("en", "zh"):
        assert Writer(code, ledger.vocabulary).fact(fact) in shown
    assert shown.count('href="../') == 2 and 'href="source.html' not in shown
    assert 'data-jr-lang="zh" hidden' in shown and "<script>" in shown
    assert values["exp_expo_deals_period"].texts["zh"] == Writer("zh", ledger.vocabulary).period(fact.period)


def test_lab_serves_the_repository_with_the_books_chinese_font(tmp_path):
    folder = write_config(tmp_path / "config", ROOT / "pyproject.toml")  # any file stands for the font
    assert (folder / "custom" / "custom.css").read_text(encoding="utf-8") == stylesheet()
    assert (folder / "custom" / "NotoSansSC-Regular.otf").read_bytes() == (ROOT / "pyproject.toml").read_bytes()
    assert 'unicode-range: U+2E80-9FFF' in stylesheet() and "--jp-content-font-family" in stylesheet()
    command = lab_command(Project.at(ROOT), Path("jupyter"), ["--port=9"])
    assert "--LabApp.custom_css=True" in command and f"--ServerApp.root_dir={ROOT}" in command
    assert "--LabApp.default_url=/lab/tree/notebooks" in command and command[-1] == "--port=9"
    environment = lab_environment(folder, "/home/a/.jupyter", {"JUPYTER_CONFIG_PATH": "/etc/x"})
    assert environment["JUPYTER_CONFIG_DIR"] == str(folder)
    assert environment["JUPYTER_CONFIG_PATH"].split(":") == ["/home/a/.jupyter", "/etc/x"]
    assert environment["JUPYTERLAB_SETTINGS_DIR"] == "/home/a/.jupyter/lab/user-settings"
