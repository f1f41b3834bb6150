"""The dtypes of NumPy operations on arrays (and NumPy scalars) of several dtypes: which dtype an
operation computes in, and the conversions of its operands to it (NEP 50, `ir/dtypes.py`)."""

from __future__ import annotations

import ast
from typing import Callable

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.dtypes import (DTYPE_OF_ELEMENT_KIND, INTEGER_DTYPES, KINDS, SMALL_INTEGER_DTYPES, is_weak,
                                  result_dtype)
from pyrs_build.ir.types import ELEMENT_OF_DTYPE, INT, Array, Scalar, Type

Converter = Callable[[ir.Expr, Type], ir.Expr]
# ufuncs that keep an integer dtype (NumPy has integer loops for them); the other float ufuncs
# compute integer arrays in float64 (the 'd->d' loop NumPy picks for int64)
INTEGER_UFUNCS = {"numpy.abs", "numpy.absolute", "numpy.negative", "numpy.positive", "numpy.square", "numpy.sign",
                  "numpy.maximum", "numpy.minimum", "numpy.add", "numpy.subtract", "numpy.multiply",
                  "numpy.floor_divide", "numpy.remainder", "numpy.mod"}
# ufuncs with a float32 loop here: exact ones (IEEE operations, as NumPy's) and libm functions
# within a few ulps of NumPy's SIMD float32 loops (tests/cases/numpy/float32.py states the bounds)
FLOAT32_UFUNCS = {f"numpy.{n}" for n in (
    "sqrt", "abs", "absolute", "fabs", "negative", "positive", "square", "floor", "ceil", "trunc", "rint", "maximum",
    "minimum", "add", "subtract", "multiply", "divide", "true_divide", "isnan", "isinf", "isfinite", "exp", "log",
    "sin", "cos", "tanh")}
_SIGNED_ONLY = {"numpy.abs", "numpy.absolute", "numpy.sign", "numpy.negative"}
FLOAT_UFUNCS_OF_INTEGERS = {f"numpy.{n}" for n in (
    "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "sin", "cos", "tan", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "deg2rad", "rad2deg", "degrees",
    "radians", "arctan2", "hypot", "logaddexp", "divide", "true_divide", "isnan", "isinf", "isfinite")}


def operand_dtype(value: ir.Expr) -> tuple[str, bool] | None:
    """(dtype, weak) of an operand of an array operation: arrays and NumPy scalars are strong,
    Python scalars weak (then the first item is their kind); None for anything else."""
    typ = value.type
    if isinstance(typ, Array):
        return typ.dtype, False
    if isinstance(typ, Scalar) and typ.kind in DTYPE_OF_ELEMENT_KIND:
        return DTYPE_OF_ELEMENT_KIND[typ.kind], False
    if isinstance(typ, Scalar) and is_weak(typ.kind):
        return typ.kind, True
    return None


def has_strong(operands: list[ir.Expr]) -> bool:
    """Some operand is an array or a NumPy scalar (else Python's scalar rules apply)."""
    return any(d is not None and not d[1] for d in map(operand_dtype, operands))


def common_dtype(operands: list[ir.Expr], what: str, node: ast.AST) -> str:
    """The dtype NumPy computes `operands` in (at least one an array or NumPy scalar)."""
    dtypes = [operand_dtype(o) for o in operands]
    if any(d is None for d in dtypes):
        raise Unsupported(node, f"{what} of {', '.join(str(o.type) for o in operands)} is not supported")
    try:
        return result_dtype(dtypes)  # type: ignore[arg-type]
    except ValueError:
        raise Unsupported(node, f"{what} of {', '.join(str(o.type) for o in operands)} has a dtype that depends on "
                          "whether the float is a Python float or a numpy.float64", "convert with float(...)") from None


def as_dtype(value: ir.Expr, dtype: str, convert: Converter) -> ir.Expr:
    """`value` as an operand of dtype `dtype`: arrays convert elementwise, scalars to the element."""
    typ = value.type
    if isinstance(typ, Array):
        if typ.dtype == dtype:
            return value
        return ir.Convert(value, Array(dtype, typ.ndim, ufunc_result=True), value.loc)
    if typ == INT and dtype in SMALL_INTEGER_DTYPES:
        return weak_int(value, dtype)
    return convert(value, ELEMENT_OF_DTYPE[dtype])


