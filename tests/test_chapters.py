"""Chapters follow the ledger: an alternative ledger and source with other values change the book's numbers."""

import json
import re
import shutil

import nbformat
import pytest

from conftest import ROOT, THEMES, chart_images, run_cli

CHANGES = [  # (old text in source and ledger, new text, fact id, old value, new value)
    ("740.38亿元", "812.5亿元", "exp_expo_deals", "74038000000", "81250000000"),
    ("超774家", "超800家", "inno_whitelist_firms", "774", "800"),
    ("超39.41亿元", "超40亿元", "inno_whitelist_credit", "3941000000", "4000000000"),
    ("1/4", "1/5", "exp_umbrella_share", "25", "20"),
    ("233套", "340套", "liv_homes_sold", "233", "340"),
    ("晋江市中医院", "晋江市妇幼保健院", None, None, None),  # an entity, not a fact
]


@pytest.fixture(scope="module")
def alternative(tmp_path_factory):
    """A copy of data/ whose source and ledger say other numbers, and the chapters run on it."""
    base = tmp_path_factory.mktemp("alternative")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    source = data / "sources" / "alternative.txt"
    text = (ROOT / "data" / "sources" / "000_a8f4d2176e64930d.txt").read_text(encoding="utf-8")
    quoting = [p for p in data.rglob("*") if p.suffix in (".csv", ".yaml")]
    for old, new, fact_id, old_value, new_value in CHANGES:
        text = text.replace(old, new)
        for path in quoting:
            path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        if fact_id is None:
            continue
        facts = (data / "facts.csv").read_text(encoding="utf-8")
        row = next(line for line in facts.splitlines() if line.startswith(fact_id + ","))
        facts = facts.replace(row, row.replace(f",{old_value},", f",{new_value},"))
        (data / "facts.csv").write_text(facts, encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    build = base / "build"
    result = run_cli("run", "-p", f"ledger={data / 'facts.csv'}",
                     "-p", f"source={source}", build_dir=build)
    assert result.returncode == 0, result.stderr
    return build


def glued(build, notebook):
    """key -> text/html of every glued value in an executed notebook."""
    nb = nbformat.read(build / "executed" / notebook, as_version=4)
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            key = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if key:
                data = {k.rsplit("record/", 1)[-1]: v for k, v in output["data"].items()}
                values[key] = data.get("text/html", "")
    return values


def figure_alts(build, notebook):
    nb = nbformat.read(build / "executed" / notebook, as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    return re.findall(r'alt="([^"]*)"', html)


def test_numbers_follow_the_alternative_ledger(alternative, built_site):
    new = glued(alternative, "export.ipynb")
    default = glued(built_site.build_dir, "export.ipynb")
    assert ">CNY 81.25 billion<" in new["exp_expo_deals"]
    assert ">CNY 74.038 billion<" in default["exp_expo_deals"]
    innovation = glued(alternative, "innovation.ipynb")
    assert ">more than 800 firms<" in innovation["inno_whitelist_firms"]
    assert ">about CNY 5 million<" in innovation["inno_avg_credit_per_whitelist_firm"]


def test_livelihood_and_hospital_follow_the_alternative_data(alternative, built_site):
    livelihood = glued(alternative, "livelihood.ipynb")
    assert ">340<" in livelihood["liv_homes_sold"]
    assert ">20<" in livelihood["liv_homes_sold_per_day"]  # 340 homes over the 17-day window
    assert ">13.71<" in glued(built_site.build_dir, "livelihood.ipynb")["liv_homes_sold_per_day"]
    nb = nbformat.read(alternative / "executed" / "hospital.ipynb", as_version=4)
    html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "晋江市妇幼保健院" in html and "晋江市中医院" not in html


def test_every_chapter_runs_in_chinese(tmp_path):
    build = tmp_path / "build"
    result = run_cli("run", "-p", "lang=zh", "-p", "chart_format=png", build_dir=build)
    assert result.returncode == 0, result.stderr
    assert ">超774家<" in glued(build, "innovation.ipynb")["inno_whitelist_firms"]
    assert ">740.38亿元<" in glued(build, "export.ipynb")["exp_expo_deals"]
    assert ">12.08万名<" in glued(build, "livelihood.ipynb")["liv_migrant_children"]
    charts = [image for theme in THEMES.values() for image in chart_images(build / "executed" / theme.notebook).values()]
    assert len(charts) == 6 and all(image.startswith(b"\x89PNG") for image in charts)


def test_chart_data_follows_the_alternative_ledger(alternative, built_site):
    new = [a for a in figure_alts(alternative, "export.ipynb") if a.startswith("Bar chart of Jinjiang")]
    old = [a for a in figure_alts(built_site.build_dir, "export.ipynb") if a.startswith("Bar chart of Jinjiang")]
    assert "Umbrellas 20%" in new[0] and "Umbrellas 25%" in old[0]
    report = json.loads((alternative / "run-report.json").read_text())
    assert all("alternative.txt" in r["parameters"]["source"] for r in report["notebooks"])


def test_figures_are_deterministic_and_cjk_renders(built_site, tmp_path):
    figures = [image for theme in THEMES.values()
               for image in chart_images(built_site.build_dir / "executed" / theme.notebook).values()]
    assert len(figures) >= 5
    for figure in figures:
        text = figure.decode("utf-8")
        assert text.startswith("<?xml") and "<dc:date>" not in text  # an SVG without a timestamp
    rerun = run_cli("run", "hospital", "-p", "lang=zh", build_dir=tmp_path / "build")
    assert rerun.returncode == 0, rerun.stderr
    zh = chart_images(tmp_path / "build" / "executed" / "hospital.ipynb")["indicator-status"]
    en = chart_images(built_site.build_dir / "executed" / "hospital.ipynb")["indicator-status"]
    assert zh != en  # Chinese labels drawn as glyph paths, not the English ones


def test_every_figure_has_alt_text_and_a_caption_citing_facts(built_site):
    for notebook in ["innovation.ipynb", "export.ipynb", "livelihood.ipynb", "hospital.ipynb"]:
        nb = nbformat.read(built_site.build_dir / "executed" / notebook, as_version=4)
        html = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
        figures = re.findall(r"<figure.*?</figure>", html, re.S)
        assert figures, notebook
        for figure in figures:
            alt = re.search(r'alt="([^"]*)"', figure).group(1)
            assert len(alt) > 40 and ".svg" not in alt, (notebook, alt)
            assert "<figcaption>" in figure and "Facts:" in figure
