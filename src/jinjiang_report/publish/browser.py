"""Debian's Chromium, as the PDF printer and the browser tests launch it: no download, no network."""

from __future__ import annotations

import shutil

from ..errors import ReportError

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("install Debian's package (apt-get install chromium); "
                "'playwright install' downloads a browser and fails offline")


def chromium_path() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    """The Chromium executable, or a ReportError saying how to install it."""
    found = chromium_path()
    if not found:
        raise ReportError(f"Chromium not found: {INSTALL_HINT}")
    return found
