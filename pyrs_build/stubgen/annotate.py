"""Observed types (as the tracer describes them) -> stub annotations the compiler accepts."""

from __future__ import annotations

import json
from typing import Any

_SCALARS = {"float": "float", "int": "int", "bool": "bool", "numpy.float64": "np.float64"}
_DTYPES = {"float64": "np.float64", "float32": "np.float32", "int64": "np.int64", "int32": "np.int32",
           "uint8": "np.uint8", "uint32": "np.uint32", "bool": "np.bool_"}


def parameter_annotation(described: str) -> str | None:
    """The annotation for an argument type, None when the compiler has no fast path for it."""
    value = json.loads(described)
    if isinstance(value, str):
        return _SCALARS.get(value)
    if value[0] == "ndarray" and value[1] in _DTYPES and value[2] > 0:  # 0-d arrays: NumPy returns scalars
        return array_annotation(_DTYPES[value[1]], value[2])
    return None


def return_annotation(described: str) -> str | None:
    """The annotation for a returned type; None when it cannot (or need not) be written."""
    return _return(json.loads(described))


def _return(value: Any) -> str | None:
    if value == "numpy.float64":  # a float subclass; the compiler checks the return against float
        return "float"
    if isinstance(value, list) and value[0] == "tuple":
        items = [_return(item) for item in value[1]]
        return f"tuple[{', '.join(items)}]" if items and all(items) else None  # type: ignore[arg-type]
    return parameter_annotation(json.dumps(value))


def array_annotation(dtype: str, ndim: int) -> str:
    shape = "tuple[()]" if ndim == 0 else f"tuple[{', '.join(['int'] * ndim)}]"
    return f"np.ndarray[{shape}, np.dtype[{dtype}]]"


def type_name(described: str) -> str:
    """A short name for messages and comments: Decimal, list of float, ndarray[int64, 1-d]."""
    value = json.loads(described)
    if isinstance(value, str):
        return value if value.startswith("numpy.") else value.rsplit(".", 1)[-1]
    if value[0] == "ndarray":
        return f"ndarray[{value[1]}, {value[2]}-d]"
    if value[0] == "list":
        return f"list of {type_name(json.dumps(value[1]))}"
    return f"tuple[{', '.join(type_name(json.dumps(item)) for item in value[1])}]"
