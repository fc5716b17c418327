"""The whole book as one PDF, printed by Debian's Chromium (no browser download, no network)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml

from .errors import ReportError
from .paths import BOOK

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """Debian's Chromium, or a ReportError saying how to install it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise ReportError("Chromium not found: install Debian's package (apt-get install chromium); "
                          "'playwright install' downloads a browser and fails offline")
    return found


def page_order(toc: Path = BOOK / "_toc.yml") -> list[str]:
    """The book's pages in reading order, as HTML file names."""
    data = yaml.safe_load(toc.read_text(encoding="utf-8"))
    names = [data["root"]]
    for part in data.get("parts", []):
        names += [chapter["file"] for chapter in part.get("chapters", [])]
    return [f"{name}.html" for name in names]


def print_book(site: Path, out: Path) -> Path:
    """Print every page of the published ``site`` in reading order and join them into ``out``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    missing = [name for name in page_order() if not (site / name).is_file()]
    if missing:
        raise ReportError(f"{site} has no {missing[0]}; build the book first (jinjiang-report build)")
    writer = PdfWriter()
    with tempfile.TemporaryDirectory(prefix="jinjiang-pdf-") as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        for index, name in enumerate(page_order()):
            page.goto((site / name).resolve().as_uri(), wait_until="networkidle")
            part = Path(scratch) / f"{index:02d}.pdf"
            page.pdf(path=str(part), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            writer.append(str(part))
        browser.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with open(tmp, "wb") as stream:
        writer.write(stream)
    tmp.replace(out)
    return out
