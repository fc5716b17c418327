"""Sphinx, where the project relies on its internals: the translators the themes translate through.

An edition's theme words must come before Sphinx's and the themes' own message catalogs, both
for templates (``app.translator``, which Sphinx sets from ``locale.init``) and for the
themes' Python code (``sphinx.locale.translators``, keyed by ``(namespace, catalog)``, Sphinx's
own catalog under ``("general", "sphinx")``). Pinned by ``tests/test_compat.py``.
"""

from __future__ import annotations

from gettext import NullTranslations
from typing import Any, Callable

from sphinx import locale


def put_translations_first(app: Any, make: Callable[[], NullTranslations]) -> None:
    """Translations made by ``make`` tried before every catalog but Sphinx's own for the themes'
    code, and as the templates' fallback."""
    app.translator.add_fallback(make())  # what templates translate through
    for key, existing in list(locale.translators.items()):  # what the themes' Python code translates through
        if key[1] != "sphinx":
            ours = make()
            ours.add_fallback(existing)
            locale.translators[key] = ours
