"""A notebook as JupyterLab saves it after Run All (outputs, counts, user_expressions, the kernel's
language_info) is judged and run by its clean form: lint passes it and the run drops what it left."""

import json
import shutil

import pytest

from conftest import ROOT, run_cli
from jupyterlab_save import saved_after_run_all

pytestmark = pytest.mark.slow


def test_run_reads_the_clean_form_of_a_saved_notebook(tmp_path):
    notebooks, build = tmp_path / "notebooks", tmp_path / "build"
    shutil.copytree(ROOT / "notebooks", notebooks)
    path = notebooks / "hospital.ipynb"
    path.write_text(saved_after_run_all(path.read_text(encoding="utf-8")), encoding="utf-8")
    env = {"JINJIANG_REPORT_NOTEBOOKS": str(notebooks)}
    assert run_cli("lint", build_dir=build, env=env).returncode == 0
    done = run_cli("run", "hospital", "-p", "lang=en", build_dir=build, env=env)
    assert done.returncode == 0, done.stderr
    executed = json.loads(next(build.rglob("hospital.ipynb")).read_text(encoding="utf-8"))
    assert not any("user_expressions" in cell["metadata"] for cell in executed["cells"])
