"""Bad input fails fast with one clear line and the documented exit code; no kernel starts."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, THEMES, file_digests, run_cli

THEME_LIST = ", ".join(THEMES)


@pytest.mark.slow
@pytest.mark.parametrize("args,code,message", [
    (["run", "no-such-theme"], 2, f"error: unknown theme 'no-such-theme'; themes are: {THEME_LIST}"),
    (["run", "export", "-p", "lang=fr"], 2, "error: parameter lang='fr' for export.ipynb: must be one of en, zh"),
    (["run", "export", "-p", "chart_format=gif"], 2,
     "error: parameter chart_format='gif' for export.ipynb: must be one of svg, png"),
    (["run", "hospital", "-p", "decimals=two"], 2,
     "error: parameter decimals='two' for hospital.ipynb: expected int (default 2)"),
    (["run", "hospital", "-p", "colour=red"], 2,
     "error: unknown parameter 'colour' (not declared by hospital.ipynb); declared: ledger: str = "
     "'data/facts.csv'; source: str = ''; lang: str = 'en'; chart_format: str = 'svg'; decimals: int = 2; "
     "note: str = ''"),
    (["run", "hospital", "-p", "nonsense"], 2,
     "error: parameter 'nonsense' is not NAME=VALUE (for example -p lang=zh)"),
    (["run", "hospital", "-p", "ledger=missing/facts.csv"], 1,
     "error: missing/sources/sources.yaml: source metadata file not found"),
])
def test_usage_errors_are_one_line_before_any_kernel(tmp_path, args, code, message):
    result = run_cli(*args, build_dir=tmp_path / "build")
    assert result.returncode == code
    assert result.stderr.strip().splitlines() == [message]
    assert not any((tmp_path / "build" / into).exists() for into in ("executed", "run"))  # nothing ran


@pytest.mark.slow
def test_a_hostile_path_parameter_is_only_ever_a_path(tmp_path):
    """A ledger path that becomes code if pasted between double quotes unescaped:
    ``ledger = "<tmp>/x";open("<tmp>/PWNED","w");"<b>/facts.csv"``. The folder exists, so the ledger
    loads, the run goes ahead and the path reaches the kernel's parameters cell, where an unsafe
    translation would create the marker. It must arrive as the same string and run nothing."""
    marker = tmp_path / "PWNED"
    hostile = f'{tmp_path}/x";open("{marker}","w");"<b>'
    data = Path(hostile)
    shutil.copytree(ROOT / "data", data)
    ledger = data / "facts.csv"
    build = tmp_path / "build"
    result = run_cli("run", "hospital", "-p", "lang=en", "-p", f"ledger={ledger}", build_dir=build)
    assert not marker.exists(), "the path parameter ran as code in the kernel"
    assert result.returncode == 0, result.stderr
    nb = json.loads((build / "run" / "en" / "hospital.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["ledger"] == str(ledger)


# --- faults during execution ---------------------------------------------------------------



def notebooks_with_extra_cell(folder: Path, notebook: str, code: str, cell_type: str = "code",
                              tags: list[str] | None = None, cell_id: str = "extra-cell") -> int:
    """Copy the notebooks to ``folder`` (unless there already) and append a cell to one; return its
    1-based position. A code cell without ``tags`` is tagged remove-input, as lint requires."""
    if not folder.exists():
        shutil.copytree(ROOT / "notebooks", folder)
    path = folder / notebook
    nb = json.loads(path.read_text(encoding="utf-8"))
    if tags is None and cell_type == "code":
        tags = ["remove-input"]
    cell = {"cell_type": cell_type, "id": cell_id, "metadata": {"tags": tags} if tags else {}, "source": code}
    if cell_type == "code":
        cell.update(execution_count=None, outputs=[])
    nb["cells"].append(cell)
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    return len(nb["cells"])


KERNEL_COMMANDS = (b"jinjiang_report.runs.kernel_template", b"ipykernel")


def kernels_of(build_dir: Path) -> list[int]:
    """Kernel processes started for this build folder and the kernel template (found by their
    command line and environment)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if not any(command in (proc / "cmdline").read_bytes() for command in KERNEL_COMMANDS):
                continue
            if f"JINJIANG_REPORT_BUILD={build_dir}".encode() in (proc / "environ").read_bytes().split(b"\0"):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"], ids=["forked-kernels", "fresh-kernels"])
def test_a_hanging_cell_stops_at_the_timeout(tmp_path, jobs):
    """Two runs on one worker use the kernel template (forked kernels); on two workers, fresh kernels."""
    position = notebooks_with_extra_cell(tmp_path / "notebooks", "hospital.ipynb", "import time\ntime.sleep(300)")
    build = tmp_path / "build"
    result = run_cli("run", "hospital", "export", "--jobs", jobs, "--timeout", "20", build_dir=build,
                     env={"JINJIANG_REPORT_NOTEBOOKS": str(tmp_path / "notebooks")})
    assert result.returncode == 1
    assert [l for l in result.stderr.splitlines() if l.startswith("error:")] == [
        f"error: {tmp_path / 'notebooks' / 'hospital.ipynb'} (en edition): cell {position} (id extra-cell): timed out after "
        "20 s (raise it with --timeout)"]  # papermill keeps no notebook when a cell times out: none is named
    assert not (build / "failed" / "en" / "hospital.ipynb").exists()
    assert (build / "run" / "en" / "export.ipynb").is_file()
    assert kernels_of(build) == []


