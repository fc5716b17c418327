"""Builds that touch nothing they should not: data shown as text, no network, one build at a time."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, file_digests, need, run_cli

pytestmark = pytest.mark.slow

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"


def test_html_in_data_is_shown_as_text(data_copy, tmp_path):
    data = data_copy.parent
    facts = (data / "facts.csv").read_text(encoding="utf-8")
    (data / "facts.csv").write_text(facts.replace("Homes sold in the window", f"Homes sold {SCRIPT}"), encoding="utf-8")
    hospital = (data / "entities" / "hospital.yaml").read_text(encoding="utf-8")
    (data / "entities" / "hospital.yaml").write_text(
        hospital.replace("name_en: Jinjiang Hospital of Traditional Chinese Medicine", f"name_en: '{IMAGE}'"),
        encoding="utf-8")
    site = tmp_path / "site"
    result = run_cli("build", "--out", str(site), "-p", f"ledger={data_copy}", build_dir=tmp_path / "build")
    assert result.returncode == 0, result.stderr
    pages = {name: (site / "en" / name).read_text(encoding="utf-8") for name in
             ("sources.html", "livelihood.html", "hospital.html")}
    for name, html in pages.items():
        assert "<script>alert(1)" not in html and "<img src=x" not in html, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["sources.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["livelihood.html"]
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages["hospital.html"]


def network_namespace_available() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def test_the_build_needs_no_network(tmp_path):
    """The build runs in a network namespace of its own; the links seen from inside that very
    namespace, just before the build starts, are recorded and must be loopback only."""
    need(network_namespace_available(),
         "cannot create a network namespace here (needs root and util-linux unshare)")
    site, build, links = tmp_path / "site", tmp_path / "build", tmp_path / "links.txt"
    command = (f"ip link set lo up && ip -o link show > {links} && "
               f"exec {sys.executable} -m jinjiang_report.cli build --out {site}")
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "CI": "true"}
    result = subprocess.run(["unshare", "-n", "sh", "-c", command], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    seen = [line.split(":")[1].strip() for line in links.read_text().splitlines()]
    assert seen == ["lo"], f"the build could reach the network through {seen}"
    assert (site / "en" / "innovation.html").is_file() and (site / "zh" / "innovation.html").is_file()


def test_published_pages_reference_no_other_host(built_site):
    remote = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    offenders = [p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.html")
                 if remote.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_two_builds_at_once_wait_for_each_other(built_site, tmp_path):
    build, site = tmp_path / "build", tmp_path / "site"
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "CI": "true"}
    command = [sys.executable, "-m", "jinjiang_report.cli", "build", "--out", str(site)]
    first = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [p.communicate(timeout=900) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert sum("waiting for another jinjiang-report build" in err for _, err in outputs) == 1
    published, reference = file_digests(site), file_digests(built_site.site)
    assert published.keys() == reference.keys()
    assert [n for n in published if published[n] != reference[n]] == ["en/execution-report.html",
                                                                        "zh/execution-report.html"]
