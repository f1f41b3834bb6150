"""Small queries over IR statements shared by the frontend and the code generator."""

from __future__ import annotations

import dataclasses
from typing import Iterator

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import INT

_BLOCKS = (ir.If, ir.ForRange, ir.While)


def breaks_out(body: list[ir.Stmt], label: str) -> bool:
    """Whether a `break` of the loop `label` occurs in `body`."""
    for stmt in body:
        if isinstance(stmt, ir.Break) and stmt.label == label:
            return True
        if isinstance(stmt, _BLOCKS) and (breaks_out(stmt.body, label) or breaks_out(stmt.orelse, label)):
            return True
    return False


def is_true(expr: ir.Expr) -> bool:
    return isinstance(expr, ir.Const) and expr.value is True


def free_vars(expr: object) -> dict[str, ir.Var]:
    """The variables an expression reads, by name (first occurrence), in source order."""
    found: dict[str, ir.Var] = {}
    _collect_vars(expr, found)
    return found


def _collect_vars(node: object, found: dict[str, ir.Var]) -> None:
    if isinstance(node, ir.Var):
        found.setdefault(node.name, node)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _collect_vars(item, found)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            if f.name not in ("type", "loc"):
                _collect_vars(getattr(node, f.name), found)


def calls_python(module: ir.Module) -> bool:
    """Whether a compiled function calls one that stays Python (the crate then keeps the module's
    namespace to look it up)."""
    return any(python_calls(f.body) for f in module.functions)


def python_calls(value: object) -> list[ir.Call]:
    """The calls of functions that stay Python in an IR value (a function body, a statement...)."""
    if isinstance(value, ir.Call) and value.python:
        return [value] + python_calls(value.args)
    if isinstance(value, (list, tuple)):
        return [call for item in value for call in python_calls(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [call for f in dataclasses.fields(value) if f.name not in ("type", "loc")
                for call in python_calls(getattr(value, f.name))]
    return []


def has_loop(body: list[ir.Stmt]) -> bool:
    """Whether `body` contains a `for` or `while` loop."""
    return any(isinstance(s, (ir.ForRange, ir.While)) or (isinstance(s, ir.If) and (has_loop(s.body) or has_loop(s.orelse)))
               for s in body)


def nodes(value: object) -> Iterator[object]:
    """Every IR node in `value` (statements, expressions), depth first."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from nodes(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for field in dataclasses.fields(value):
            if field.name not in ("type", "loc"):
                yield from nodes(getattr(value, field.name))


def may_deopt(body: list[ir.Stmt]) -> bool:
    """Whether running `body` may end in a deopt (an int beyond 64 bits, a complex power, a callee's
    deopt): conservative, by the operations that can."""
    for node in nodes(body):
        if isinstance(node, (ir.BinOp, ir.UnaryOp)) and (node.type == INT or getattr(node, "op", "") == "pow"):
            return True
        if isinstance(node, ir.BinOp) and node.op == "div" and node.left.type == INT:
            return True
        if isinstance(node, ir.Intrinsic) and node.type == INT and not node.name.startswith(("array.", "pyrs.")):
            return True
        if isinstance(node, ir.Call) or (isinstance(node, ir.ForRange) and node.reverse):
            return True
    return False


def recursive_functions(functions: list[ir.Function]) -> set[str]:
    """Names of the functions that can call themselves, directly or through others."""
    calls = {f.name: {c.func for c in _calls(f.body)} for f in functions}
    recursive = set()
    for name in calls:
        seen, todo = set(), list(calls[name])
        while todo:
            callee = todo.pop()
            if callee == name:
                recursive.add(name)
                break
            if callee not in seen:
                seen.add(callee)
                todo += calls.get(callee, ())
    return recursive


def _calls(node: object) -> list[ir.Call]:
    found: list[ir.Call] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ir.Call) and not getattr(current, "python", False):
            found.append(current)
        if isinstance(current, (list, tuple)):
            stack.extend(current)
        elif dataclasses.is_dataclass(current) and not isinstance(current, type):
            stack.extend(getattr(current, f.name) for f in dataclasses.fields(current) if f.name not in ("type", "loc"))
    return found
