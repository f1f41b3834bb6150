"""Lowering of what NumPy code does with whole arrays besides elementwise arithmetic: creating
them, reading and writing single elements, and asking their shape."""

from __future__ import annotations

import ast

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.imports import ImportTable
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.dtypes import INTEGER_DTYPES
from pyrs_build.ir.types import ELEMENT_OF_DTYPE, INT, Array, Scalar, TupleType, Type

CREATORS = {"numpy.zeros", "numpy.ones", "numpy.empty"}
LIKE = {"numpy.zeros_like": "zeros", "numpy.ones_like": "ones", "numpy.empty_like": "zeros", "numpy.copy": "copy"}
# dtype= of array constructors, by the qualified name of the value
_DTYPE_NAMES = {"float": "float64", "numpy.float64": "float64", "numpy.double": "float64", "int": "int64",
                "numpy.int64": "int64", "numpy.int_": "int64", "numpy.intp": "int64", "bool": "bool",
                "numpy.bool_": "bool", "numpy.bool": "bool", "numpy.float32": "float32", "numpy.single": "float32",
                "numpy.int32": "int32", "numpy.uint8": "uint8", "numpy.uint32": "uint32"}


def location(node: ast.AST) -> ir.Loc:
    return ir.Loc(getattr(node, "lineno", 0), getattr(node, "col_offset", 0) + 1)


def index_arguments(node: ast.Subscript) -> list[ast.expr]:
    return list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]


def check_element_index(array: ir.Expr, indices: list[ir.Expr], node: ast.AST) -> Type:
    """The element type of `array[indices]` when every axis gets one int; Unsupported otherwise."""
    typ = array.type
    assert isinstance(typ, Array)
    if typ.ndim is None:
        raise Unsupported(node, f"indexing an array of unknown ndim ({typ}) is not supported yet",
                          "annotate the number of dimensions: np.ndarray[tuple[int], np.dtype[np.float64]]")
    if len(indices) != typ.ndim:
        raise Unsupported(node, f"{len(indices)} index(es) into a {typ.ndim}-d array gives a sub-array view, "
                          "which is not supported yet", f"index all {typ.ndim} axes, e.g. x[i, j]")
    if typ.dtype not in ELEMENT_OF_DTYPE:
        raise Unsupported(node, f"reading elements of {typ} is not supported yet")
    for index in indices:
        if index.type not in (INT,):
            raise Unsupported(node, f"array index of type {index.type} is not supported yet",
                              "index with ints (slices and masks arrive with the NumPy support)")
    return ELEMENT_OF_DTYPE[typ.dtype]


def tuple_item(value: ir.Expr, index_node: ast.expr, node: ast.AST) -> ir.Expr:
    assert isinstance(value.type, TupleType)
    if not (isinstance(index_node, (ast.Constant, ast.UnaryOp)) and isinstance(_literal(index_node), int)):
        raise Unsupported(node, "a tuple index must be an int literal", "write t[0], t[1], ...")
    index = _literal(index_node)
    size = len(value.type.items)
    if not -size <= index < size:  # type: ignore[operator]
        raise Unsupported(node, f"tuple index {index} out of range for {value.type} (Python raises IndexError)")
    position = index % size  # type: ignore[operator]
    return ir.Intrinsic("pyrs.tuple_item", [value, ir.Const(position, INT, location(node))],
                        value.type.items[position], location(node))


def dimension(array: ir.Expr, index_node: ast.expr, node: ast.AST) -> ir.Expr:
    """`x.shape[k]` (k an int literal) of an array of any ndim: IndexError when it has no axis k."""
    index = _literal(index_node)
    if not isinstance(index, int) or isinstance(index, bool):
        raise Unsupported(node, "the shape of an array of unknown ndim can be indexed with an int literal only",
                          "write x.shape[0], or annotate the number of dimensions")
    return ir.Intrinsic("array.dim", [array, ir.Const(index, INT, location(node))], INT, location(node))


def _literal(node: ast.expr) -> object:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def array_attribute(value: ir.Expr, attribute: str, node: ast.AST) -> ir.Expr:
    """`x.shape`, `x.size`, `x.ndim`, `x.T` of an array."""
    typ = value.type
    assert isinstance(typ, Array)
    if attribute in ("size", "ndim"):
        return ir.Intrinsic(f"array.{attribute}", [value], INT, location(node))
    if attribute == "T":
        return ir.Intrinsic("array.T", [value], Array(typ.dtype, typ.ndim), location(node))
    if attribute == "shape":
        if typ.ndim is None:
            raise Unsupported(node, "the shape of an array of unknown ndim is not supported yet",
                              "annotate the number of dimensions, or use len(x) / x.size")
        return ir.Intrinsic("array.shape", [value], TupleType((INT,) * typ.ndim), location(node))
    raise Unsupported(node, f"array attribute '.{attribute}' is not supported yet")


