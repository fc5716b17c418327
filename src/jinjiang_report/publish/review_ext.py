"""The review parts of the book's Sphinx extension: addresses with their ¶ links, and the place on
every page where the version is written when the site is published (``version.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes

from .addresses import address_link, assign, visit_address_link
from .version import PLACEHOLDER

STYLESHEET = "review.css"


def _assign_addresses(app: Any, doctree: nodes.document) -> None:
    edition = app.config.jinjiang_edition or {}
    assign(doctree, Path(app.env.doc2path(app.env.docname)), edition.get("code", "en"))


def _version_slot(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Every page's body ends with the line publishing fills with the version."""
    if "body" in context:
        context["body"] += f'<p class="build-version">{PLACEHOLDER}</p>\n'


def _add_static(app: Any, config: Any) -> None:
    config.html_static_path.append(str(Path(__file__).with_name("static")))


def setup(app: Any) -> None:
    app.add_node(address_link, html=(visit_address_link, None))
    app.connect("config-inited", _add_static)
    app.connect("doctree-read", _assign_addresses)
    app.connect("html-page-context", _version_slot)
    app.add_css_file(STYLESHEET)
