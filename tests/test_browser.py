"""The built book as a reader meets it: Debian's Chromium driven by Playwright over a local server."""

import functools
import re
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import EDITIONS, ROOT, THEMES, need

from jinjiang_report.publish.browser import CHROMIUM_FLAGS as FLAGS, INSTALL_HINT, chromium_path

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = chromium_path()
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


@pytest.fixture(autouse=True, scope="module")
def chromium_installed():
    need(CHROMIUM is not None, f"Chromium not found: {INSTALL_HINT}")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(QuietHandler, directory=str(built_site.site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")  # imported here: the fast tier skips this module
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def reader_pages(site: Path) -> list[str]:
    """Every HTML page a reader can reach: the root page and each edition's pages (not template
    fragments under _static, not each edition's index.html, a redirect stub)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if "/_static/" in relative or relative.endswith("/index.html"):
            continue
        pages.append(relative)
    return pages


def visit(browser, url: str):
    """Open a page and record console errors, failed requests and requests to other hosts."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    host = urlparse(url).netloc
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("request", lambda r: problems.append(f"other host: {r.url}")
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return context, page, problems


def test_every_page_loads_cleanly_with_its_images(browser, server, built_site):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = reader_pages(built_site.site)
    assert {"index.html", "en/intro.html", "zh/innovation.html", "en/source.html"} <= set(pages)
    failures = {}
    for relative in pages:
        context, page, problems = visit(browser, f"{server}/{relative}")
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                               ".map(i => i.src.slice(0, 80))")
        problems += [f"broken image: {src}" for src in broken]
        page.screenshot(path=str(SCREENSHOTS / (relative.replace("/", "_") + ".png")), full_page=True)
        context.close()
        if problems:
            failures[relative] = problems
    assert failures == {}


@pytest.mark.parametrize("edition,shown_start", [("en", "more than CNY"), ("zh", "超39.41亿元")])
def test_clicking_a_number_lands_on_its_quote_in_context(browser, server, edition, shown_start):
    context, page, problems = visit(browser, f"{server}/{edition}/innovation.html")
    link = page.locator('a[href="source.html#q-inno-whitelist-credit"]').first
    shown = link.inner_text()
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("source.html#q-inno-whitelist-credit")
    line = page.locator("xpath=//span[@id='q-inno-whitelist-credit']/ancestor::div[contains(@class,'source-line')]")
    assert "获得授信超39.41亿元" in line.inner_text().replace("\n", "")
    assert line.is_visible() and line.evaluate("e => e.getBoundingClientRect().top < window.innerHeight")
    assert shown.startswith(shown_start)
    context.close()
    assert problems == []


@pytest.mark.parametrize("edition,term,expected_page", [
    ("en", "white-list", "innovation"), ("en", "无陪护", "hospital"),
    ("zh", "无陪护", "hospital"), ("zh", "授信", "innovation"), ("zh", "随迁子女", "livelihood")])
def test_site_search_finds_english_and_chinese_terms(browser, server, edition, term, expected_page):
    context, page, problems = visit(browser, f"{server}/{edition}/search.html?q={term}")
    page.wait_for_selector("#search-results li", timeout=15000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    context.close()
    assert any(expected_page in href for href in hrefs), hrefs


AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


def test_axe_finds_no_wcag_a_or_aa_violation(browser, server, built_site):
    need(AXE.exists(), "axe-core not installed: run 'npm ci --prefix tests/js' (tools/dev.sh test does)")
    found = {}
    for relative in reader_pages(built_site.site):
        context, page, _ = visit(browser, f"{server}/{relative}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))"
            ".violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))")
        context.close()
        if violations:
            found[relative] = violations
    assert found == {}


def test_axe_reports_a_planted_violation(browser, server):
    need(AXE.exists(), "axe-core not installed: run 'npm ci --prefix tests/js' (tools/dev.sh test does)")
    context, page, _ = visit(browser, f"{server}/en/intro.html")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"_static/favicon.png\">')")
    page.add_script_tag(path=str(AXE))
    ids = page.evaluate("async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a']}}))"
                        ".violations.map(v => v.id)")
    context.close()
    assert "image-alt" in ids


def link_check(url: str, cwd: Path):
    """Run LinkChecker (internal links and anchors, warnings count) on a served site."""
    import subprocess
    import sys
    checker = Path(sys.executable).with_name("linkchecker")
    return subprocess.run([str(checker), "--config", str(ROOT / "tests" / "linkchecker.ini"), "--no-robots", url],
                          capture_output=True, text=True, timeout=900, cwd=cwd)


def test_no_broken_internal_link_or_anchor(server, tmp_path):
    result = link_check(f"{server}/index.html", tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    checked = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert checked and int(checked.group(2)) > 30, result.stdout[-1000:]


def test_link_checker_flags_a_broken_anchor_and_a_missing_page(tmp_path):
    site = tmp_path / "tiny"
    site.mkdir()
    (site / "a.html").write_text('<html><body><a href="b.html#here">ok</a><a href="b.html#nowhere">bad</a>'
                                 '<a href="missing.html">gone</a></body></html>')
    (site / "b.html").write_text('<html><body><h1 id="here">B</h1></body></html>')
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        result = link_check(f"http://127.0.0.1:{httpd.server_address[1]}/a.html", tmp_path)
    finally:
        httpd.shutdown()
    assert result.returncode == 1
    assert "Anchor `nowhere'" in result.stdout and "404" in result.stdout
    assert "Anchor `here'" not in result.stdout


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_each_chapter_offers_its_executed_notebook(browser, server, edition):
    import json
    for theme in THEMES.values():
        context, page, problems = visit(browser, f"{server}/{edition}/{theme.name}.html")
        link = page.locator(f'a[href$="_sources/{theme.notebook}"]')
        assert link.count() >= 1, theme.name
        response = page.request.get(f"{server}/{edition}/_sources/{theme.notebook}")
        ok, notebook = response.ok, json.loads(response.text())
        context.close()
        outputs = [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
        assert ok and outputs, theme.name
        assert notebook["metadata"]["papermill"]["parameters"]["lang"] == edition
        assert problems == []


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_switcher_leads_to_the_same_page_in_the_other_edition(browser, server, edition):
    other = next(code for code in EDITIONS if code != edition)
    context, page, problems = visit(browser, f"{server}/{edition}/export.html")
    assert page.evaluate("document.documentElement.lang") == EDITIONS[edition].html_lang
    page.locator("a.edition-switch").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/{other}/export.html")
    assert page.evaluate("document.documentElement.lang") == EDITIONS[other].html_lang
    context.close()
    assert problems == []
