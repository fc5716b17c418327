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
