"""Ask Chromium which fonts drew the Chinese text of a page (the DevTools protocol).

``CSS.getPlatformFontsForNode`` reports, for one element, each font that drew the text Chromium
laid out for it, with a glyph count. Chromium collects the element's own text and the text of its
direct element children (anonymous boxes are transparent), so the count expected of the shipped
font is taken over the same text.

A character of the range the book gives its Chinese face that no installed system font has can
only be drawn by the shipped font: if the shipped font drew fewer glyphs than there are such
characters, the rest were drawn by another font as missing-glyph boxes. Characters some system
font does have (curly quotes in DejaVu Sans) may be drawn by it: allowed, not required.
"""

from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from pylopdf_fonts_zh_cn import sans_path

from jinjiang_report.publish.fonts import in_chinese_range

# When each page load is checked: as soon as Chromium has painted, at the load event, and once
# document.fonts.ready has resolved and two more frames have been drawn.
CHECKPOINTS = ("first paint", "load", "fonts ready")
FIRST_PAINT = "performance.getEntriesByName('first-paint').length > 0"
FONTS_READY = """async () => { await document.fonts.ready;
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))); }"""
_NOT_DRAWN = {"SCRIPT", "STYLE", "TITLE", "NOSCRIPT", "TEMPLATE", "HEAD", "META", "LINK"}


@functools.lru_cache(maxsize=None)
def shipped_postscript_name() -> str:
    """The PostScript name Chromium reports for glyphs drawn by the shipped font (or its subset)."""
    return TTFont(sans_path(), lazy=True)["name"].getDebugName(6)


@functools.lru_cache(maxsize=None)
def system_coverage() -> frozenset[int]:
    """Every code point some installed system font maps (fontconfig's view of the machine)."""
    listed = subprocess.run(["fc-list", "--format", "%{file}\\n"], capture_output=True, text=True).stdout
    covered: set[int] = set()
    for path in sorted(set(listed.split())):
        try:
            covered.update(TTFont(path, fontNumber=0, lazy=True).getBestCmap() or {})
        except Exception:  # a font fontTools cannot read covers nothing we can count on
            continue
    return frozenset(covered)


def only_shipped_can_draw(text: str) -> int:
    """How many characters of ``text`` only the shipped font can draw (one glyph each)."""
    covered = system_coverage()
    return sum(1 for ch in text if in_chinese_range(ch) and ord(ch) not in covered)


@dataclass
class Finding:
    """An element whose Chinese text was drawn, in part, by a font other than the shipped one."""

    page: str
    width: int
    protocol: str
    checkpoint: str
    element: str
    text: str
    needed: int   # characters only the shipped font can draw
    drawn: int    # glyphs the shipped font drew
    fonts: list[dict]

    def line(self) -> str:
        fonts = ", ".join(f"{f['familyName']}{' (web font)' if f.get('isCustomFont') else ''}={f['glyphCount']}"
                          for f in self.fonts)
        return (f"{self.page} at {self.width} px over {self.protocol}, {self.checkpoint}: {self.element} "
                f"{self.text[:30]!r}: the shipped font drew {self.drawn} of {self.needed} glyphs; "
                f"Chromium reports {fonts}")


def _nodes(node: dict):
    yield node
    for child in [*(node.get("children") or []), *(node.get("shadowRoots") or [])]:
        yield from _nodes(child)
    if node.get("contentDocument"):
        yield from _nodes(node["contentDocument"])


def _own_text(node: dict) -> str:
    return "".join(c.get("nodeValue", "") for c in node.get("children") or [] if c["nodeType"] == 3)


def _describe(node: dict) -> str:
    values = node.get("attributes", [])
    attributes = dict(zip(values[::2], values[1::2]))
    label = node["localName"]
    if attributes.get("id"):
        label += "#" + attributes["id"]
    if attributes.get("class"):
        label += "." + ".".join(attributes["class"].split()[:2])
    return label


# The text of an element and of its direct children that is drawn at all: a text node with no box
# (in a hidden child) or directly inside a closed <details> (only its <summary> shows; Chromium still
# gives such text boxes when asked) draws nothing, in any font.
_RENDERED_TEXT = """function () {
    const laidOut = text => {
        const parent = text.parentElement;
        if (parent.localName === 'details' && !parent.open) return false;
        const range = document.createRange(); range.selectNodeContents(text);
        return range.getClientRects().length > 0; };
    const own = node => [...node.childNodes].filter(n => n.nodeType === 3 && laidOut(n)).map(n => n.data).join('');
    return {rendered: this.checkVisibility(), text: own(this) + [...this.children].map(own).join('')};
}"""


def check_now(cdp, where: dict) -> list[Finding]:
    """Findings for the page as it stands (``cdp``: a CDP session on it; ``where``: page, width,
    protocol and checkpoint, copied into each finding). Every element's fonts are read before
    anything else is asked of the page, so no check triggers a layout the reader would not get."""
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    candidates = [node for node in _nodes(root) if node["nodeType"] == 1 and node["nodeName"] not in _NOT_DRAWN
                  and any(in_chinese_range(ch) for ch in _own_text(node))]
    readings = []
    for node in candidates:
        try:
            readings.append(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"])
        except Exception:  # no layout object: nothing was drawn
            readings.append(None)
    shipped = shipped_postscript_name()
    findings = []
    for node, fonts in zip(candidates, readings):
        if fonts is None:
            continue
        drawn = sum(f["glyphCount"] for f in fonts if f.get("isCustomFont") and f.get("postScriptName") == shipped)
        children = [c for c in node.get("children") or [] if c["nodeType"] == 1]
        if drawn >= only_shipped_can_draw(_own_text(node) + "".join(_own_text(c) for c in children)):
            continue
        # Fewer than expected: count again over the text that is laid out at all.
        handle = cdp.send("DOM.resolveNode", {"nodeId": node["nodeId"]})["object"]
        shown = cdp.send("Runtime.callFunctionOn", {"objectId": handle["objectId"], "returnByValue": True,
                                                    "functionDeclaration": _RENDERED_TEXT})["result"]["value"]
        cdp.send("Runtime.releaseObject", {"objectId": handle["objectId"]})
        needed = only_shipped_can_draw(shown["text"])
        if shown["rendered"] and drawn < needed:
            findings.append(Finding(**where, element=_describe(node), text=_own_text(node).strip(),
                                    needed=needed, drawn=drawn, fonts=fonts))
    return findings


def check_load(browser, url: str, where: dict, viewport: dict) -> list[Finding]:
    """Open ``url`` in a fresh context (cold caches) and check it at every checkpoint.

    where: page, width and protocol, for the findings. viewport: Playwright's width and height.
    """
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    findings: list[Finding] = []
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function(FIRST_PAINT, polling=5, timeout=30000)
        findings += check_now(cdp, {**where, "checkpoint": CHECKPOINTS[0]})
        page.wait_for_load_state("load")
        findings += check_now(cdp, {**where, "checkpoint": CHECKPOINTS[1]})
        page.evaluate(FONTS_READY)
        findings += check_now(cdp, {**where, "checkpoint": CHECKPOINTS[2]})
    finally:
        context.close()
    return findings
