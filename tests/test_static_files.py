"""A stylesheet edited on its own reaches the site on the next build, with either engine.

Sphinx skips copying static files when no page is outdated, and a page it does not rewrite keeps
linking the old stylesheet's checksum (report.css?v=...); publish/static_files.py marks every page
outdated when they change. Before it, the second build below published the old stylesheet, and
later the new stylesheet under pages that linked the old checksum.
"""

import re
import zlib

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
        published = site / code / "_static" / "report.css"
        assert RULE.strip() in published.read_text(encoding="utf-8"), code
        checksum = f"{zlib.crc32(published.read_bytes()):08x}"  # what Sphinx links: the file's CRC-32
        linked = {page.name: re.findall(r'href="_static/report\.css\?v=([0-9a-f]+)"', page.read_text(encoding="utf-8"))
                  for page in (site / code).glob("*.html") if page.name != "index.html"}  # index: a redirect
        assert len(linked) > 5 and all(found == [checksum] for found in linked.values()), (code, linked)
