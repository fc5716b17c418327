"""Derived figures: arithmetic on facts that carries their qualifiers through.

A formula is a tiny expression language, parsed (never evaluated as Python):
fact ids, numbers, ``+ - * /``, brackets and ``days_inclusive(start, end)``.
"""

from __future__ import annotations

import ast
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from .numbers import APPROXIMATELY, EXACT, LESS_THAN, MORE_THAN

FUNCTIONS = ("days_inclusive",)


class FormulaError(ValueError):
    """A formula that is not in the allowed language or names an unknown fact."""


@dataclass(frozen=True)
class Quantity:
    """A value with what is known of it: exact, a lower bound, an upper bound or approximate."""

    value: Decimal
    qualifier: str = EXACT


_FLIP = {MORE_THAN: LESS_THAN, LESS_THAN: MORE_THAN}


def _combine(op: str, left: Quantity, right: Quantity) -> Quantity:
    """Apply ``op`` to two non-negative quantities and say what the result is.

    A bound survives only where monotonicity guarantees it: a lower bound divided by
    an exact count is a lower bound; a lower bound divided by a lower bound is not a
    bound at all, so it becomes approximate.
    """
    if op == "+":
        value = left.value + right.value
    elif op == "-":
        value = left.value - right.value
    elif op == "*":
        value = left.value * right.value
    else:
        if right.value == 0:
            raise FormulaError("division by zero")
        value = left.value / right.value
    if op in "-/":  # decreasing in the right operand
        right = Quantity(right.value, _FLIP.get(right.qualifier, right.qualifier))
    qualifiers = {left.qualifier, right.qualifier} - {EXACT}
    if not qualifiers:
        qualifier = EXACT
    elif len(qualifiers) == 1 and APPROXIMATELY not in qualifiers:
        qualifier = qualifiers.pop()
    else:
        qualifier = APPROXIMATELY
    return Quantity(value, qualifier)


def days_inclusive(start: dt.date, end: dt.date) -> Quantity:
    """The number of calendar days from start to end, both counted."""
    return Quantity(Decimal((end - start).days + 1))


def parse_formula(formula: str) -> ast.Expression:
    """Parse a formula and refuse anything beyond the allowed language."""
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"not a formula: {exc.msg}") from None
    allowed = (ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div,
               ast.Name, ast.Load, ast.Constant, ast.Call)
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
            raise FormulaError(f"{type(node).__name__} is not allowed in a formula")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise FormulaError("only numbers may appear as constants")
        if isinstance(node, ast.Call) and (
            not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords
        ):
            raise FormulaError(f"only these functions are allowed: {', '.join(FUNCTIONS)}")
    return tree


def formula_inputs(formula: str) -> list[str]:
    """The fact ids a formula reads, in order of first appearance."""
    names = []
    for node in ast.walk(parse_formula(formula)):
        if isinstance(node, ast.Name) and node.id not in FUNCTIONS and node.id not in names:
            names.append(node.id)
    return names


def evaluate(formula: str, lookup: Callable[[str], Quantity | dt.date]) -> Quantity:
    """Evaluate a formula; ``lookup`` gives a fact's quantity (or date) by id."""
    symbols = {"+": ast.Add, "-": ast.Sub, "*": ast.Mult, "/": ast.Div}

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Quantity(Decimal(str(node.value)))
        if isinstance(node, ast.Name):
            return lookup(node.id)
        if isinstance(node, ast.Call):
            args = [walk(arg) for arg in node.args]
            if len(args) != 2 or not all(isinstance(a, dt.date) for a in args):
                raise FormulaError("days_inclusive takes two date facts")
            return days_inclusive(*args)
        left, right = walk(node.left), walk(node.right)
        if not (isinstance(left, Quantity) and isinstance(right, Quantity)):
            raise FormulaError("arithmetic on a date; use days_inclusive(start, end)")
        op = next(sym for sym, node_type in symbols.items() if isinstance(node.op, node_type))
        return _combine(op, left, right)

    result = walk(parse_formula(formula))
    if not isinstance(result, Quantity):
        raise FormulaError("a formula must give a number, not a date")
    return result



def date_windows(formula: str) -> list[tuple[str, str]]:
    """The (start, end) fact ids of every ``days_inclusive`` call in a formula."""
    windows = []
    for node in ast.walk(parse_formula(formula)):
        if isinstance(node, ast.Call) and len(node.args) == 2 and all(isinstance(a, ast.Name) for a in node.args):
            start, end = node.args
            assert isinstance(start, ast.Name) and isinstance(end, ast.Name)
            windows.append((start.id, end.id))
    return windows