def array_creation(name: str, args: list[ir.Expr], keywords: dict[str, str | None], node: ast.Call) -> ir.Expr:
    """`np.zeros(n)`, `np.ones((n, m), dtype=np.int64)`, `np.empty(shape)`: a new array."""
    dtype = _DTYPE_NAMES.get(keywords.pop("dtype", "float") or "")
    if keywords or dtype is None or len(args) != 1:
        raise Unsupported(node, f"'{name}' is supported with a shape and a dtype of float64, int64 or bool only",
                          f"write {name.replace('numpy.', 'np.')}(n) or (n, m)")
    shape = args[0]
    dims = list(shape.items) if isinstance(shape, ir.TupleExpr) else [shape]
    if isinstance(shape.type, TupleType) and not isinstance(shape, ir.TupleExpr):
        dims = [ir.Intrinsic("pyrs.tuple_item", [shape, ir.Const(i, INT, shape.loc)], t, shape.loc)
                for i, t in enumerate(shape.type.items)]
    for dim in dims:
        if dim.type != INT:
            raise Unsupported(node, f"array dimensions must be ints, got {dim.type}", "convert with int(...)")
    return ir.Intrinsic(name, dims, Array(dtype, len(dims)), location(node))


def take(array: ir.Expr, index: ir.Expr, node: ast.AST) -> ir.Expr:
    """`x[idx]` with an int64 array `idx`: the sub-arrays `x[i]` for each `i`, stacked in the shape
    of `idx` (negative indices count from the end, NumPy's IndexError out of bounds)."""
    typ, index_type = array.type, index.type
    assert isinstance(typ, Array) and isinstance(index_type, Array)
    if typ.ndim == 0:
        raise Unsupported(node, "indexing a 0-d array with an index array (NumPy raises IndexError)")
    ndim = None if typ.ndim is None or index_type.ndim is None else index_type.ndim + typ.ndim - 1
    return ir.Intrinsic("array.take", [array, index], Array(typ.dtype, ndim), location(node))


def dtype_argument(name: str | None, node: ast.AST) -> str:
    """The dtype a `dtype=` / `astype(...)` argument names (its qualified name or source text)."""
    dtype = _DTYPE_NAMES.get(name or "")
    if dtype is None:
        raise Unsupported(node, f"dtype '{name}' is not supported", "use np.float64, np.float32, np.int64, np.int32, np.uint32, np.uint8 or np.bool_")
    return dtype


def astype(value: ir.Expr, dtype: str, node: ast.AST) -> ir.Expr:
    """`x.astype(dtype)`: a new array of NumPy's cast values. Floats to ints truncate; NaN, inf and
    values beyond int64 (whose result NumPy leaves to the C compiler, with a RuntimeWarning) run
    the original function."""
    typ = value.type
    assert isinstance(typ, Array)
    result = Array(dtype, typ.ndim)
    if typ.dtype == dtype:
        return ir.Intrinsic("array.copy_k", [value], result, location(node))
    if typ.dtype in ("float64", "float32") and dtype in INTEGER_DTYPES:
        return ir.Intrinsic("array.float_to_int", [value], result, location(node))
    return ir.Convert(value, result, location(node))


def length(value: ir.Expr, node: ast.AST) -> ir.Expr:
    if isinstance(value.type, Array):
        return ir.Intrinsic("array.len", [value], INT, location(node))
    if isinstance(value.type, TupleType):
        return ir.Const(len(value.type.items), INT, location(node))
    raise Unsupported(node, f"len() of {value.type} is not supported yet")


def is_scalar(typ: Type) -> bool:
    return isinstance(typ, Scalar)


NEWAXIS = "newaxis"  # an entry of SliceView.axes inserting a length-1 axis
ELLIPSIS = "..."


def is_newaxis(node: ast.expr, imports: ImportTable) -> bool:
    return (isinstance(node, ast.Constant) and node.value is None) or imports.qualified(node) == "numpy.newaxis"


def has_slice(node: ast.Subscript, imports: ImportTable) -> bool:
    """Basic indexing that makes a view: any slice, `np.newaxis`/`None` or `...` among the entries."""
    return any(isinstance(i, ast.Slice) or is_newaxis(i, imports) or (isinstance(i, ast.Constant) and i.value is Ellipsis)
               for i in index_arguments(node))


def expand_ellipsis(array: ir.Expr, axes: list, node: ast.AST) -> list:
    """`x[..., 0]`: the ellipsis stands for as many full slices as the axes not indexed otherwise."""
    if ELLIPSIS not in axes:
        return axes
    if axes.count(ELLIPSIS) > 1:
        raise Unsupported(node, "an index can only have a single ellipsis ('...') (NumPy raises IndexError)")
    typ = array.type
    assert isinstance(typ, Array)
    if typ.ndim is None:
        raise Unsupported(node, f"'...' into an array of unknown ndim ({typ}) is not supported yet",
                          "annotate the number of dimensions")
    used = sum(1 for axis in axes if axis not in (ELLIPSIS, NEWAXIS))
    at = axes.index(ELLIPSIS)
    return axes[:at] + [(None, None, None)] * max(typ.ndim - used, 0) + axes[at + 1:]


