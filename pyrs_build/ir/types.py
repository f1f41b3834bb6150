"""Types of IR values. Python and NumPy scalars are distinct because their semantics differ
(`1.0 / 0.0` raises ZeroDivisionError, `np.float64(1.0) / 0.0` gives inf)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from pyrs_build.ir.dtypes import ELEMENT_KINDS


@dataclass(frozen=True)
class Scalar:
    """kind: 'float' | 'int' | 'bool' (Python objects) or 'np_float64' | 'np_bool' (NumPy scalars), or
    'dyn_float' | 'dyn_bool': a Python float or a NumPy float64 (bool) decided at run time, as for
    `s = 0.0` followed by `s += x[i]` (a float if the loop never runs, numpy.float64 after)."""

    kind: str

    def __str__(self) -> str:
        return {"np_float64": "numpy.float64", "np_bool": "numpy.bool_", "np_int64": "numpy.int64",
                "np_float32": "numpy.float32", "np_int32": "numpy.int32", "np_uint8": "numpy.uint8",
                "np_uint32": "numpy.uint32",
                "dyn_float": "float | numpy.float64",
                "dyn_bool": "bool | numpy.bool_"}.get(self.kind, self.kind)

    @property
    def is_numpy(self) -> bool:
        return self.kind.startswith("np_")

    @property
    def is_floating(self) -> bool:
        return self.kind in ("float", "np_float64", "dyn_float", "np_float32")


@dataclass(frozen=True)
class Array:
    """A NumPy array. ndim None: any. `ufunc_result`: a 0-d result is a NumPy scalar in Python
    (ufuncs and arithmetic unwrap 0-d arrays; np.where and parameters do not)."""

    dtype: str
    ndim: int | None = None
    ufunc_result: bool = False

    def __str__(self) -> str:
        dims = "any ndim" if self.ndim is None else f"{self.ndim}-d"
        return f"ndarray[{self.dtype}, {dims}]"

    def as_value(self) -> "Array":
        """The same array forgetting how it was made."""
        return Array(self.dtype, self.ndim, False)


@dataclass(frozen=True)
class TupleType:
    items: tuple["Type", ...]

    def __str__(self) -> str:
        return "tuple[" + ", ".join(map(str, self.items)) + "]"


@dataclass(frozen=True)
class ListType:
    """A Python list of one scalar type (`list[int]`, `list[float]`, `list[bool]`); item None: an
    empty list literal whose item type the later appends decide."""

    item: Scalar | None
    kind: str = "list"  # or "tuple": a `tuple[X, ...]`, read only

    def __str__(self) -> str:
        if self.kind == "tuple":
            return f"tuple[{self.item}, ...]"
        return f"list[{self.item if self.item is not None else '?'}]"


@dataclass(frozen=True)
class OptionalType:
    """`X | None` of a Python scalar X (an argument that may be None, a function returning None on
    some paths)."""

    inner: Scalar

    def __str__(self) -> str:
        return f"{self.inner} | None"


@dataclass(frozen=True)
class NoneType:
    def __str__(self) -> str:
        return "None"


Type = Union[Scalar, Array, TupleType, ListType, OptionalType, NoneType]

FLOAT = Scalar("float")
INT = Scalar("int")
BOOL = Scalar("bool")
NP_FLOAT64 = Scalar("np_float64")
NP_BOOL = Scalar("np_bool")
NP_INT64 = Scalar("np_int64")
NP_FLOAT32 = Scalar("np_float32")  # an index NumPy returns (np.argmax): returned, indexed with, int()-ed
DYN_FLOAT = Scalar("dyn_float")
DYN_BOOL = Scalar("dyn_bool")
COMPLEX = Scalar("complex")
NONE = NoneType()

ELEMENT_OF_DTYPE = {dtype: Scalar(kind) for dtype, kind in ELEMENT_KINDS.items()}
DTYPE_OF_ELEMENT = {"float": "float64", "np_float64": "float64", "int": "float64", "bool": "bool", "np_bool": "bool"}


def is_array(t: Type) -> bool:
    return isinstance(t, Array)


def is_bool(t: Type) -> bool:
    return isinstance(t, Scalar) and t.kind in ("bool", "np_bool", "dyn_bool")


def is_number(t: Type) -> bool:
    return isinstance(t, Scalar) and t.kind in ("float", "int", "np_float64", "bool", "dyn_float")


def merge_scalars(a: Type, b: Type) -> Type | None:
    """The type of a variable holding values of both types, when it exists."""
    floats = {FLOAT, NP_FLOAT64, DYN_FLOAT}
    bools = {BOOL, NP_BOOL, DYN_BOOL}
    if a == b:
        return a
    if a in floats and b in floats:
        return DYN_FLOAT
    if a in bools and b in bools:
        return DYN_BOOL
    return None
