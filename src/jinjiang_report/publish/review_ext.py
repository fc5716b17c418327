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


def _configure(app: Any, config: Any) -> None:
    """The stylesheet's folder; and every page's footer (search and index pages too) holds the line
    publishing fills with the version."""
    config.html_static_path.append(str(Path(__file__).with_name("static")))
    options = config.html_theme_options
    options["extra_footer"] = (options.get("extra_footer") or "") + f'<p class="build-version">{PLACEHOLDER}</p>'


def setup(app: Any) -> None:
    app.add_node(address_link, html=(visit_address_link, None))
    app.connect("config-inited", _configure)
    app.connect("doctree-read", _assign_addresses)
    app.add_css_file(STYLESHEET)
