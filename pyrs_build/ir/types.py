"""Types of IR values. Python and NumPy scalars are distinct because their semantics differ
(`1.0 / 0.0` raises ZeroDivisionError, `np.float64(1.0) / 0.0` gives inf)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Scalar:
    """kind: 'float' | 'int' | 'bool' (Python objects) or 'np_float64' | 'np_bool' (NumPy scalars)."""

    kind: str

    def __str__(self) -> str:
        return {"np_float64": "numpy.float64", "np_bool": "numpy.bool_"}.get(self.kind, self.kind)

    @property
    def is_numpy(self) -> bool:
        return self.kind.startswith("np_")

    @property
    def is_floating(self) -> bool:
        return self.kind in ("float", "np_float64")


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
class NoneType:
    def __str__(self) -> str:
        return "None"


Type = Union[Scalar, Array, TupleType, NoneType]

FLOAT = Scalar("float")
INT = Scalar("int")
BOOL = Scalar("bool")
NP_FLOAT64 = Scalar("np_float64")
NP_BOOL = Scalar("np_bool")
NONE = NoneType()

ELEMENT_OF_DTYPE = {"float64": NP_FLOAT64, "bool": NP_BOOL}
DTYPE_OF_ELEMENT = {"float": "float64", "np_float64": "float64", "int": "float64", "bool": "bool", "np_bool": "bool"}


def is_array(t: Type) -> bool:
    return isinstance(t, Array)


def is_bool(t: Type) -> bool:
    return isinstance(t, Scalar) and t.kind in ("bool", "np_bool")


def is_number(t: Type) -> bool:
    return isinstance(t, Scalar) and t.kind in ("float", "int", "np_float64", "bool")
