"""Lowering of NumPy's array constructors from numbers: `np.linspace`, `np.arange` (floats),
`np.full`, `np.eye`/`np.identity`. (`np.zeros/ones/empty` and `*_like` are in `arrays`.)"""

from __future__ import annotations

import ast

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import BOOL, FLOAT, INT, Array, Scalar, Type

CONSTRUCTORS = {"numpy.linspace", "numpy.arange", "numpy.eye", "numpy.identity"}
LITERALS = {"numpy.array", "numpy.asarray"}
_NUMBERS = ("float", "int", "bool", "np_float64", "dyn_float")
# parameters after which the rest must be keywords NumPy would reject here (dtype etc.)
_PARAMETERS = {"numpy.linspace": ["start", "stop", "num", "endpoint"], "numpy.arange": ["start", "stop", "step"],
               "numpy.eye": ["N", "M", "k"], "numpy.identity": ["n"]}


def construct(name: str, args: list[ir.Expr], keywords: dict[str, ir.Expr], node: ast.Call,
              convert: "callable") -> ir.Expr:  # type: ignore[valid-type]
    """`np.linspace(0.0, 1.0, n)` and friends; `convert(value, type)` is the lowering's conversion."""
    names = _PARAMETERS[name]
    if len(args) > len(names) or any(k not in names for k in keywords):
        raise Unsupported(node, f"'{name}' is supported with the parameters ({', '.join(names)}) only",
                          "dtype=, retstep=, axis= are not supported yet")
    bound: dict[str, ir.Expr] = dict(zip(names, args)) | keywords
    where = loc(node)
    if name == "numpy.linspace":
        start, stop = _float(bound, "start", node, convert), _float(bound, "stop", node, convert)
        num = _int(bound.get("num") or ir.Const(50, INT, where), node)
        endpoint = bound.get("endpoint") or ir.Const(True, BOOL, where)
        if endpoint.type != BOOL:
            raise Unsupported(node, "endpoint must be a bool")
        return ir.Intrinsic("create.linspace", [start, stop, num, endpoint], Array("float64", 1), where)
    if name == "numpy.arange":
        return _arange(bound, node, convert)
    if name == "numpy.identity":
        n = _int(bound["n"], node) if "n" in bound else _missing(node, "n")
        return ir.Intrinsic("create.eye", [n, n, ir.Const(0, INT, where)], Array("float64", 2), where)
    n = _int(bound["N"], node) if "N" in bound else _missing(node, "N")
    m = bound.get("M")
    m = n if m is None or (isinstance(m, ir.Const) and m.value is None) else _int(m, node)
    k = _int(bound.get("k") or ir.Const(0, INT, where), node)
    return ir.Intrinsic("create.eye", [n, m, k], Array("float64", 2), where)


def _arange(bound: dict[str, ir.Expr], node: ast.Call, convert: "callable") -> ir.Expr:  # type: ignore[valid-type]
    """`np.arange` of floats (float64) or of ints (int64)."""
    values = [bound[n] for n in ("start", "stop", "step") if n in bound]
    if not values:
        _missing(node, "stop")
    where = loc(node)
    if all(v.type == INT for v in values):
        start = values[0] if len(values) > 1 else ir.Const(0, INT, where)
        stop = values[1] if len(values) > 1 else values[0]
        step = values[2] if len(values) > 2 else ir.Const(1, INT, where)
        return ir.Intrinsic("create.arange_int", [start, stop, step], Array("int64", 1), where)
    if not any(isinstance(v.type, Scalar) and v.type.is_floating for v in values):
        raise Unsupported(node, f"np.arange of {', '.join(str(v.type) for v in values)} is not supported",
                          "pass ints (an int64 array) or floats (float64)")
    start = values[0] if len(values) > 1 else ir.Const(0.0, FLOAT, where)
    stop = values[1] if len(values) > 1 else values[0]
    step = values[2] if len(values) > 2 else ir.Const(1.0, FLOAT, where)
    floats = [convert(_number(v, node), FLOAT) for v in (start, stop, step)]
    return ir.Intrinsic("create.arange", floats, Array("float64", 1), where)


def _number(value: ir.Expr, node: ast.AST) -> ir.Expr:
    if not (isinstance(value.type, Scalar) and value.type.kind in _NUMBERS):
        raise Unsupported(node, f"expected a number, got {value.type}")
    return value


def _float(bound: dict[str, ir.Expr], name: str, node: ast.AST, convert: "callable") -> ir.Expr:  # type: ignore[valid-type]
    if name not in bound:
        _missing(node, name)
    return convert(_number(bound[name], node), FLOAT)


def _int(value: ir.Expr, node: ast.AST) -> ir.Expr:
    if value.type not in (INT,):
        raise Unsupported(node, f"expected an int, got {value.type} (NumPy raises TypeError for floats)",
                          "convert with int(...)")
    return value


def _missing(node: ast.AST, name: str) -> Type:
    raise Unsupported(node, f"missing required argument '{name}'")


def literal_array(items: list[list[ir.Expr]] | list[ir.Expr], nested: bool, node: ast.AST,
                  convert: "callable") -> ir.Expr:  # type: ignore[valid-type]
    """`np.array([a, b, c])` / `np.array([[a, b], [c, d]])` of numbers: float64 when any is a float,
    bool when all are bools, int64 for ints (and bools)."""
    rows: list[list[ir.Expr]] = items if nested else [items]  # type: ignore[assignment]
    if nested and len({len(r) for r in rows}) > 1:
        raise Unsupported(node, "rows of different lengths make a ragged array (NumPy raises ValueError)")
    values = [v for row in rows for v in row]
    kinds = {v.type.kind if isinstance(v.type, Scalar) else None for v in values}
    if None in kinds or not kinds <= set(_NUMBERS) | {"np_bool"}:
        raise Unsupported(node, "np.array([...]) is supported for lists of numbers only")
    where = loc(node)
    if kinds <= {"bool", "np_bool"}:
        dtype, element = "bool", BOOL
    elif kinds & {"float", "np_float64", "dyn_float"}:
        dtype, element = "float64", FLOAT
    elif kinds <= {"int", "bool", "np_bool", "np_int64"}:
        dtype, element = "int64", INT
    else:
        raise Unsupported(node, f"np.array of {', '.join(sorted(k for k in kinds if k))} is not supported yet",
                          "write float literals (1.0) for a float64 array")
    converted = [convert(v, element) for v in values]
    shape = [ir.Const(len(rows), INT, where), ir.Const(len(rows[0]) if rows else 0, INT, where)] if nested else \
        [ir.Const(len(values), INT, where)]
    return ir.Intrinsic("create.array", [*shape, *converted], Array(dtype, len(shape)), where)
