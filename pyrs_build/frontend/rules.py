"""Typing rules shared by the lowering steps: what may be passed, merged, broadcast."""

from __future__ import annotations

import ast

from pyrs_build.frontend import arrays
from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import Signature
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import NONE, Array, OptionalType, Scalar, TupleType, Type


def is_new_array(value: ir.Expr) -> bool:
    """An array NumPy creates afresh (not possibly an alias of an argument)."""
    if isinstance(value, ir.Intrinsic):
        return value.name in arrays.CREATORS or value.name.startswith(("numpy.", "axis.", "create.", "linalg.", "array.masked", "array.take", "array.flatten", "array.copy", "array.float_to_int", "array.zeros_like",
                                                                          "array.ones_like"))
    return isinstance(value, (ir.BinOp, ir.UnaryOp, ir.Compare)) or (
        isinstance(value, ir.Convert) and isinstance(value.type, Array))


def assigned_in(fdef: ast.FunctionDef, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(fdef))


def library_constant(qualified: str | None) -> float | None:
    import math

    table = {"math.pi": math.pi, "math.e": math.e, "math.tau": math.tau, "math.inf": math.inf,
             "math.nan": math.nan, "numpy.pi": math.pi, "numpy.e": math.e, "numpy.inf": math.inf,
             "numpy.nan": math.nan}
    return table.get(qualified or "")


def assignable(actual: Type, expected: Type) -> bool:
    if actual == expected:
        return True
    if isinstance(expected, OptionalType):
        return actual == NONE or assignable(actual, expected.inner)
    if isinstance(actual, Array) and isinstance(expected, Array):
        return actual.dtype == expected.dtype and (expected.ndim is None or actual.ndim == expected.ndim)
    if isinstance(actual, Scalar) and isinstance(expected, Scalar):
        return (actual.kind, expected.kind) in {("int", "float"), ("bool", "float"), ("bool", "int"),
                                                ("np_float64", "float"), ("np_bool", "bool"),
                                                ("dyn_float", "float"), ("dyn_bool", "bool")}
    if isinstance(actual, TupleType) and isinstance(expected, TupleType):
        return len(actual.items) == len(expected.items) and all(
            assignable(a, e) for a, e in zip(actual.items, expected.items))
    return False


def passable(actual: Type, expected: Type) -> bool:
    """An argument the compiled callee handles exactly as the original would: the same type (arrays
    of the callee's dtype and any matching ndim)."""
    if isinstance(actual, Array) and isinstance(expected, Array):
        return actual.dtype == expected.dtype and (expected.ndim is None or actual.ndim == expected.ndim)
    return actual == expected


def merge_arrays(types: set[Type]) -> Type | None:
    """Arrays of one dtype merge into 'any ndim'; anything else does not merge."""
    if not types or not all(isinstance(t, Array) for t in types):
        return None
    arrays = [t for t in types if isinstance(t, Array)]
    if len({a.dtype for a in arrays}) != 1 or len({a.ufunc_result for a in arrays}) != 1:
        return None
    ndims = {a.ndim for a in arrays}
    return Array(arrays[0].dtype, ndims.pop() if len(ndims) == 1 else None, arrays[0].ufunc_result)


def broadcast_ndim(*types: Type) -> int | None:
    ndims = [t.ndim if isinstance(t, Array) else 0 for t in types]
    return None if any(n is None for n in ndims) else max(ndims)  # type: ignore[type-var]


def ufunc_array(typ: Type) -> Array:
    assert isinstance(typ, Array)
    return Array(typ.dtype, typ.ndim, ufunc_result=True)


def check_arity(name: str, args: list[ir.Expr], arity: int, node: ast.AST) -> None:
    if len(args) != arity:
        raise Unsupported(node, f"'{name}' takes {arity} argument(s), got {len(args)}")


def bind_call(sig: Signature, node: ast.Call) -> list[ast.expr | None]:
    """Match a call's arguments to parameters as Python does; None where the default applies."""
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise Unsupported(node, "'*args'/'**kwargs' in calls is not supported yet")
    positional = [p for p in sig.params if p.kind != "keyword_only"]
    if len(node.args) > len(positional):
        raise Unsupported(node, f"'{sig.name}' takes {len(positional)} positional arguments but "
                          f"{len(node.args)} were given")
    bound: dict[str, ast.expr] = {p.name: a for p, a in zip(positional, node.args)}
    for keyword in node.keywords:
        param = next((p for p in sig.params if p.name == keyword.arg), None)
        if param is None or param.kind == "positional_only":
            raise Unsupported(keyword, f"'{sig.name}' has no keyword parameter '{keyword.arg}'")
        if keyword.arg in bound:
            raise Unsupported(keyword, f"'{sig.name}' got multiple values for argument '{keyword.arg}'")
        bound[keyword.arg] = keyword.value  # type: ignore[index]
    result: list[ast.expr | None] = []
    for param in sig.params:
        if param.name not in bound and param.default_source is None:
            raise Unsupported(node, f"'{sig.name}' is missing argument '{param.name}'")
        result.append(bound.get(param.name))
    return result
