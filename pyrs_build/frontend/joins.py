"""Joining arrays: np.concatenate, np.stack, np.vstack, np.hstack, np.column_stack (lists or tuples
of arrays of known ndim)."""

from __future__ import annotations

import ast

from pyrs_build.frontend import arrays
from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import INT, Array

JOINS = {"numpy.concatenate", "numpy.stack", "numpy.vstack", "numpy.hstack", "numpy.column_stack"}


def join(name: str, items: list[ir.Expr], axis_node: ast.expr | None, node: ast.AST) -> ir.Expr:
    """The join of `items` (already lowered), with NumPy's promotion of 1-d inputs for v/h/column_stack."""
    if not items:
        raise Unsupported(node, "need at least one array to join (NumPy raises ValueError)")
    types = [i.type for i in items]
    if not all(isinstance(t, Array) and t.ndim is not None for t in types) or len({t.dtype for t in types}) != 1:  # type: ignore[union-attr]
        raise Unsupported(node, f"'{name}' of {', '.join(map(str, types))} is supported for arrays of one dtype "
                          "and known ndim", "annotate the arrays' ndim")
    where = loc(node)
    short = name.removeprefix("numpy.")
    if short == "vstack":
        items, axis = [_at_least_2d(i, row=True) for i in items], 0
    elif short == "column_stack":
        items, axis = [_at_least_2d(i, row=False) for i in items], 1
    elif short == "hstack":
        axis = 0 if items[0].type.ndim == 1 else 1  # type: ignore[union-attr]
    else:
        axis = _axis(axis_node, node)
    ndims = {i.type.ndim for i in items}  # type: ignore[union-attr]
    if len(ndims) != 1:
        raise Unsupported(node, f"'{name}' of arrays of different ndims {sorted(ndims)} (NumPy raises ValueError)")
    ndim = ndims.pop()
    result_ndim = ndim + 1 if short == "stack" else ndim
    if not -result_ndim <= axis < result_ndim:
        raise Unsupported(node, f"axis {axis} is out of bounds for array of dimension {result_ndim} "
                          "(NumPy raises AxisError)")
    function = "stack" if short == "stack" else "concatenate"
    dtype = items[0].type.dtype  # type: ignore[union-attr]
    return ir.Intrinsic(f"create.{function}", [ir.Const(axis % result_ndim, INT, where), *items],
                        Array(dtype, result_ndim), where)


def _at_least_2d(item: ir.Expr, row: bool) -> ir.Expr:
    typ = item.type
    assert isinstance(typ, Array)
    if typ.ndim == 1:
        entries = [arrays.NEWAXIS, (None, None, None)] if row else [(None, None, None), arrays.NEWAXIS]
        return ir.SliceView(item, entries, Array(typ.dtype, 2), item.loc)
    return item


def _axis(axis_node: ast.expr | None, node: ast.AST) -> int:
    if axis_node is None:
        return 0
    try:
        value = ast.literal_eval(axis_node)
    except ValueError:
        value = None
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unsupported(node, "the axis of a join must be an int literal", "write axis=0 or axis=-1")
    return value
