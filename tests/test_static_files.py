"""A stylesheet edited on its own reaches the site on the next build, with either engine.

Sphinx skips copying static files when no page is outdated; publish/static_files.py marks the root
page outdated when they change. Before it, the second build below published the old stylesheet.
"""

import pytest

from conftest import run_cli
from test_new_theme import project_copy

pytestmark = pytest.mark.slow

RULE = "\n.static-files-test-rule { color: #123456; }\n"


@pytest.mark.parametrize("engine", ["fast", "plain"])
def test_a_changed_stylesheet_alone_is_published(tmp_path, engine):
    project = project_copy(tmp_path / "project")
    env = {"JINJIANG_REPORT_ROOT": str(project)}
    build, site = tmp_path / "build", tmp_path / "site"
    first = run_cli("build", "--engine", engine, "--out", str(site), build_dir=build, cwd=project, env=env)
    assert first.returncode == 0, first.stderr
    stylesheet = project / "book" / "_static" / "report.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + RULE, encoding="utf-8")
    second = run_cli("build", "--engine", engine, "--out", str(site), build_dir=build, cwd=project, env=env)
    assert second.returncode == 0, second.stderr
    assert "cached (unchanged)" in second.stdout + second.stderr  # no notebook ran again: only the stylesheet changed
    for code in ("en", "zh"):
        assert RULE.strip() in (site / code / "_static" / "report.css").read_text(encoding="utf-8"), code
