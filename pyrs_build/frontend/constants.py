"""Module-level constants: names bound once at top level to an expression of literals, folded at
build time with CPython's own arithmetic (exact by construction; no user code is run)."""

from __future__ import annotations

import ast
import math
import operator
from typing import Callable, Union

from pyrs_build.frontend.imports import ImportTable

Number = Union[int, float, bool]

_KNOWN = {"math.pi": math.pi, "math.e": math.e, "math.tau": math.tau, "math.inf": math.inf,
          "math.nan": math.nan, "numpy.pi": math.pi, "numpy.e": math.e, "numpy.inf": math.inf,
          "numpy.nan": math.nan}
_FUNCTIONS: dict[str, Callable[..., Number]] = {
    f"math.{name}": getattr(math, name)
    for name in ("sqrt", "exp", "log", "log2", "log10", "sin", "cos", "tan", "atan", "atan2", "erf", "erfc",
                 "pow", "hypot", "fabs")
}
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
           ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
_I64 = 2**63


class _NotConstant(Exception):
    pass


def fold_constants(tree: ast.Module, imports: ImportTable) -> dict[str, Number]:
    """name -> value for every top-level name assigned exactly once to a foldable expression."""
    counts = _assignment_counts(tree)
    values: dict[str, Number] = {}
    for node in tree.body:
        target, value = _single_target(node)
        if target is None or counts.get(target, 0) != 1 or value is None:
            continue
        try:
            result = _fold(value, values, imports)
        except (_NotConstant, ArithmeticError, ValueError, TypeError):
            continue
        if isinstance(result, bool) or isinstance(result, float) or (isinstance(result, int) and -_I64 <= result < _I64):
            values[target] = result
    return values


def _single_target(node: ast.stmt) -> tuple[str | None, ast.expr | None]:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id, node.value
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node.value
    return None, None


def _assignment_counts(tree: ast.Module) -> dict[str, int]:
    """How often each name is bound anywhere at module level or declared `global` in a function."""
    counts: dict[str, int] = {}
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Global):
            names = list(node.names) * 2  # any rebinding from a function disqualifies the name
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node in tree.body:
            names = [node.name]
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names = [node.id]
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _fold(node: ast.expr, known: dict[str, Number], imports: ImportTable) -> Number:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, complex):
        return node.value
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    qualified = imports.qualified(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
    if qualified in _KNOWN:
        return _KNOWN[qualified]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_fold(node.left, known, imports), _fold(node.right, known, imports))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_fold(node.operand, known, imports))
    if isinstance(node, ast.Call) and not node.keywords:
        function = _FUNCTIONS.get(imports.qualified(node.func) or "")
        if function is not None:
            return function(*(_fold(a, known, imports) for a in node.args))
    raise _NotConstant
