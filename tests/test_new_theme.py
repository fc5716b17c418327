"""Adding a theme as the README says: new-theme in a copy of the project, then build; the chapter is in both editions."""

import re
import shutil
import subprocess

import pytest

from conftest import EDITIONS, ROOT, run_cli

pytestmark = pytest.mark.slow


def project_copy(target):
    """The project's tracked files (as in this working tree) copied to ``target``."""
    files = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True,
                           text=True).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_a_new_theme_builds_at_once_in_both_editions(tmp_path):
    project = project_copy(tmp_path / "project")
    env = {"JINJIANG_REPORT_ROOT": str(project)}
    build, site = tmp_path / "build", tmp_path / "site"
    added = run_cli("new-theme", "weather", "--title-en", "Weather", "--title-zh", "天气", build_dir=build,
                    cwd=project, env=env)
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[:3] == ["wrote notebooks/weather.ipynb", "wrote data/entities/weather.yaml",
                                             "wrote notebooks/themes.yaml"]
    again = run_cli("new-theme", "weather", "--title-en", "Weather", "--title-zh", "天气", build_dir=build,
                    cwd=project, env=env)
    assert (again.returncode, again.stderr.strip()) == (2, "error: theme 'weather' already exists in "
                                                           "notebooks/themes.yaml")
    built = run_cli("build", "--out", str(site), build_dir=build, cwd=project, env=env)
    assert built.returncode == 0, built.stderr
    for code, title in zip(EDITIONS, ("Weather", "天气")):
        page = (site / code / "weather.html").read_text(encoding="utf-8")
        assert f"<h1>{title}" in page, code
        intro = (site / code / "intro.html").read_text(encoding="utf-8")
        assert re.search(rf'<a class="reference internal" href="weather.html">\s*{title}\s*</a>', intro), code
    assert not (ROOT / "notebooks" / "weather.ipynb").exists()


WEATHER_FACT = ("weather_max_temp,weather,Highest temperature,最高气温,towns and streets of Jinjiang,晋江各镇街,34.5,"
                "celsius,exact,descriptive,page-day-minus-1,jinjiang-page-2025-10,34.5℃,以安海镇的34.5℃为最高\n")
WEATHER_ASSESSMENT = ("weather_max_temp,context,documented,method,Which station measured it?,"
                      "由哪个气象站测得？\n")


def test_a_new_theme_shows_its_facts_assessments_and_questions_out_of_the_box(tmp_path):
    """The README's example: the weather column's 34.5℃ as the new theme's one fact."""
    project = project_copy(tmp_path / "project")
    env = {"JINJIANG_REPORT_ROOT": str(project)}
    build, site = tmp_path / "build", tmp_path / "site"
    assert run_cli("new-theme", "weather", "--title-en", "Weather", "--title-zh", "天气", build_dir=build,
                   cwd=project, env=env).returncode == 0
    data = project / "data"
    vocabulary = (data / "vocabulary.yaml").read_text(encoding="utf-8")
    if "\n  celsius:" not in vocabulary:
        vocabulary = vocabulary.replace("\n  km:", '\n  celsius: {en: " °C", zh: ℃, kind: measure}\n  km:', 1)
        (data / "vocabulary.yaml").write_text(vocabulary, encoding="utf-8")
    with (data / "facts.csv").open("a", encoding="utf-8") as stream:
        stream.write(WEATHER_FACT)
    with (data / "assessments.csv").open("a", encoding="utf-8") as stream:
        stream.write(WEATHER_ASSESSMENT)
    exclusions = (data / "exclusions.csv").read_text(encoding="utf-8")
    refused = run_cli("check", build_dir=build, cwd=project, env=env)
    assert refused.returncode == 1 and "the number of fact weather_max_temp" in refused.stderr
    (data / "exclusions.csv").write_text(exclusions.replace("，以安海镇的34.5℃为最高,weather,", ",weather,"),
                                         encoding="utf-8")
    checked = run_cli("check", build_dir=build, cwd=project, env=env)
    assert checked.returncode == 0, checked.stderr
    built = run_cli("build", "--out", str(site), build_dir=build, cwd=project, env=env)
    assert built.returncode == 0, built.stderr
    for code, question in zip(EDITIONS, ("Which station measured it?", "由哪个气象站测得？")):
        page = (site / code / "weather.html").read_text(encoding="utf-8")
        assert "34.5" in page and question in page, code
