"""Lowering of NumPy reductions and scans with their keyword arguments: `np.sum(a, axis=1,
keepdims=True)`, `a.mean(axis=0)`, `np.std(a, ddof=1)`, `np.cumsum(a, axis=1)`, `np.diff(a, axis=0)`,
`np.linalg.norm(a, axis=-1)`, `np.any/all`.

`axis`, `keepdims`, `ddof` and `n` must be literals: they decide the result's ndim (and so its
type). The IR is `Intrinsic("axis.<op>", [array, axis, keepdims, extra])`, or the whole-array
`reduce.<op>` without an axis."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import ELEMENT_OF_DTYPE, BOOL, FLOAT, INT, NP_BOOL, NP_FLOAT64, NP_INT64, Array, Type

# numpy function -> operation; methods of arrays have the same names
FUNCTIONS = {
    "numpy.sum": "sum", "numpy.prod": "prod", "numpy.mean": "mean", "numpy.std": "std", "numpy.var": "var",
    "numpy.max": "max", "numpy.amax": "max", "numpy.min": "min", "numpy.amin": "min", "numpy.any": "any",
    "numpy.all": "all", "numpy.cumsum": "cumsum", "numpy.cumprod": "cumprod", "numpy.diff": "diff",
    "numpy.linalg.norm": "norm", "numpy.argmax": "argmax", "numpy.argmin": "argmin",
}
METHODS = {"sum", "prod", "mean", "std", "var", "max", "min", "any", "all", "cumsum", "cumprod", "argmax", "argmin"}
_INDEX = {"argmax", "argmin"}  # a numpy.int64 over all elements, an int64 array along an axis
_WHOLE = {"sum", "mean", "max", "min"}  # whole-array forms the runtime already has (reduce.*)
_SCANS = {"cumsum", "cumprod"}


@dataclass
class _Options:
    axis: int | None = None
    keepdims: bool = False
    ddof: float = 0.0
    n: int = 1


# the parameters after the array, in NumPy's order, that this compiler accepts
_PARAMETERS = {
    "sum": ["axis", "dtype", "out", "keepdims"], "prod": ["axis", "dtype", "out", "keepdims"],
    "mean": ["axis", "dtype", "out", "keepdims"], "std": ["axis", "dtype", "out", "ddof", "keepdims"],
    "var": ["axis", "dtype", "out", "ddof", "keepdims"], "max": ["axis", "out", "keepdims"],
    "min": ["axis", "out", "keepdims"], "any": ["axis", "out", "keepdims"], "all": ["axis", "out", "keepdims"],
    "cumsum": ["axis", "dtype", "out"], "cumprod": ["axis", "dtype", "out"], "diff": ["n", "axis"],
    "norm": ["ord", "axis", "keepdims"], "argmax": ["axis", "out", "keepdims"], "argmin": ["axis", "out", "keepdims"],
}


def reduction(op: str, array: ir.Expr, args: list[ast.expr], keywords: list[ast.keyword], node: ast.AST) -> ir.Expr:
    """`np.<op>(array, *args, **keywords)` (or the method `array.<op>(...)`)."""
    typ = array.type
    if not isinstance(typ, Array):
        raise Unsupported(node, f"np.{op} of {typ} is not supported yet", "pass an array")
    if typ.dtype != "float64" and op not in ("any", "all"):
        return _integer_reduction(op, array, args, keywords, node)
    if op in _INDEX:
        return _arg_extreme(op, array, args, keywords, node)
    if typ.ndim is None and (args or keywords or op not in _WHOLE | {"any", "all"}):
        raise Unsupported(node, f"np.{op} of an array of unknown ndim ({typ}) is not supported yet",
                          "annotate the number of dimensions: np.ndarray[tuple[int, int], np.dtype[np.float64]]")
    if typ.ndim is None:
        return ir.Intrinsic(f"reduce.{op}", [array], NP_BOOL if op in ("any", "all") else NP_FLOAT64, loc(node))
    options = _options(op, args, keywords, node, typ.ndim)
    where = loc(node)
    if op in _SCANS:
        if options.axis is None:
            return ir.Intrinsic(f"axis.{op}_flat", [array], Array("float64", 1), where)
        return _axis_call(op, array, options, Array("float64", typ.ndim), where)
    if op == "diff":
        if options.axis is None:
            options.axis = typ.ndim - 1
        if typ.ndim == 0:
            raise Unsupported(node, "diff requires input that is at least one dimensional (NumPy raises ValueError)")
        if options.n < 1:
            raise Unsupported(node, "np.diff with n < 1 is not supported", "use n >= 1")
        return _axis_call(op, array, options, Array("float64", typ.ndim), where)
    element: Type = NP_BOOL if op in ("any", "all") else NP_FLOAT64
    dtype = "bool" if op in ("any", "all") else "float64"
    if options.axis is None and typ.ndim == 1 and op not in _WHOLE | {"any", "all"}:
        options.axis = 0  # a vector: the same lane, in index order (norm: NumPy's BLAS dot, to rounding)
    if options.axis is None:
        if options.keepdims or op not in _WHOLE | {"any", "all"}:
            raise Unsupported(node, f"np.{op} over all elements{' with keepdims' if options.keepdims else ''} "
                              "is not supported yet", "pass axis=...")
        return ir.Intrinsic(f"reduce.{op}", [array], element, where)
    if typ.ndim == 0:
        raise Unsupported(node, f"axis {options.axis} is out of bounds for array of dimension 0 "
                          "(NumPy raises AxisError)")
    ndim = typ.ndim if options.keepdims else typ.ndim - 1
    result: Type = element if ndim == 0 else Array(dtype, ndim)
    return _axis_call(op, array, options, result, where)


def _axis_call(op: str, array: ir.Expr, options: _Options, result: Type, where: ir.Loc) -> ir.Expr:
    extra = ir.Const(options.n, INT, where) if op == "diff" else ir.Const(options.ddof, FLOAT, where)
    args = [array, ir.Const(options.axis, INT, where), ir.Const(options.keepdims, BOOL, where), extra]
    return ir.Intrinsic(f"axis.{op}", args, result, where)


def _options(op: str, args: list[ast.expr], keywords: list[ast.keyword], node: ast.AST, ndim: int) -> _Options:
    names = _PARAMETERS[op]
    if len(args) > len(names):
        raise Unsupported(node, f"np.{op} takes at most {len(names) + 1} positional arguments")
    given: dict[str, ast.expr] = dict(zip(names, args))
    for keyword in keywords:
        if keyword.arg is None or keyword.arg not in names or keyword.arg in given:
            raise Unsupported(keyword, f"argument '{keyword.arg}' of np.{op} is not supported", _help(names))
        given[keyword.arg] = keyword.value
    options = _Options()
    for name, value_node in given.items():
        value = _literal(value_node)
        if name in ("dtype", "out", "ord"):
            if value is not None:
                raise Unsupported(value_node, f"np.{op}(..., {name}=...) is not supported yet", _help(names))
        elif name == "axis":
            if value is not None and not (isinstance(value, int) and not isinstance(value, bool)):
                raise Unsupported(value_node, "the axis must be an int literal or None", "write axis=0, axis=-1, ...")
            if isinstance(value, int):
                if ndim == 0 or not -ndim <= value < ndim:
                    raise Unsupported(value_node, f"axis {value} is out of bounds for array of dimension {ndim} "
                                      "(NumPy raises AxisError)")
                options.axis = value % ndim
        elif name == "keepdims":
            if not isinstance(value, bool):
                raise Unsupported(value_node, "keepdims must be True or False", "")
            options.keepdims = value
        elif name == "ddof":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise Unsupported(value_node, "ddof must be a number literal", "write ddof=1")
            options.ddof = float(value)
        elif name == "n":
            if not isinstance(value, int) or isinstance(value, bool):
                raise Unsupported(value_node, "n must be an int literal", "write n=2")
            options.n = value
    return options


_NOT_LITERAL = object()


def _literal(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return _NOT_LITERAL


def _help(names: list[str]) -> str:
    return "supported: " + ", ".join(f"{n}=" for n in names if n not in ("dtype", "out"))


_INTEGER_RESULTS = {"sum": NP_INT64, "mean": NP_FLOAT64, "argmax": NP_INT64, "argmin": NP_INT64}


def _integer_reduction(op: str, array: ir.Expr, args: list[ast.expr], keywords: list[ast.keyword], node: ast.AST
                       ) -> ir.Expr:
    """`np.sum/mean/max/min/argmax/argmin` of an int64 or bool array over all its elements: NumPy's
    result dtypes (the sum of bools counts them as an int64, the mean is a float64)."""
    typ = array.type
    assert isinstance(typ, Array)
    if typ.dtype == "float32":  # NumPy sums float32 pairwise in float32: not ported yet
        raise Unsupported(node, f"np.{op} of {typ} is not supported yet", "reduce in float64: x.astype(np.float64)")
    if op == "sum" and typ.dtype.startswith("uint"):  # NumPy sums unsigned ints into uint64
        raise Unsupported(node, f"np.sum of {typ} gives a numpy.uint64, which is not supported",
                          "sum in int64: x.astype(np.int64).sum()")
    if op not in _INTEGER_RESULTS and op not in ("max", "min"):
        raise Unsupported(node, f"np.{op} of {typ} is not supported yet",
                          "sum, mean, max, min, argmax, argmin, any and all of whole int64 and bool arrays are")
    options = _options(op, args, keywords, node, typ.ndim if typ.ndim is not None else 1)
    if options.keepdims or (options.axis is not None and typ.ndim != 1):
        raise Unsupported(node, f"np.{op} of {typ} along an axis is not supported yet",
                          f"use np.{op} of the whole array (or of a 1-d array)")
    return ir.Intrinsic(f"reduce.{op}", [array], _INTEGER_RESULTS.get(op, ELEMENT_OF_DTYPE[typ.dtype]), loc(node))


def _arg_extreme(op: str, array: ir.Expr, args: list[ast.expr], keywords: list[ast.keyword], node: ast.AST
                 ) -> ir.Expr:
    """`np.argmax(a)`: the index of the first maximum in the flattened array, a numpy.int64."""
    typ = array.type
    assert isinstance(typ, Array)
    options = _options(op, args, keywords, node, typ.ndim if typ.ndim is not None else 1)
    if options.axis is None and options.keepdims:
        raise Unsupported(node, f"np.{op} over all elements with keepdims is not supported yet", "pass axis=...")
    if options.axis is not None and typ.ndim is None:
        raise Unsupported(node, f"np.{op} along an axis of an array of unknown ndim is not supported yet",
                          "annotate the number of dimensions: np.ndarray[tuple[int, int], np.dtype[np.float64]]")
    ndim = typ.ndim if options.keepdims else (typ.ndim or 1) - 1
    if options.axis is None or ndim == 0:  # the whole array, or the one axis of a 1-d array
        return ir.Intrinsic(f"reduce.{op}", [array], NP_INT64, loc(node))
    return _axis_call(op, array, options, Array("int64", ndim), loc(node))  # an int64 array per lane