def slice_view(array: ir.Expr, axes: list[tuple[ir.Expr | None, ir.Expr | None, ir.Expr | None] | ir.Expr],
               node: ast.AST) -> ir.Expr:
    """`x[1:-1, ::2]`, `U[i, :]`: a view (basic slicing) of an array of known ndim."""
    typ = array.type
    assert isinstance(typ, Array)
    if typ.ndim is not None and sum(1 for axis in axes if axis != NEWAXIS) > typ.ndim:
        raise Unsupported(node, f"too many indices for a {typ.ndim}-d array (NumPy raises IndexError)")
    for axis in axes:
        if axis == NEWAXIS:
            continue
        for bound in (axis if isinstance(axis, tuple) else (axis,)):
            if bound is not None and bound.type != INT:
                raise Unsupported(node, f"slice bounds and indices must be ints, got {bound.type}",
                                  "boolean masks and index arrays arrive with the NumPy support")
    dropped = sum(1 for axis in axes if not isinstance(axis, tuple) and axis != NEWAXIS)
    added = axes.count(NEWAXIS)
    ndim = typ.ndim - dropped + added if typ.ndim is not None else None  # any ndim: checked when run
    return ir.SliceView(array, axes, Array(typ.dtype, ndim), location(node))


def like(name: str, args: list[ir.Expr], node: ast.AST) -> ir.Expr:
    """`np.zeros_like(x)`, `np.ones_like(x)`, `np.empty_like(x)`, `np.copy(x)`: a new array like `x`."""
    if len(args) != 1 or not isinstance(args[0].type, Array):
        raise Unsupported(node, f"'{name}' of one array (no dtype=, order=) is supported")
    typ = args[0].type
    return ir.Intrinsic(f"array.{LIKE[name]}_like" if LIKE[name] != "copy" else "array.copy_k", args,
                        Array(typ.dtype, typ.ndim), location(node))


# intrinsics whose result may be a view of their first argument (NumPy returns views when it can)
VIEW_INTRINSICS = {"array.T", "array.reshape", "array.ravel"}


def is_view_of_array(value: ir.Expr) -> bool:
    return isinstance(value, ir.Intrinsic) and value.name in VIEW_INTRINSICS


def reshape(method: str, value: ir.Expr, args: list[ir.Expr], node: ast.AST) -> ir.Expr:
    """`x.reshape(n, m)`, `x.reshape((n, -1))`, `x.ravel()`, `x.flatten()`: elements in C order."""
    typ = value.type
    assert isinstance(typ, Array)
    if method in ("ravel", "flatten"):
        if args:
            raise Unsupported(node, f"'{method}' with an order is not supported yet", f"write x.{method}()")
        return ir.Intrinsic(f"array.{method}", [value], Array(typ.dtype, 1), location(node))
    dims = list(args[0].items) if len(args) == 1 and isinstance(args[0], ir.TupleExpr) else args
    if len(args) == 1 and isinstance(args[0].type, TupleType) and not isinstance(args[0], ir.TupleExpr):
        dims = [ir.Intrinsic("pyrs.tuple_item", [args[0], ir.Const(i, INT, args[0].loc)], t, args[0].loc)
                for i, t in enumerate(args[0].type.items)]
    if not dims or any(d.type != INT for d in dims):
        raise Unsupported(node, "reshape takes int dimensions", "write x.reshape(n, m) or x.reshape((n, -1))")
    return ir.Intrinsic("array.reshape", [value, *dims], Array(typ.dtype, len(dims)), location(node))


# spellings of a dtype in `x.dtype == ...` (builtins as NumPy reads them: int is int64 on 64-bit Linux)
_DTYPE_SPELLINGS = {
    "float64": {"numpy.float64", "numpy.double", "float", "float64", "f8", "d", "double"},
    "bool": {"numpy.bool_", "numpy.bool", "bool", "?", "b1"},
    "int64": {"numpy.int64", "numpy.int_", "numpy.intp", "int", "int64", "i8", "l"},
    "float32": {"numpy.float32", "numpy.single", "float32", "f4", "f", "single"},
    "complex128": {"numpy.complex128", "numpy.cdouble", "complex", "complex128", "c16", "D"},
    "int32": {"numpy.int32", "numpy.intc", "int32", "i4"},
    "uint8": {"numpy.uint8", "numpy.ubyte", "uint8", "u1", "B"},
    "uint32": {"numpy.uint32", "numpy.uintc", "uint32", "u4"},
}


def dtype_spelling(node: ast.expr, imports: ImportTable) -> str | None:
    """The dtype `np.float64`, `float`, `"float64"` or `np.dtype(...)` of one of these names."""
    if isinstance(node, ast.Call) and imports.qualified(node.func) == "numpy.dtype" and len(node.args) == 1 \
            and not node.keywords:
        return dtype_spelling(node.args[0], imports)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.Name) and node.id in ("float", "bool", "int", "complex"):
        text = node.id
    else:
        text = imports.qualified(node) or ""
    return next((dtype for dtype, names in _DTYPE_SPELLINGS.items() if text in names), None)
