"""IR types as Rust types."""

from __future__ import annotations

from pyrs_build.ir.types import Array, ListType, NoneType, OptionalType, Scalar, TupleType, Type

_SCALARS = {"float": "f64", "np_float64": "f64", "int": "i64", "bool": "bool", "np_bool": "bool", "np_int64": "i64", "np_float32": "f32",
            "np_int32": "i32", "np_uint8": "u8", "np_uint32": "u32",
            "dyn_float": "pyrs::Float", "dyn_bool": "pyrs::Bool", "complex": "pyrs::Complex"}
_ELEMENTS = {"float64": "f64", "bool": "bool", "int64": "i64", "float32": "f32", "int32": "i32", "uint8": "u8",
             "uint32": "u32"}


def element_type(dtype: str) -> str:
    return _ELEMENTS[dtype]


MAX_FIXED_NDIM = 6  # ndarray's Ix0..Ix6: a known ndim gets a fixed dimension (fast element access)


def dimension(t: Array) -> str:
    """The ndarray dimension type of an array type."""
    return f"Ix{t.ndim}" if t.ndim is not None and t.ndim <= MAX_FIXED_NDIM else "IxDyn"


def rust_type(t: Type, view: bool = False, mutable: bool = False) -> str:
    """The owned Rust type of a value; with `view`, arrays are borrowed views (parameters),
    `mutable` ones for parameters the function writes into."""
    if isinstance(t, Scalar):
        return _SCALARS[t.kind]
    if isinstance(t, Array):
        element, dim = element_type(t.dtype), dimension(t)
        kind = "ArrayViewMut" if mutable else "ArrayView"
        if view:
            return f"{kind}D<'_, {element}>" if dim == "IxDyn" else f"{kind}<'_, {element}, {dim}>"
        return f"ArrayD<{element}>" if dim == "IxDyn" else f"Array<{element}, {dim}>"
    if isinstance(t, TupleType):
        return "(" + ", ".join(rust_type(i) for i in t.items) + ("," if len(t.items) == 1 else "") + ")"
    if isinstance(t, ListType):  # parameters borrow the list the wrapper converted
        item = rust_type(t.item) if t.item is not None else "i64"
        return f"&[{item}]" if view else f"Vec<{item}>"
    if isinstance(t, OptionalType):
        return f"Option<{rust_type(t.inner)}>"
    if isinstance(t, NoneType):
        return "()"
    raise TypeError(t)


def to_python(t: Type) -> str:
    """The runtime function converting a Rust value of type `t` to the object Python returns."""
    if isinstance(t, Scalar):
        return {"float": "float_to_py", "int": "int_to_py", "bool": "bool_to_py", "np_float64": "np_float64_to_py", "np_int64": "np_int64_to_py",
                "np_float32": "np_float32_to_py", "np_int32": "np_int32_to_py", "np_uint8": "np_uint8_to_py",
                "np_uint32": "np_uint32_to_py",
                "np_bool": "np_bool_to_py", "dyn_float": "dyn_float_to_py", "dyn_bool": "dyn_bool_to_py",
                "complex": "pyrs::pycomplex::complex_to_py"}[t.kind]
    if isinstance(t, Array):
        if t.ufunc_result:
            return f"ufunc_{element_type(t.dtype)}_to_py"
        return "array_to_py"
    if isinstance(t, NoneType):
        return "none_to_py"
    if isinstance(t, ListType):
        return f"pyrs::list::{t.kind}_to_py"
    raise TypeError(t)
