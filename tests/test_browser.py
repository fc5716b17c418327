"""The built book as a reader meets it: Debian's Chromium driven by Playwright, over a local server
and from file://, at a desktop width and a phone's."""

import functools
import shutil
import re
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import EDITIONS, ROOT, THEMES, need
from contact_sheet import contact_sheet, screenshot_name
from drawn_fonts import FONTS_READY, check_load, check_now, only_shipped_can_draw
from jinjiang_report.publish.browser import CHROMIUM_FLAGS as FLAGS, INSTALL_HINT, chromium_path
from layout import CHART_TEXT, LOAD_IMAGES, OVERFLOW, PUNCTUATION_AFTER_BADGE

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = chromium_path()
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
VIEWPORTS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
DESKTOP, PHONE = VIEWPORTS


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
def bases(server, built_site):
    """Where the site is read from, by protocol: the local server and the folder itself."""
    return {"http": server, "file": built_site.site.resolve().as_uri()}


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


def visit(browser, url: str, width: int = DESKTOP):
    """Open a page at ``width`` (CSS px) and record console errors, failed requests and requests to
    other hosts; returns the context, the page and the list of problems."""
    context = browser.new_context(viewport=VIEWPORTS[width])
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


@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_page_loads_cleanly_with_its_images(browser, server, built_site, width):
    """No console error, failed request or request to another host, no broken image; and a
    full-page screenshot of each page, taken once its fonts are ready, for the contact sheet."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = reader_pages(built_site.site)
    assert {"index.html", "en/intro.html", "zh/innovation.html", "en/source.html", "en/changes.html",
            "zh/changes.html"} <= set(pages)
    failures = {}
    for relative in pages:
        context, page, problems = visit(browser, f"{server}/{relative}", width)
        page.evaluate(LOAD_IMAGES)
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                               ".map(i => i.src.slice(0, 80))")
        problems += [f"broken image: {src}" for src in broken]
        page.evaluate(FONTS_READY)
        page.screenshot(path=str(SCREENSHOTS / screenshot_name(relative, width)), full_page=True)
        context.close()
        if problems:
            failures[relative] = problems
    assert failures == {}


def test_a_contact_sheet_shows_every_page_at_both_widths(built_site):
    pages = reader_pages(built_site.site)
    missing = [screenshot_name(p, w) for p in pages for w in VIEWPORTS
               if not (SCREENSHOTS / screenshot_name(p, w)).exists()]
    assert not missing, f"run test_every_page_loads_cleanly_with_its_images first; missing {missing[:5]}"
    sheet = contact_sheet(SCREENSHOTS, pages, (DESKTOP, PHONE), ARTIFACTS / "contact-sheet.png")
    assert sheet.stat().st_size > 0


@pytest.mark.parametrize("protocol", ["file", "http"])
@pytest.mark.parametrize("width", VIEWPORTS)
def test_chinese_text_is_drawn_by_the_shipped_font(browser, bases, built_site, width, protocol):
    """Ask Chromium which fonts drew each element holding Chinese text, at first paint, at load and
    once the fonts are ready: every character no system font has must be the shipped font's."""
    need(only_shipped_can_draw("清华大学") == 4,
         "this machine has a Chinese system font: a glyph it draws cannot be told from a missing one")
    failures = {}
    for relative in reader_pages(built_site.site):
        where = {"page": relative, "width": width, "protocol": protocol}
        findings = check_load(browser, f"{bases[protocol]}/{relative}", where, VIEWPORTS[width])
        if findings:
            failures[relative] = findings
    assert not failures, (f"{len(failures)} page(s) at {width} px over {protocol} drew Chinese text with "
                          "another font:\n" + "\n".join(f.line() for found in failures.values() for f in found))


def test_the_font_check_sees_a_missing_glyph(browser, server):
    """A planted defect: Chinese text whose font list cannot reach the shipped face is reported."""
    context = browser.new_context(viewport=VIEWPORTS[DESKTOP])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(f"{server}/en/intro.html", wait_until="load")
    page.evaluate(FONTS_READY)
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend',"
                  "'<p id=planted style=\"font-family: sans-serif\">清华大学</p>')")
    findings = check_now(cdp, {"page": "en/intro.html", "width": DESKTOP, "protocol": "http",
                               "checkpoint": "planted"})
    context.close()
    assert [(f.needed, f.drawn) for f in findings if f.element == "p#planted"] == [(4, 0)]


def test_no_page_scrolls_sideways_on_a_phone(browser, server, built_site):
    """At 390 px the page never scrolls sideways; what is wider (tables, code) scrolls inside its
    own region, which the keyboard can reach and which, for a table, has a name."""
    failures = {}
    for relative in reader_pages(built_site.site):
        context, page, _ = visit(browser, f"{server}/{relative}", PHONE)
        page.evaluate(LOAD_IMAGES)
        page.evaluate(FONTS_READY)
        found = page.evaluate(OVERFLOW)
        context.close()
        problems = []
        if found["scrollWidth"] > found["innerWidth"]:
            problems.append(f"page is {found['scrollWidth']} px wide in a {found['innerWidth']} px window; "
                            f"too wide: {found['wide'][:5]}")
        for region in found["scrollers"]:
            if not region["focusable"]:
                problems.append(f"{region['element']} scrolls sideways but the keyboard cannot reach it")
            if region["hasTable"] and not region["name"]:
                problems.append(f"{region['element']} scrolls a table sideways but has no accessible name")
        if problems:
            failures[relative] = problems
    assert not failures, "\n".join(f"{page}: {problem}" for page, found in failures.items() for problem in found)


