"""Build benchmark: measured side by side in one run, printed as ratios.

    .venv/bin/python benchmarks/build.py

1. cold ``jinjiang-report build`` against the baseline a user would otherwise script
   (the papermill CLI on each notebook in turn, then ``jupyter-book build``);
2. a no-op rebuild against the cold build, with the number of notebooks executed;
3. a rebuild after editing one notebook, with the number executed.
Targets: cold <= 0.7 x baseline; no-op <= 0.15 x cold with 0 executed; one edit -> 1 executed.
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
NOTEBOOKS = [theme["notebook"].removesuffix(".ipynb")
             for theme in yaml.safe_load((ROOT / "notebooks" / "themes.yaml").read_text(encoding="utf-8"))]


def timed(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def executed_count(build: Path) -> int:
    report = json.loads((build / "run-report.json").read_text())
    return sum(r["status"] == "executed" for r in report["notebooks"])


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="jinjiang-bench-"))
    build, site = work / "build", work / "site"
    env = {**os.environ, "JINJIANG_REPORT_BUILD": str(build), "CI": "true"}
    report = [str(BIN / "jinjiang-report"), "build", "--out", str(site)]
    try:
        cold = timed(report, env)

        baseline_src = work / "baseline-src"
        shutil.copytree(build / "book-src", baseline_src)
        started = time.perf_counter()
        for name in NOTEBOOKS:
            subprocess.run([str(BIN / "papermill"), f"notebooks/{name}.ipynb", str(baseline_src / f"{name}.ipynb"),
                            "-k", "python3", "--cwd", "notebooks", "--no-progress-bar"],
                           cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "jupyter-book"), "build", str(baseline_src), "--config", str(ROOT / "_config.yml"),
                        "--toc", str(baseline_src / "_toc.yml"), "--path-output", str(work / "baseline-out")],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        baseline = time.perf_counter() - started

        noop = timed(report, env)
        noop_executed = executed_count(build)

        notebook = ROOT / "notebooks" / "hospital.ipynb"
        original = notebook.read_bytes()
        try:
            nb = json.loads(original)
            nb["cells"].append({"cell_type": "markdown", "id": "benchmark-edit", "metadata": {},
                                "source": ["An edit made by the benchmark."]})
            notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            edited = timed(report, env)
            edited_executed = executed_count(build)
        finally:
            notebook.write_bytes(original)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"cores: {os.cpu_count()}")
    print(f"baseline (papermill CLI x{len(NOTEBOOKS)} + jupyter-book): {baseline:6.2f} s")
    print(f"cold jinjiang-report build:                  {cold:6.2f} s  ratio {cold / baseline:.2f} (target <= 0.70)")
    print(f"no-op rebuild:                               {noop:6.2f} s  ratio {noop / cold:.2f} of cold "
          f"(target <= 0.15), notebooks executed: {noop_executed} (target 0)")
    print(f"rebuild after editing one notebook:          {edited:6.2f} s  ratio {edited / cold:.2f} of cold, "
          f"notebooks executed: {edited_executed} (target 1)")
    ok = cold / baseline <= 0.7 and noop / cold <= 0.15 and noop_executed == 0 and edited_executed == 1
    print("all targets met" if ok else "some targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
