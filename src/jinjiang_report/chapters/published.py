"""The names a chapter publishes for its prose (``{eval}`name```), known before any kernel runs.

``Chapter`` publishes, for its theme: every fact under its id and its period as
``<id>_period``, every derived figure under its id, and every entry of the outside-context
register (``data/context``) as ``ctx_<id>`` (and its short form, if it has one, as ``ctx_<id>_brief``).
A notebook adds its own with ``chapter.count("name", items)`` or ``chapter.glue("name", value)``.
"""

from __future__ import annotations

import ast
import re
from typing import Iterable

from ..facts.model import Ledger

_MAGIC = re.compile(r"^\s*[%!]")


def published_keys(ledger: Ledger, theme: str) -> set[str]:
    """Every name ``Chapter(theme)`` publishes from the ledger."""
    facts = [fact.id for fact in ledger.facts.values() if fact.theme == theme]
    derived = [item.id for item in ledger.derived.values() if item.theme == theme]
    return {*facts, *(f"{fact_id}_period" for fact_id in facts), *derived,
            *(entry.key for entry in ledger.context.values()),
            *(entry.brief_key for entry in ledger.context.values() if entry.brief_key)}


def glued_in_code(sources: Iterable[str]) -> set[str]:
    """Names a notebook's code cells publish: string literals passed first to ``chapter.count``/``.glue``.

    Cells that do not parse as Python (after dropping IPython magics) are skipped: the kernel
    will say what is wrong with them.
    """
    names = set()
    for source in sources:
        code = "\n".join("" if _MAGIC.match(line) else line for line in source.split("\n"))
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("count", "glue") and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "chapter" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                names.add(node.args[0].value)
    return names
