"""Glue a value for the prose, as myst-nb's ``glue(name, value, display=False)`` does, without importing myst-nb.

A glued value is only a display output whose MIME types carry myst-nb's prefix and whose
metadata names it; myst-nb finds it in the executed notebook by that name. Importing
``myst_nb`` in a kernel costs seconds (it imports nbformat and jsonschema); this costs nothing.
"""

from __future__ import annotations

from typing import Any

from IPython.core.formatters import format_display_data
from IPython.display import display

from .links import GLUE_PREFIX


def glue(name: str, value: Any) -> None:
    """Store ``value``'s display forms in the cell's outputs under ``name``, hidden from the page."""
    bundle, metadata = format_display_data(value)
    metadata = {**metadata, "scrapbook": {"name": name, "mime_prefix": GLUE_PREFIX}}
    display({GLUE_PREFIX + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)
