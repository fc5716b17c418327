"""Build benchmark: everything measured side by side in one run, printed as ratios with a breakdown.

    .venv/bin/python benchmarks/build.py

The book is built from private copies of notebooks/ and data/, so the edits below never touch
the checkout. Measured, in this order, on the same machine within minutes:

1. the naive baseline a user would otherwise script: the papermill CLI on each notebook once per
   language, then ``jupyter-book build`` once per edition;
2. a cold ``jinjiang-report build`` (empty build folder);
3. a no-op rebuild;
4. a rebuild after editing one notebook (a sentence added to its prose, in both languages);
5. a rebuild after editing one row of the facts ledger (one theme's fact).

Targets: one notebook, cold kernel to executed file, <= 4 s; cold <= 0.35 x baseline;
one notebook edited -> published in <= 0.3 x cold, exactly its runs (one per edition) executed;
one ledger row edited -> only that theme's runs executed; no-op <= 0.05 x cold, 0 executed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
THEMES = yaml.safe_load((ROOT / "notebooks" / "themes.yaml").read_text(encoding="utf-8"))
EDITIONS = list(yaml.safe_load((ROOT / "book" / "editions.yml").read_text(encoding="utf-8")))
EDITED_NOTEBOOK = "hospital.ipynb"
EDITED_FACT = ("liv_homes_sold,livelihood,Homes sold in the window,", "liv_homes_sold,livelihood,Homes sold in the window (edited),")


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{result.stderr.strip()}")
    return seconds


def executed(build: Path) -> list[str]:
    report = json.loads((build / "run-report.json").read_text(encoding="utf-8"))
    return sorted(f"{r['theme']} ({r['edition']})" for r in report["notebooks"] if r["status"] == "executed")


def timings(build: Path) -> dict:
    return json.loads((build / "build-timings.json").read_text(encoding="utf-8"))


def edit_notebook(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"] += [{"cell_type": "markdown", "id": f"benchmark-{lang}", "metadata": {"tags": [f"lang-{lang}"]},
                     "source": text} for lang, text in (("en", "A sentence added by the benchmark."),
                                                         ("zh", "基准测试添加的一句话。"))]
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def baseline(work: Path, build: Path, facts: Path, env: dict[str, str]) -> float:
    """The papermill CLI on each notebook per language, then jupyter-book per edition, one after another."""
    started = time.perf_counter()
    for edition in EDITIONS:
        source = work / f"baseline-{edition}"
        shutil.copytree(build / "editions" / edition / "book-src", source)
        for theme in THEMES:
            subprocess.run([str(BIN / "papermill"), f"notebooks/{theme['notebook']}", str(source / theme["notebook"]),
                            "-k", "python3", "--cwd", "notebooks", "--no-progress-bar",
                            "-p", "lang", edition, "-p", "ledger", str(facts)],
                           cwd=work, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "jupyter-book"), "build", str(source),
                        "--config", str(build / "editions" / edition / "_config.yml"),
                        "--toc", str(source / "_toc.yml"), "--path-output", str(work / f"baseline-out-{edition}")],
                       cwd=work, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    # Measured as set up by tools/dev.sh: the package byte-compiled, as an installed package is.
    subprocess.run([str(BIN / "python"), "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    work = Path(tempfile.mkdtemp(prefix="jinjiang-bench-"))
    build, site = work / "build", work / "site"
    shutil.copytree(ROOT / "notebooks", work / "notebooks")
    shutil.copytree(ROOT / "data", work / "data")
    facts = work / "data" / "facts.csv"
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "JINJIANG_REPORT_NOTEBOOKS": str(work / "notebooks"),
           "CI": "true"}
    report = [str(BIN / "jinjiang-report"), "build", "--out", str(site), "-p", f"ledger={facts}"]
    try:
        cold = timed(report, env)
        cold_timings, cold_runs = timings(build), executed(build)
        base = baseline(work, build, facts, env)
        noop = timed(report, env)
        noop_runs = executed(build) if timings(build)["executed"] else []
        edit_notebook(work / "notebooks" / EDITED_NOTEBOOK)
        edited = timed(report, env)
        edited_runs, edited_timings = executed(build), timings(build)
        text = facts.read_text(encoding="utf-8")
        facts.write_text(text.replace(*EDITED_FACT), encoding="utf-8")
        row = timed(report, env)
        row_runs = executed(build)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    slowest = max(cold_timings["notebook runs"].values())
    edited_theme = EDITED_NOTEBOOK.removesuffix(".ipynb")
    checks = {
        "notebook run <= 4 s": slowest <= 4,
        "cold <= 0.35 x baseline": cold / base <= 0.35,
        "no-op <= 0.05 x cold, 0 executed": noop / cold <= 0.05 and not noop_runs,
        "one notebook edited <= 0.3 x cold, its runs only": edited / cold <= 0.3 and edited_runs == sorted(
            f"{edited_theme} ({e})" for e in EDITIONS),
        "one ledger row edited -> only its theme's runs": row_runs == sorted(f"livelihood ({e})" for e in EDITIONS),
    }
    print(f"cores: {os.cpu_count()}; {len(THEMES)} notebooks x {len(EDITIONS)} editions")
    print(f"baseline (papermill CLI x{len(THEMES) * len(EDITIONS)} + jupyter-book x{len(EDITIONS)}): {base:6.2f} s")
    print(f"cold jinjiang-report build:        {cold:6.2f} s  ratio {cold / base:.2f} of baseline (target <= 0.35), "
          f"{len(cold_runs)} executed")
    print(f"no-op rebuild:                     {noop:6.2f} s  ratio {noop / cold:.3f} of cold (target <= 0.05), "
          f"{len(noop_runs)} executed (target 0)")
    print(f"one notebook edited:               {edited:6.2f} s  ratio {edited / cold:.2f} of cold (target <= 0.30), "
          f"executed: {', '.join(edited_runs)}")
    print(f"one ledger row edited:             {row:6.2f} s  ratio {row / cold:.2f} of cold, "
          f"executed: {', '.join(row_runs)}")
    print(f"slowest notebook run (cold kernel to executed file): {slowest:.2f} s (target <= 4)")
    print("per notebook run, seconds (mean of the cold build's runs):")
    for phase, seconds in cold_timings["per notebook run"].items():
        print(f"  {phase:<36} {seconds:6.3f}")
    for name, steps in (("cold build", cold_timings["steps"]), ("one notebook edited", edited_timings["steps"])):
        print(f"{name}, seconds by step:")
        for step, seconds in steps.items():
            print(f"  {step:<36} {seconds:6.3f}")
    for check, ok in checks.items():
        print(f"{'met ' if ok else 'MISSED'}  {check}")
    print("all targets met" if all(checks.values()) else "some targets missed")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
