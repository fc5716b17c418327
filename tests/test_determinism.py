"""Same inputs, same bytes: two independent builds give identical notebooks, figures and pages."""

from conftest import THEMES, chart_images, file_digests, run_cli

# The one file that cannot be identical: the execution report records durations of its own build.
NOT_IDENTICAL = {"execution-report.html": "lists each notebook's duration and cached/executed status"}


def test_two_builds_are_byte_identical(built_site, tmp_path):
    second = run_cli("build", "--out", str(tmp_path / "site"), build_dir=tmp_path / "build")
    assert second.returncode == 0, second.stderr
    first_build, second_build = built_site.build_dir, tmp_path / "build"
    assert file_digests(first_build / "executed") == file_digests(second_build / "executed")
    for theme in THEMES.values():
        assert chart_images(first_build / "executed" / theme.notebook) == \
            chart_images(second_build / "executed" / theme.notebook)
    first_site, second_site = file_digests(built_site.site), file_digests(tmp_path / "site")
    assert first_site.keys() == second_site.keys()
    differing = sorted(name for name in first_site if first_site[name] != second_site[name])
    assert differing == sorted(NOT_IDENTICAL)
