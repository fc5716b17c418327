"""The analyst's view: JupyterLab with jupyterlab-myst shows each prose cell with its values filled in.

A real JupyterLab server (as root only with --allow-root, on a free port, with a token and its own
Jupyter folders) serves a copy of the project; Debian's Chromium opens notebooks/export.ipynb,
runs all cells, and the rendered prose shows the facts' values where the {eval} roles are.
"""

import contextlib
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT, ledger as load_ledger, need
from jinjiang_report.chapters.present import Writer
from jinjiang_report.house_rules.prose import eval_keys
from jinjiang_report.publish.browser import CHROMIUM_FLAGS, INSTALL_HINT, chromium_path
from lab_server import SERVER_FLAGS, TOKEN, free_port, get_json, serving, write_quiet_settings
from test_new_theme import project_copy

pytestmark = [pytest.mark.slow, pytest.mark.browser]

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
NOTEBOOK = "notebooks/export.ipynb"


@contextlib.contextmanager
def jupyter_lab(root: Path, home: Path, env: dict):
    """``jupyter lab`` serving ``root`` until GET /api/status answers; yields its base URL."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("jupyter")), "lab", *SERVER_FLAGS,
               *(["--allow-root"] if os.getuid() == 0 else []),
               f"--ServerApp.port={port}", f"--ServerApp.root_dir={root}"]
    write_quiet_settings(home / "config" / "lab" / "user-settings")
    environment = {**os.environ, **env, "JUPYTER_CONFIG_DIR": str(home / "config"),
                   "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                   "IPYTHONDIR": str(home / "ipython"), "JUPYTER_PLATFORM_DIRS": "1"}
    with serving(command, port, environment, home / "lab.log") as base:
        yield base


def first_prose_with_facts(notebook: Path, facts) -> tuple[int, list[str]]:
    """The 0-based index of the first English Markdown cell showing facts, and those facts' ids."""
    for index, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
        source = "".join(cell["source"])
        shown = [role.content for role in eval_keys(source) if role.content in facts]
        if cell["cell_type"] == "markdown" and "lang-en" in cell["metadata"].get("tags", []) and shown:
            return index, shown
    raise AssertionError("no English prose cell shows a fact")


def test_jupyterlab_shows_the_prose_with_its_values(tmp_path):
    need(chromium_path() is not None, f"Chromium not found: {INSTALL_HINT}")
    playwright = pytest.importorskip("playwright.sync_api")
    project = project_copy(tmp_path / "project")
    ledger = load_ledger()
    index, fact_ids = first_prose_with_facts(project / NOTEBOOK, ledger.facts)
    write = Writer("en", ledger.vocabulary)
    expected = [write.fact(ledger.facts[fact_id]) for fact_id in fact_ids]
    env = {"JINJIANG_REPORT_ROOT": str(project), "JINJIANG_REPORT_BUILD": str(tmp_path / "build")}
    with jupyter_lab(project, tmp_path / "jupyter", env) as base, playwright.sync_playwright() as p:
        extensions = {e["name"]: e for e in get_json(f"{base}/lab/api/extensions")}
        assert extensions["jupyterlab-myst"]["enabled"]  # listed "not compatible" by JupyterLab 4.6, yet it works
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={TOKEN}&reset")
        page.wait_for_function("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
                               " const s = w && w.sessionContext; return s && s.session && s.session.kernel"
                               " && s.session.kernel.status === 'idle'; }", timeout=90_000)
        cell = f"window.jupyterapp.shell.currentWidget.content.widgets[{index}].node"
        before = page.evaluate(f"() => {cell}.innerText")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(f"(values) => {{ const c = {cell}; return c && values.every(v => c.innerText.includes(v)); }}",
                               arg=expected, timeout=120_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".jp-Notebook .jp-Cell").nth(index).scroll_into_view_if_needed()
        page.locator(".jp-Notebook .jp-Cell").nth(index).screenshot(path=str(SCREENSHOTS / "jupyterlab-export-prose.png"))
        after = page.evaluate(f"() => {cell}.innerText")
        links = page.evaluate(f"() => [...{cell}.querySelectorAll('a.fact-link')].map(a => a.dataset.fact)")
        browser.close()
    assert fact_ids[0] in before and expected[0] not in before  # before running: the role's name, no value
    for value in expected:
        assert value in after
    assert not any(fact_id in after for fact_id in fact_ids)  # every role was replaced by its value
    assert set(fact_ids) <= set(links)  # and each value links to its quote
