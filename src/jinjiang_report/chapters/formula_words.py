"""A derived figure's formula as a reader reads it: what each input counts, with its value.

``inno_whitelist_credit / inno_whitelist_firms`` becomes "credit lines granted to white-list firms
(more than CNY 3.941 billion) ÷ firms granted credit lines through the white list (more than 774
firms)"; ``days_inclusive(start, end)`` becomes "the days from 22 September 2025 to 8 October 2025".
The fact ids stay in the links' attributes, for analysts; the reader sees words.
"""

from __future__ import annotations

import ast
from typing import Callable

from ..facts.derive import parse_formula

OPERATORS = {ast.Add: " + ", ast.Sub: " − ", ast.Mult: " × ", ast.Div: " ÷ "}
FUNCTION_WORDS = {"days_inclusive": {"en": "the days from {0} to {1}", "zh": "{0}至{1}的天数"}}


def formula_in_words(formula: str, lang: str, label: Callable[[str], str], value: Callable[[str], str]) -> str:
    """The formula with each input as ``label (value)``, and each function in ``lang``'s words.

    label, value: HTML of an input's label and of its linked value, by fact id. A function's
    arguments (dates) are written as values alone: the words say what they are.
    """
    parenthesis = "（{}）" if lang == "zh" else " ({})"

    def words(node: ast.AST, inside: bool = False) -> str:
        if isinstance(node, ast.Name):
            return label(node.id) + parenthesis.format(value(node.id))
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            arguments = [value(a.id) if isinstance(a, ast.Name) else words(a) for a in node.args]
            return FUNCTION_WORDS[node.func.id][lang].format(*arguments)
        assert isinstance(node, ast.BinOp)
        operator = OPERATORS[type(node.op)]
        text = words(node.left, True) + (operator.strip() if lang == "zh" else operator) + words(node.right, True)
        return f"({text})" if inside else text

    return words(parse_formula(formula).body)