@pytest.mark.slow
@pytest.mark.parametrize("jobs", ["1", "2"], ids=["forked-kernels", "fresh-kernels"])
def test_sigterm_during_a_run_leaves_no_kernel_behind(tmp_path, jobs):
    notebooks_with_extra_cell(tmp_path / "notebooks", "hospital.ipynb", "import time\ntime.sleep(300)")
    build = tmp_path / "build"
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "CI": "true",
           "JINJIANG_REPORT_NOTEBOOKS": str(tmp_path / "notebooks")}
    process = subprocess.Popen([sys.executable, "-m", "jinjiang_report.cli", "run", "hospital", "export",
                                "--jobs", jobs],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while len(kernels_of(build)) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)  # polling for the kernels to appear, bounded by the deadline
    assert len(kernels_of(build)) >= 1, "no kernel started"
    process.send_signal(signal.SIGTERM)
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        leftover = kernels_of(build)
        for pid in leftover:
            os.kill(pid, signal.SIGKILL)
        raise AssertionError(f"the run did not stop within 120 s of SIGTERM; kernels left: {leftover}")
    assert process.returncode == 130
    assert "interrupted: stopped" in stderr and "the published site was not touched" in stderr
    assert kernels_of(build) == []


# --- broken input never costs the published book ---------------------------------------------

def _replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


HOSPITAL_QUOTE_LINE = _line_of(ROOT / "data" / "entities" / "hospital.yaml", "quote: 晋江市中医院，")
HOMES_SOLD = _line_of(ROOT / "data" / "facts.csv", "liv_homes_sold,livelihood,")  # the row the cases below break
HOUSING_END = _line_of(ROOT / "data" / "facts.csv", "liv_housing_end,livelihood,")
BROKEN_INPUTS = {
    "quote not in source": (lambda d: _replace_in(d / "facts.csv", "共售出住宅233套", "共卖出住宅233套"),
                            f"facts.csv:{HOMES_SOLD}: column 'quote': quote not found in the source "
                            "(whitespace ignored); "
                            "copy it verbatim"),
    "value does not match quote": (lambda d: _replace_in(d / "facts.csv", ",233,", ",234,"),
                                   f"facts.csv:{HOMES_SOLD}: column 'value': 234 does not match the quote: "
                                   "'233套' reads as 233"),
    "unknown theme": (lambda d: _replace_in(d / "facts.csv", "liv_homes_sold,livelihood", "liv_homes_sold,no-such-theme"),
                      f"facts.csv:{HOMES_SOLD}: column 'theme': 'no-such-theme' must be one of {THEME_LIST}"),
    "duplicate id": (lambda d: _replace_in(d / "facts.csv", "liv_homes_sold,", "liv_housing_end,"),
                     f"facts.csv:{HOMES_SOLD}: column 'id': duplicate 'liv_housing_end' "
                     f"(first at line {HOUSING_END}): ids must be unique"),
    "malformed number": (lambda d: _replace_in(d / "facts.csv", ",233,", ",233套,"),
                         f"facts.csv:{HOMES_SOLD}: column 'value': '233套' must be a plain number (digits, optional decimals) "
                         "or an ISO date"),
    "missing column": (lambda d: _replace_in(d / "facts.csv", ",period,", ",periods,"),
                       "facts.csv:1: column 'period': missing column; the header must name id, theme, metric_en, "
                       "metric_zh, scope_en, scope_zh, value, unit, qualifier, claim, period, source_id, "
                       "as_written, quote"),
    "unknown fact in a formula": (lambda d: _replace_in(d / "derived.csv", "/ inno_whitelist_firms",
                                                        "/ inno_whitelist_members"),
                                  "derived.csv:2: column 'formula': unknown fact id 'inno_whitelist_members'"),
    "entity quote not in source": (lambda d: _replace_in(d / "entities" / "hospital.yaml", "quote: 晋江市中医院，",
                                                         "quote: 晋江市西医院，"),
                                   f"entities/hospital.yaml:{HOSPITAL_QUOTE_LINE}: column 'quote': quote not found "
                                   "in the source "
                                   "(whitespace ignored); copy it verbatim"),
    "context entry without its fields": (lambda d: _write(d / "context" / "zz-broken.yaml", "broken_entry: a string\n"),
                                         "context/zz-broken.yaml:1: context entry 'broken_entry' needs the fields "
                                         "en, zh, basis_en, basis_zh, title_en, title_zh"),
    "edited source text": (lambda d: _replace_in(d / "sources" / "000_a8f4d2176e64930d.txt", "233套", "234套"),
                           "sources/000_a8f4d2176e64930d.txt: source text differs from its recorded sha256: "
                           "sources are never edited"),
    "invalid YAML metadata": (lambda d: _replace_in(d / "sources" / "sources.yaml", "  language: zh-Hans",
                                                    "  language: [zh-Hans"),
                              "sources/sources.yaml:9: not valid YAML at column 12: expected ',' or ']', "
                              "but got ':'"),
    "unbalanced CSV row": (lambda d: _replace_in(d / "exclusions.csv", "气象万千,", "气象万千,extra,"),
                           "exclusions.csv:30: not a valid CSV row (Error tokenizing data. C error: Expected 5 "
                           "fields in line 30, saw 6); quote fields holding commas"),
    "ledger not UTF-8": (lambda d: (d / "facts.csv").write_bytes((d / "facts.csv").read_text("utf-8").encode("gb18030")),
                         "facts.csv: not UTF-8 text"),
}


