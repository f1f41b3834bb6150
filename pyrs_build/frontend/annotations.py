"""Annotations (from the source or a .pyi stub) -> IR types."""

from __future__ import annotations

import ast

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.imports import ImportTable
from pyrs_build.ir.types import BOOL, COMPLEX, FLOAT, INT, NONE, NP_FLOAT64, Array, ListType, OptionalType, TupleType, Type

_SCALARS = {
    "float": FLOAT, "builtins.float": FLOAT, "int": INT, "builtins.int": INT, "bool": BOOL,
    "builtins.bool": BOOL, "complex": COMPLEX, "builtins.complex": COMPLEX, "numpy.float64": NP_FLOAT64, "numpy.double": NP_FLOAT64,
}
_DTYPES = {"numpy.float64": "float64", "numpy.double": "float64", "float": "float64", "numpy.bool_": "bool",
           "numpy.bool": "bool", "bool": "bool", "numpy.int64": "int64", "numpy.int_": "int64", "numpy.float32": "float32", "numpy.single": "float32",
           "numpy.intp": "int64", "numpy.int32": "int32", "numpy.intc": "int32", "numpy.uint8": "uint8",
           "numpy.ubyte": "uint8", "numpy.uint32": "uint32", "numpy.uintc": "uint32"}
_NDARRAY_ALIASES = ("numpy.typing.NDArray", "numpy.ndarray")
_TUPLES = ("tuple", "builtins.tuple", "typing.Tuple")
_LISTS = ("list", "builtins.list", "typing.List")
_HELP = "annotate with float, int, bool, numpy.typing.NDArray[np.float64] or " \
        "np.ndarray[tuple[int, int], np.dtype[np.float64]]"


def annotation_type(node: ast.expr, imports: ImportTable) -> Type:
    """The IR type an annotation denotes; Unsupported for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return annotation_type(ast.parse(node.value, mode="eval").body, imports)
    if isinstance(node, ast.Constant) and node.value is None:
        return NONE
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):  # X | None
        return _optional(node, [node.left, node.right], imports)
    if isinstance(node, ast.Name) and node.id in imports.aliases and node.id not in imports.names:
        return annotation_type(imports.aliases[node.id], imports)
    name = _name_of(node, imports)
    if name in _SCALARS:
        return _SCALARS[name]
    if name in _NDARRAY_ALIASES:
        raise Unsupported(node, f"array annotation '{ast.unparse(node)}' does not say the dtype", _HELP)
    if isinstance(node, ast.Subscript):
        base = _name_of(node.value, imports)
        args = _subscript_args(node)
        if base == "numpy.typing.NDArray" and len(args) == 1:
            return Array(_dtype(args[0], imports), None)
        if base == "numpy.ndarray" and len(args) == 2:
            return Array(_dtype_of_np_dtype(args[1], imports), _ndim_of_shape(args[0], imports))
        if base == "typing.Optional" and len(args) == 1:
            return _optional(node, [args[0], ast.Constant(None)], imports)
        if base == "typing.Union":
            return _optional(node, args, imports)
        if base in _LISTS and len(args) == 1:
            item = annotation_type(args[0], imports)
            if item not in (INT, FLOAT, BOOL):
                raise Unsupported(node, f"lists of {item} are not supported yet", "use list[int], list[float] or "
                                  "list[bool] (or a NumPy array)")
            return ListType(item)  # type: ignore[arg-type]
        if base in _TUPLES:
            if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                item = annotation_type(args[0], imports)
                if item not in (INT, FLOAT, BOOL):
                    raise Unsupported(node, f"tuples of any length of {item} are not supported yet",
                                      "use tuple[int, ...], tuple[float, ...] or tuple[bool, ...]")
                return ListType(item, "tuple")  # type: ignore[arg-type]
            return TupleType(tuple(annotation_type(a, imports) for a in args))
    raise Unsupported(node, f"unsupported type annotation '{ast.unparse(node)}'", _HELP)


def _optional(node: ast.expr, members: list[ast.expr], imports: ImportTable) -> Type:
    """`X | None`, `Optional[X]`, `Union[X, None]` of a Python scalar X."""
    types = [annotation_type(m, imports) for m in members]
    others = [t for t in types if t != NONE]
    if len(types) == 2 and len(others) == 1 and others[0] in (INT, FLOAT, BOOL):
        return OptionalType(others[0])  # type: ignore[arg-type]
    raise Unsupported(node, f"unsupported type annotation '{ast.unparse(node)}'",
                      "unions are supported as X | None (Optional[X]) of int, float or bool")


def _name_of(node: ast.expr, imports: ImportTable) -> str | None:
    if isinstance(node, ast.Name) and node.id in ("float", "int", "bool", "complex", "tuple", "list") \
            and node.id not in imports.names:
        return node.id
    return imports.qualified(node)


def _subscript_args(node: ast.Subscript) -> list[ast.expr]:
    return list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]


def _dtype(node: ast.expr, imports: ImportTable) -> str:
    name = _name_of(node, imports)
    if name in _DTYPES:
        return _DTYPES[name]
    raise Unsupported(node, f"unsupported array dtype '{ast.unparse(node)}'", "supported today: np.float64, np.float32, np.int64, np.int32, np.uint32, np.uint8, np.bool_")


def _dtype_of_np_dtype(node: ast.expr, imports: ImportTable) -> str:
    if isinstance(node, ast.Subscript) and _name_of(node.value, imports) == "numpy.dtype":
        return _dtype(node.slice, imports)
    raise Unsupported(node, f"expected np.dtype[...] in the array annotation, got '{ast.unparse(node)}'", _HELP)


def _ndim_of_shape(node: ast.expr, imports: ImportTable) -> int | None:
    """`tuple[int, int]` -> 2; `tuple[int, ...]` or `Any` -> None (any ndim)."""
    if isinstance(node, ast.Subscript) and _name_of(node.value, imports) in _TUPLES:
        args = _subscript_args(node)
        if not args:  # tuple[()] (an empty ast.Tuple slice)
            return 0
        if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
            return None
        if isinstance(args[0], ast.Tuple) and not args[0].elts:  # tuple[()]
            return 0
        return len(args)
    if _name_of(node, imports) in ("typing.Any", "Any"):
        return None
    raise Unsupported(node, f"unsupported array shape '{ast.unparse(node)}'", "use tuple[int, int] or Any")
