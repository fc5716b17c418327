"""Same inputs, same bytes: two independent builds give identical notebooks, figures and pages."""

import hashlib

from conftest import run_cli

# The one file that cannot be identical: the execution report records durations of its own build.
NOT_IDENTICAL = {"execution-report.html": "lists each notebook's duration and cached/executed status"}


def digests(folder, pattern):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob(pattern)) if p.is_file()}


def test_two_builds_are_byte_identical(built_site, tmp_path):
    second = run_cli("build", "--out", str(tmp_path / "site"), build_dir=tmp_path / "build")
    assert second.returncode == 0, second.stderr
    first_build, second_build = built_site.build_dir, tmp_path / "build"
    assert digests(first_build / "executed", "*.ipynb") == digests(second_build / "executed", "*.ipynb")
    assert digests(first_build / "figures", "*.*") == digests(second_build / "figures", "*.*")
    first_site, second_site = digests(built_site.site, "*"), digests(tmp_path / "site", "*")
    assert first_site.keys() == second_site.keys()
    differing = sorted(name for name in first_site if first_site[name] != second_site[name])
    assert differing == sorted(NOT_IDENTICAL)
