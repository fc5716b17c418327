"""The whole book as one PDF, printed by Debian's Chromium (no browser download, no network)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import ReportError
from ..files import write_atomically
from .browser import CHROMIUM_FLAGS, require_chromium


def print_book(site: Path, pages: list[str], out: Path) -> Path:
    """Print ``pages`` (document names in reading order) of the published ``site`` into one PDF at ``out``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    files = [f"{name}.html" for name in pages]
    missing = [name for name in files if not (site / name).is_file()]
    if missing:
        raise ReportError(f"{site} has no {missing[0]}; build the book first (jinjiang-report build)")
    chromium = require_chromium()
    writer = PdfWriter()
    with tempfile.TemporaryDirectory(prefix="jinjiang-pdf-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for index, name in enumerate(files):
            page.goto((site / name).resolve().as_uri(), wait_until="networkidle")
            part = Path(scratch) / f"{index:02d}.pdf"
            page.pdf(path=str(part), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            writer.append(str(part))
        browser.close()
        joined = Path(scratch) / "book.pdf"
        with open(joined, "wb") as stream:
            writer.write(stream)
        write_atomically(out, joined.read_bytes())
    return out
