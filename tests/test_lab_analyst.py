"""JupyterLab as `tools/dev.sh lab` starts it (jinjiang_report/lab.py), seen in Chromium after Run All:
each prose cell shows the values of its own language whatever `lang` the kernel ran with, Chinese
is drawn with the font the book ships (this machine may have none), and a fact's value links to a
file JupyterLab can open: the published book's annotated source, or the ledger."""

import contextlib
import json
import os
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import ledger as load_ledger, need
from drawn_fonts import shipped_postscript_name
from jinjiang_report.chapters.present import Writer
from jinjiang_report.house_rules.prose import eval_keys
from jinjiang_report.chapters.links import fact_quote_anchor
from jinjiang_report.publish.browser import CHROMIUM_FLAGS, INSTALL_HINT, chromium_path
from lab_server import SERVER_FLAGS, TOKEN, free_port, get_json, serving, write_quiet_settings
from test_new_theme import project_copy

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NOTEBOOK = "notebooks/export.ipynb"
KERNEL_IDLE = ("() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
               " const s = w && w.sessionContext; return s && s.session && s.session.kernel"
               " && s.session.kernel.status === 'idle'; }")


@contextlib.contextmanager
def dev_sh_lab(project: Path, home: Path):
    """``python -m jinjiang_report.lab`` (what ``tools/dev.sh lab`` runs) on ``project``; yields its URL."""
    port = free_port()
    write_quiet_settings(home / ".jupyter" / "lab" / "user-settings")
    environment = {**os.environ, "HOME": str(home), "JINJIANG_REPORT_ROOT": str(project),
                   "JINJIANG_REPORT_BUILD": str(home / "build"), "JUPYTER_DATA_DIR": str(home / "data"),
                   "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "IPYTHONDIR": str(home / "ipython")}
    for variable in ("JUPYTER_CONFIG_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR",
                     "JUPYTER_PLATFORM_DIRS"):  # the analyst's own folder is then ~/.jupyter
        environment.pop(variable, None)
    command = [sys.executable, "-m", "jinjiang_report.lab", *SERVER_FLAGS, f"--ServerApp.port={port}"]
    with serving(command, port, environment, home / "lab.log") as base:
        yield base


def partners_with_facts(notebook: Path, facts) -> tuple[int, int, list[str]]:
    """The 0-based indexes of the first English prose cell showing facts and of its Chinese partner, and the facts."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        shown = [role.content for role in eval_keys("".join(cell["source"])) if role.content in facts]
        if cell["cell_type"] == "markdown" and "lang-en" in cell["metadata"].get("tags", []) and shown:
            partner = index + 1 if "lang-zh" in cells[index + 1]["metadata"].get("tags", []) else index - 1
            return index, partner, shown
    raise AssertionError("no English prose cell shows a fact")


def test_each_prose_cell_shows_its_own_language_in_the_books_font_with_links_that_open(tmp_path):
    need(chromium_path() is not None, f"Chromium not found: {INSTALL_HINT}")
    playwright = pytest.importorskip("playwright.sync_api")
    project = project_copy(tmp_path / "project")
    ledger = load_ledger()
    en_index, zh_index, fact_ids = partners_with_facts(project / NOTEBOOK, ledger.facts)
    values = {code: [Writer(code, ledger.vocabulary).fact(ledger.facts[f]) for f in fact_ids] for code in ("en", "zh")}
    source_page = project / "site" / "en" / "source.html"  # as if a build had published the book
    source_page.parent.mkdir(parents=True)
    source_page.write_text(f'<p id="{fact_quote_anchor(fact_ids[0])}">quote</p>', encoding="utf-8")
    with dev_sh_lab(project, tmp_path / "home") as base, playwright.sync_playwright() as p:
        css = urllib.request.urlopen(f"{base}/custom/custom.css?token={TOKEN}").read()
        assert b"@font-face" in css
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={TOKEN}&reset")
        page.wait_for_function(KERNEL_IDLE, timeout=90_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        cells = "window.jupyterapp.shell.currentWidget.content.widgets"
        shown = (f"([i, values]) => {{ const c = {cells}[i].node; return values.every(v => c.innerText.includes(v)); }}")
        page.wait_for_function(shown, arg=[en_index, values["en"]], timeout=120_000)
        # both cells read at one instant once both show their values (a cell may render again while
        # later cells run, so two separate reads could catch one of them mid-render)
        # and its links, at that same instant: read later, they could come from a cell mid-render
        both = (f"([e, z, ve, vz]) => {{ const w = {cells}; const te = w[e].node.innerText, tz = w[z].node.innerText;"
                " const links = [...w[e].node.querySelectorAll('[data-jr-lang=\"en\"] a.fact-link')];"
                " return ve.every(v => te.includes(v)) && vz.every(v => tz.includes(v)) && links.length"
                " ? {en: te, zh: tz, hrefs: links.map(a => a.getAttribute('href'))} : null; }")
        texts = page.wait_for_function(both, arg=[en_index, zh_index, values["en"], values["zh"]],
                                       timeout=60_000).json_value()
        hrefs = texts["hrefs"]
        heading = page.locator(".jp-Notebook .jp-Cell").nth(zh_index).locator("h2").first
        cdp = page.context.new_cdp_session(page)
        document = cdp.send("DOM.getDocument", {"depth": -1})
        cdp.send("CSS.enable")
        node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"],
                                              "selector": f".jp-Notebook .jp-Cell:nth-child({zh_index + 1}) h2"})
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
        assert heading.inner_text()
        page.locator(".jp-Notebook .jp-Cell").nth(en_index).locator("a.fact-link").first.click()
        page.wait_for_function("() => window.jupyterapp.shell.currentWidget.context"
                               " && window.jupyterapp.shell.currentWidget.context.path === 'site/en/source.html'",
                               timeout=30_000)
        browser.close()
    for code, other in (("en", "zh"), ("zh", "en")):
        assert all(v in texts[code] for v in values[code]), (code, values[code], texts[code])
        # the other language's values, but not those that are part of this language's own ("14" of "14个")
        foreign = [v for v in values[other] if not any(v in mine for mine in values[code])]
        assert not any(v in texts[code] for v in foreign), (code, foreign)
    # JupyterLab resolves ../site/en/source.html#q-… from the notebook's folder to the file's URL
    assert hrefs and all("/files/site/en/source.html" in h and "#q-" in h for h in hrefs), hrefs
    assert shipped_postscript_name() in [font["postScriptName"] for font in fonts if font.get("postScriptName")] \
        or any(font["familyName"] == "Noto Sans SC" for font in fonts), fonts