def test_no_line_on_a_phone_starts_with_the_punctuation_after_an_outside_badge(browser, server, built_site):
    """The full stop after an "outside the page" badge stays on the badge's line, as after any word
    (as an inline-block, the badge let "。" wrap alone to the next line)."""
    found = {}
    for relative in reader_pages(built_site.site):
        context, page, _ = visit(browser, f"{server}/{relative}", PHONE)
        page.evaluate(FONTS_READY)
        wrapped = page.evaluate(PUNCTUATION_AFTER_BADGE)
        context.close()
        if wrapped:
            found[relative] = wrapped
    assert not found, found


def test_chart_text_is_legible_on_a_phone(browser, server, built_site):
    """Every chart's smallest text is drawn at 9 CSS px or more at 390 px (the chapters show a chart only
    where it shows something from the page; tests/test_charts.py holds the house style to 9 pt)."""
    charts, small = 0, {}
    for relative in reader_pages(built_site.site):
        context, page, _ = visit(browser, f"{server}/{relative}", PHONE)
        page.evaluate(LOAD_IMAGES)
        found = page.evaluate(CHART_TEXT)
        context.close()
        charts += len(found)
        too_small = [f"{c['alt']!r}: {c['minFontPt']} pt drawn at {c['px']:.1f} px "
                     f"({c['clientWidth']} of {c['naturalWidth']} px)" for c in found if c["px"] < 9]
        if too_small:
            small[relative] = too_small
    assert charts == len(re.findall(r"<img [^>]*data-min-font-pt", "".join(
        (built_site.site / relative).read_text(encoding="utf-8") for relative in reader_pages(built_site.site))))
    assert not small, "\n".join(f"{page}: {chart}" for page, found in small.items() for chart in found)


AXE = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("width", VIEWPORTS)
def test_axe_finds_no_wcag_a_or_aa_violation(browser, server, built_site, width):
    need(AXE.exists(), "axe-core not installed: run 'npm ci --prefix tests/js' (tools/dev.sh test does)")
    found = {}
    for relative in reader_pages(built_site.site):
        context, page, _ = visit(browser, f"{server}/{relative}", width)
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


REMOVED_ZH = "此段已删去：鬣蜥饕餮"  # characters the book shows nowhere else: the font cut must include them


@pytest.fixture(scope="module")
def reviewed_site(built_site, tmp_path_factory):
    """The session's book published once more, compared with a doctored copy of its own manifest, so
    its "What changed" pages list changed, added and removed facts, passages and a redrawn chart."""
    import json
    from conftest import run_cli

    folder = tmp_path_factory.mktemp("reviewed")
    old = json.loads((built_site.site / "manifest.json").read_text(encoding="utf-8"))
    first_fact = next(iter(old["facts"]))
    for code, edition in old["editions"].items():
        passages = edition["passages"]
        for key in list(passages)[:3]:  # an old beginning removed, the second half of the text added since
            text = passages[key]["text"]
            passages[key]["text"] = "旧的文字 old words " + text[: len(text) // 2]
        passages.pop(next(reversed(passages)))
        passages["intro#b9-p9"] = {"page": "intro", "address": "b9-p9", "text": REMOVED_ZH, "facts": [],
                                   "derived": [], "quotes": [], "context": []}
        for chart in list(edition["charts"].values())[:1]:
            chart["digest"] = "0" * 64
    old["facts"][first_fact]["period"] = "an-older-period"
    old["facts"][first_fact]["shown"] = {code: {**shown, "period": "一段更早的时间 an earlier period"}
                                         for code, shown in old["facts"][first_fact]["shown"].items()}
    baseline = folder / "baseline.json"
    baseline.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    build = folder / "build"  # a copy: the session's build folder stays as the session's build left it
    shutil.copytree(built_site.build_dir, build, symlinks=True)
    result = run_cli("build", "--out", str(folder / "site"), "--since", str(baseline), build_dir=build)
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.mark.parametrize("width", VIEWPORTS)
def test_a_what_changed_page_with_changes_reads_well(browser, reviewed_site, width):
    """axe, no sideways scroll at 390 px, and every Chinese character (the removed passage's too) drawn
    by the shipped font, in both editions."""
    need(AXE.exists(), "axe-core not installed: run 'npm ci --prefix tests/js' (tools/dev.sh test does)")
    handler = functools.partial(QuietHandler, directory=str(reviewed_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    problems = {}
    try:
        for code in EDITIONS:
            relative = f"{code}/changes.html"
            context, page, found = visit(browser, f"{base}/{relative}", width)
            assert page.locator(".changes del").count() > 0 and page.locator(".changes ins").count() > 0
            assert REMOVED_ZH in page.inner_text(".changes")
            page.add_script_tag(path=str(AXE))
            found += page.evaluate(
                "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))"
                ".violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))")
            page.evaluate(FONTS_READY)
            overflow = page.evaluate(OVERFLOW)
            if overflow["scrollWidth"] > overflow["innerWidth"]:
                found.append(f"page is {overflow['scrollWidth']} px wide: {overflow['wide'][:5]}")
            context.close()
            if only_shipped_can_draw("清华大学") == 4:
                found += [f.line() for f in check_load(browser, f"{base}/{relative}",
                                                       {"page": relative, "width": width, "protocol": "http"},
                                                       VIEWPORTS[width])]
            if found:
                problems[relative] = found
    finally:
        httpd.shutdown()
    assert problems == {}
