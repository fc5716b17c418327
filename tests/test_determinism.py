"""Same inputs, same bytes: two independent builds give identical notebooks, charts and pages."""

import pytest

from conftest import EDITIONS, THEMES, chart_images, file_digests, run_cli

pytestmark = pytest.mark.slow

# The files that cannot be identical: the execution reports record durations of their own build.
NOT_IDENTICAL = {f"{code}/execution-report.html": "lists each run's duration and cached/executed status"
                 for code in EDITIONS}


def test_two_builds_are_byte_identical(built_site, tmp_path):
    """The session's build forks its kernels from the kernel template (more runs than cores);
    this one starts a fresh kernel per run (as many workers as runs): the bytes are the same."""
    runs = len(THEMES) * len(EDITIONS)
    second = run_cli("build", "--out", str(tmp_path / "site"), "--jobs", str(runs), build_dir=tmp_path / "build")
    assert second.returncode == 0, second.stderr
    first_build, second_build = built_site.build_dir, tmp_path / "build"
    assert file_digests(first_build / "executed") == file_digests(second_build / "executed")
    for edition in EDITIONS:
        for theme in THEMES.values():
            assert chart_images(first_build / "executed" / edition / theme.notebook) == \
                chart_images(second_build / "executed" / edition / theme.notebook)
    first_site, second_site = file_digests(built_site.site), file_digests(tmp_path / "site")
    assert first_site.keys() == second_site.keys()
    differing = sorted(name for name in first_site if first_site[name] != second_site[name])
    assert differing == sorted(NOT_IDENTICAL)


def test_a_cold_build_links_every_stylesheet_as_a_later_build_would(built_site):
    """Sphinx adds ?v=<checksum> to a stylesheet's link only if the file is already in the output when
    the page is written; myst_nb copied its own at the end, so a cold build linked it bare and a later
    build of the same sources with ?v=. Every stylesheet the pages link is now there first."""
    import re

    for edition in EDITIONS:
        page = (built_site.site / edition / "intro.html").read_text(encoding="utf-8")
        links = re.findall(r'<link rel="stylesheet" type="text/css" href="(_static/[^"]+)"', page)
        assert any("mystnb." in link for link in links)
        assert [link for link in links if "?v=" not in link] == []
