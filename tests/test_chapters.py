"""Chapters follow the ledger: an alternative ledger and source with other values change the book's numbers."""

import re
import shutil

import pytest

from conftest import EDITIONS, ROOT, THEMES, chapter_html, chart_images, glued, run_cli

pytestmark = pytest.mark.slow

CHANGES = [  # (old text in source and ledger, new text, fact id, old value, new value)
    ("740.38亿元", "812.5亿元", "exp_expo_deals", "74038000000", "81250000000"),
    ("超774家", "超800家", "inno_whitelist_firms", "774", "800"),
    ("超39.41亿元", "超40亿元", "inno_whitelist_credit", "3941000000", "4000000000"),
    ("1/4", "1/5", "exp_umbrella_share", "25", "20"),
    ("233套", "340套", "liv_homes_sold", "233", "340"),
    ("晋江市中医院", "晋江市妇幼保健院", None, None, None),  # an entity, not a fact
]
# The report's own reading changes too: the umbrella share becomes checkable against a document.
ASSESSMENT_CHANGE = ("exp_umbrella_share,context,needs_data,", "exp_umbrella_share,context,documented,")


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
    assessments = (data / "assessments.csv").read_text(encoding="utf-8")
    assert ASSESSMENT_CHANGE[0] in assessments
    (data / "assessments.csv").write_text(assessments.replace(*ASSESSMENT_CHANGE), encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    build = base / "build"
    result = run_cli("run", "-p", f"ledger={data / 'facts.csv'}",
                     "-p", f"source={source}", build_dir=build)
    assert result.returncode == 0, result.stderr
    return build


def test_numbers_follow_the_alternative_ledger(alternative, built_site):
    new = glued(alternative / "run" / "en" / "export.ipynb")
    default = glued(built_site.build_dir / "executed" / "en" / "export.ipynb")
    assert ">CNY 81.25 billion<" in new["exp_expo_deals"]
    assert ">CNY 74.038 billion<" in default["exp_expo_deals"]
    innovation = glued(alternative / "run" / "en" / "innovation.ipynb")
    assert ">more than 800 firms<" in innovation["inno_whitelist_firms"]
    assert ">about CNY 5 million<" in innovation["inno_avg_credit_per_whitelist_firm"]
    assert ">812.5亿元<" in glued(alternative / "run" / "zh" / "export.ipynb")["exp_expo_deals"]


def test_livelihood_and_hospital_follow_the_alternative_data(alternative, built_site):
    livelihood = glued(alternative / "run" / "en" / "livelihood.ipynb")
    assert ">340 homes<" in livelihood["liv_homes_sold"]
    default = glued(built_site.build_dir / "executed" / "en" / "livelihood.ipynb")
    assert ">233 homes<" in default["liv_homes_sold"]
    named = glued(alternative / "run" / "zh" / "hospital.ipynb")["hospitals_named"]
    assert "晋江市妇幼保健院" in named and "晋江市中医院" not in named
    assert "晋江市中医院" in glued(built_site.build_dir / "executed" / "zh" / "hospital.ipynb")["hospitals_named"]


def test_every_chapter_runs_in_chinese(tmp_path):
    build = tmp_path / "build"
    result = run_cli("run", "-p", "lang=zh", "-p", "chart_format=png", build_dir=build)
    assert result.returncode == 0, result.stderr
    assert sorted(p.parent.name for p in (build / "run").rglob("*.ipynb")) == ["zh"] * len(THEMES)
    assert not (build / "executed").exists()  # run leaves the book's copies alone
    assert ">超774家<" in glued(build / "run" / "zh" / "innovation.ipynb")["inno_whitelist_firms"]
    assert ">740.38亿元<" in glued(build / "run" / "zh" / "export.ipynb")["exp_expo_deals"]
    assert ">12.08万名<" in glued(build / "run" / "zh" / "livelihood.ipynb")["liv_migrant_children"]
    charts = [image for theme in THEMES.values()
              for image in chart_images(build / "run" / "zh" / theme.notebook).values()]
    assert all(image.startswith(b"\x89PNG") for image in charts)  # chart_format=png reaches any chart shown


def reading_row(facts, fact_id: str, source=None, edition: str = "en") -> str:
    """The appendix row of ``fact_id`` in "How the report reads each figure", built from the ledger ``facts``
    (checked against ``source`` when given)."""
    from jinjiang_report.facts.load import load_ledger
    from jinjiang_report.publish.pages import appendix_page

    page = appendix_page(EDITIONS[edition], load_ledger(facts, THEMES, source), THEMES)
    return re.search(rf"<tr><th[^>]*><code>{fact_id}</code></th>.*?</tr>", page)[0]


def test_the_appendix_reading_follows_the_alternative_ledger(alternative, built_site):
    """The report's reading of a figure (here how checkable it is) comes from the ledger's assessments."""
    default = reading_row(ROOT / "data" / "facts.csv", "exp_umbrella_share")
    data = alternative.parent / "data"
    new = reading_row(data / "facts.csv", "exp_umbrella_share", data / "sources" / "alternative.txt")
    assert "needs data" in default and "checkable against records" not in default
    assert "checkable against records" in new and "needs data" not in new
    report = (alternative / "run-report.json").read_text(encoding="utf-8")
    assert report.count("alternative.txt") == len(THEMES) * len(EDITIONS)


def test_every_chart_has_alt_text_and_a_caption(built_site):
    count = 0
    for edition in EDITIONS:
        for theme in THEMES.values():
            html = chapter_html(built_site.build_dir / "executed" / edition / theme.notebook)
            for figure in re.findall(r"<figure.*?</figure>", html, re.S):
                alt = re.search(r'alt="([^"]*)"', figure).group(1)
                assert len(alt) > (30 if edition == "en" else 15) and ".svg" not in alt, (theme.name, alt)
                assert "<figcaption>" in figure
                count += 1
    assert count == len(chart_images_of(built_site))


def chart_images_of(built_site) -> list[bytes]:
    return [image for edition in EDITIONS for theme in THEMES.values()
            for image in chart_images(built_site.build_dir / "executed" / edition / theme.notebook).values()]
