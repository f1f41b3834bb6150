"""Lowering of `a @ b`, `np.dot`, `np.matmul`, `np.outer` and `np.linalg.solve` on float64 vectors
and matrices (the ndims decide the result type, as in NumPy)."""

from __future__ import annotations

import ast

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import BOOL, NP_FLOAT64, Array, Type

FUNCTIONS = {"numpy.dot", "numpy.matmul", "numpy.outer", "numpy.linalg.solve"}
# (ndim of a, ndim of b) -> (runtime function, result ndim; 0 is a numpy.float64)
_PRODUCTS = {(1, 1): ("vecvec", 0), (2, 1): ("matvec", 1), (1, 2): ("vecmat", 1), (2, 2): ("matmat", 2)}


def _float_arrays(name: str, args: list[ir.Expr], node: ast.AST) -> list[Array]:
    types: list[Array] = []
    for arg in args:
        typ = arg.type
        if not (isinstance(typ, Array) and typ.dtype == "float64" and typ.ndim is not None):
            raise Unsupported(node, f"'{name}' of {typ} is supported for float64 arrays of known ndim only",
                              "annotate the arrays, e.g. np.ndarray[tuple[int, int], np.dtype[np.float64]]")
        types.append(typ)
    return types


def call(name: str, args: list[ir.Expr], node: ast.AST) -> ir.Expr:
    """`np.dot(a, b)`, `np.matmul(a, b)` (also `a @ b`), `np.outer(a, b)`, `np.linalg.solve(a, b)`."""
    short = name.rsplit(".", 1)[-1]
    if len(args) != 2:
        raise Unsupported(node, f"'{name}' takes two arrays")
    a, b = _float_arrays(name, args, node)
    where = loc(node)
    if short == "outer":
        return ir.Intrinsic("linalg.outer", args, Array("float64", 2), where)
    if short == "solve":
        if (a.ndim, b.ndim) != (2, 1):
            raise Unsupported(node, "np.linalg.solve is supported for a matrix and a vector",
                              "solve one right-hand side at a time")
        return ir.Intrinsic("linalg.solve", args, Array("float64", 1), where)
    product = _PRODUCTS.get((a.ndim, b.ndim))  # type: ignore[arg-type]
    if product is None:
        raise Unsupported(node, f"'{name}' of a {a.ndim}-d and a {b.ndim}-d array is not supported yet",
                          "vectors and matrices are supported")
    function, ndim = product
    result: Type = NP_FLOAT64 if ndim == 0 else Array("float64", ndim)
    dot = ir.Const(short == "dot", BOOL, where)
    return ir.Intrinsic(f"linalg.{function}", [*args, dot], result, where)