_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "uint8": (0, 255), "uint32": (0, 2**32 - 1)}


def weak_int(value: ir.Expr, dtype: str) -> ir.Expr:
    """A Python int as an element of a smaller integer dtype: NumPy raises OverflowError ("Python
    integer 300 out of bounds for uint8") when it does not fit; a literal is checked here."""
    low, high = _BOUNDS[dtype]
    if isinstance(value, ir.Const) and isinstance(value.value, int):
        if not low <= value.value <= high:
            where = ast.Constant(value.value, lineno=value.loc.line, col_offset=value.loc.col - 1)
            raise Unsupported(where, f"Python integer {value.value} out of bounds for {dtype} (NumPy raises "  # type: ignore[arg-type]
                              "OverflowError)", f"use a value in {low}..{high}, or convert the array first")
        return ir.Convert(value, ELEMENT_OF_DTYPE[dtype], value.loc)
    return ir.Intrinsic("npint.weak_int", [value], ELEMENT_OF_DTYPE[dtype], value.loc)


def arithmetic_dtypes(op: str, operands: list[ir.Expr], symbol: str, node: ast.AST) -> tuple[str, str]:
    """(the dtype operands convert to, the result dtype) of `a <op> b` on arrays."""
    dtype = common_dtype(operands, f"'{symbol}'", node)
    if op == "div" and KINDS[dtype] in "bi":  # true division of integers and bools is float64
        return "float64", "float64"
    if dtype == "float32" and op in ("floordiv", "mod", "pow"):
        raise Unsupported(node, f"'{symbol}' of float32 arrays is not supported yet",
                          "compute in float64: x.astype(np.float64)")
    if dtype == "bool":  # bool + bool is logical or, bool - bool a TypeError, bool // bool int8
        raise Unsupported(node, f"'{symbol}' of bool arrays is not supported",
                          "convert first, e.g. mask.astype(np.int64), or use '|', '&', '^' for logic")
    if op == "pow" and dtype in INTEGER_DTYPES and not _nonnegative_constant(operands[1]):
        raise Unsupported(node, "an integer array to a power that is not a non-negative int literal is not "
                          "supported (NumPy raises ValueError for negative integer powers)",
                          "write a literal exponent, or compute in float64: x.astype(np.float64) ** n")
    return dtype, dtype


def _nonnegative_constant(value: ir.Expr) -> bool:
    while isinstance(value, ir.Convert):
        value = value.operand
    return isinstance(value, ir.Const) and type(value.value) is int and value.value >= 0


def array_arithmetic(op: str, left: ir.Expr, right: ir.Expr, symbol: str, ndim: int | None, node: ast.AST,
                     convert: Converter) -> ir.Expr:
    operand, result = arithmetic_dtypes(op, [left, right], symbol, node)
    return ir.BinOp(op, as_dtype(left, operand, convert), as_dtype(right, operand, convert),
                    Array(result, ndim, ufunc_result=True), loc(node))


def ufunc_dtypes(name: str, args: list[ir.Expr], node: ast.AST) -> tuple[str, str]:
    """(operand dtype, result dtype) of a NumPy float ufunc applied to `args`."""
    dtype = common_dtype(args, f"'{name}'", node)
    if dtype == "float32" and name not in FLOAT32_UFUNCS:
        raise Unsupported(node, f"'{name}' of float32 values is not supported yet",
                          f"supported on float32: {', '.join(sorted(n.removeprefix('numpy.') for n in FLOAT32_UFUNCS))}")
    if KINDS[dtype] == "f":
        return dtype, dtype
    if dtype == "bool":  # NumPy picks loops of other dtypes for bools (np.exp gives float16)
        raise Unsupported(node, f"'{name}' of bool values is not supported", "convert first: x.astype(np.float64)")
    if name in INTEGER_UFUNCS and not (dtype.startswith("uint") and name in _SIGNED_ONLY):
        return dtype, dtype
    if name in FLOAT_UFUNCS_OF_INTEGERS and dtype != "uint8":  # NumPy computes uint8 in float16
        return "float64", "float64"
    raise Unsupported(node, f"'{name}' of {dtype} values is not supported yet",
                      "convert to float64 first: x.astype(np.float64)")
