"""Small queries over IR statements shared by the frontend and the code generator."""

from __future__ import annotations

from pyrs_build.ir import nodes as ir

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