@pytest.fixture
def published(built_site, tmp_path):
    site = tmp_path / "published"
    shutil.copytree(built_site.site, site)
    return site




@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(BROKEN_INPUTS))
def test_broken_input_fails_before_execution_and_keeps_the_site(case, data_copy, published, tmp_path):
    breaking, tail = BROKEN_INPUTS[case]
    breaking(data_copy.parent)
    before = file_digests(published)
    build = tmp_path / "build"
    result = run_cli("build", "--out", str(published), "-p", f"ledger={data_copy}", build_dir=build)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"error: {data_copy.parent}/{tail}"]
    assert not (build / "executed").exists()
    assert file_digests(published) == before


@pytest.mark.slow
def test_a_failing_book_build_names_the_cell_and_keeps_the_published_site(published, tmp_path):
    position = notebooks_with_extra_cell(tmp_path / "notebooks", "hospital.ipynb", "Intro.\n\nSee {ref}`no-such-label`.",
                                        cell_type="markdown", tags=["lang-en"], cell_id="extra-en")
    notebooks_with_extra_cell(tmp_path / "notebooks", "hospital.ipynb", "见{ref}`no-such-label`。",
                              cell_type="markdown", tags=["lang-zh"], cell_id="extra-zh")
    before = file_digests(published)
    build = tmp_path / "build"
    result = run_cli("build", "--out", str(published), build_dir=build,
                     env={"JINJIANG_REPORT_NOTEBOOKS": str(tmp_path / "notebooks")})
    assert result.returncode == 1
    log = build / "editions" / "en" / "jupyter-book.log"
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: Jupyter Book failed: {tmp_path / 'notebooks' / 'hospital.ipynb'}: cell {position} (id extra-en), "
        f"line 3: undefined label: 'no-such-label' (full log: {log}; the published site was not touched)")
    assert log.is_file() and "book-src/hospital.ipynb:" in log.read_text(encoding="utf-8")
    assert file_digests(published) == before


@pytest.mark.slow
def test_a_string_parameter_reaches_the_kernel_as_that_literal_string(tmp_path):
    marker = tmp_path / "PWNED"
    hostile = f"x'); open({str(marker)!r}, 'w') #\n\"\"\" + __import__('os').getcwd() + \"\"\" <b>bold</b>"
    build = tmp_path / "build"
    result = run_cli("run", "export", "-p", "lang=en", "-p", f"note={hostile}", build_dir=build)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    nb = json.loads((build / "run" / "en" / "export.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"]["note"] == hostile
    shown = [o["data"]["text/html"] for c in nb["cells"] for o in c.get("outputs", [])
             if "draft-note" in "".join(o.get("data", {}).get("text/html", ""))]
    escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert shown == [f'<p class="draft-note">{escaped}</p>']


@pytest.mark.slow
def test_a_kernel_template_that_does_not_answer_means_a_fresh_kernel(tmp_path):
    """The fast engine's provisioner starts the kernel the ordinary way when the template is gone."""
    from jupyter_core.utils import run_sync

    from jinjiang_report.compat.jupyter_client import PromptKernelManager
    from jinjiang_report.runs.kernel import ensure_kernel, kernels_folder
    from jinjiang_report.runs.kernels import _start

    build = tmp_path / "build"
    manager = _start(PromptKernelManager, ensure_kernel(build, forked=True), kernels_folder(build, forked=True),
                     tmp_path, "test", template=str(tmp_path / "no-template.sock"))
    try:
        assert type(manager.provisioner).__name__ == "ForkedKernelProvisioner"
        assert manager.provisioner.pidfd is None and manager.provisioner.process is not None  # a child of ours
        client = manager.client()
        client.start_channels()
        run_sync(client.wait_for_ready)(timeout=60)
        assert run_sync(manager.is_alive)()
        client.stop_channels()
    finally:
        run_sync(manager.shutdown_kernel)(now=True)
    assert not run_sync(manager.is_alive)()
