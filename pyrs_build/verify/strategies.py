"""Hypothesis strategies drawn from compiled signatures: every value a caller could pass."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.dtypes import INTEGER_DTYPES
from pyrs_build.ir.types import Array, ListType, OptionalType, Scalar, TupleType, Type

ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True)
INT64 = st.one_of(st.integers(-1000, 1000), st.integers(-(2**63), 2**63 - 1), st.sampled_from([0, 1, -1]))


def scalar(kind: str, elements: dict[str, Any]) -> st.SearchStrategy[Any]:
    """`elements` may bound floats (`min_value`...) and ints (`ints: (lo, hi)`, for loop counts)."""
    options = {k: v for k, v in elements.items() if k != "ints"}
    floats = st.floats(**options) if options else ANY_FLOAT
    ints = st.integers(*elements["ints"]) if "ints" in elements else INT64
    return {
        "float": floats,
        "np_float64": floats.map(np.float64),
        "int": ints,
        "bool": st.booleans(),
        "complex": st.builds(complex, floats, floats),
    }[kind]


def array(dtype: str, ndim: int | None, elements: dict[str, Any], shape: tuple[int, ...] | None = None
          ) -> st.SearchStrategy[Any]:
    options = {k: v for k, v in elements.items() if k != "ints"}
    values = st.floats(**options) if options else ANY_FLOAT
    if dtype == "bool":
        values = st.booleans()
    elif dtype == "float32":
        values = st.floats(**options, width=32) if options else st.floats(width=32)
    elif dtype in INTEGER_DTYPES:  # small values (exact sums, indices) and the extremes (wraparound)
        info = np.iinfo(dtype)
        low, high = elements.get("ints", (-100, 100))
        small = st.integers(max(low, int(info.min)), min(high, int(info.max)))
        values = st.one_of(small, st.integers(int(info.min), int(info.max)), st.sampled_from([info.min, info.max]))
    if shape is None:
        dims = (0, 3) if ndim is None else (ndim, ndim)
        shapes = hnp.array_shapes(min_dims=dims[0], max_dims=dims[1], min_side=0, max_side=4)
    else:
        shapes = st.just(shape)
    base = hnp.arrays(np.dtype(dtype), shapes, elements=values)
    return st.one_of(base, base.map(_strided_view))


def _strided_view(a: np.ndarray) -> np.ndarray:
    """The same values, non-contiguous: a reversed, doubled-stride view."""
    if a.ndim == 0:
        return a
    doubled = np.repeat(a, 2, axis=-1)[..., ::-2]
    return doubled[..., ::-1]


@st.composite
def arguments(draw: st.DrawFn, function: ir.Function, elements: dict[str, Any]) -> tuple[Any, ...]:
    """Arguments for `function`: arrays get mutually broadcastable shapes most of the time."""
    arrays = [p for p in function.params if isinstance(p.type, Array)]
    shapes: dict[str, tuple[int, ...]] = {}
    if len(arrays) > 1 and draw(st.integers(0, 9)) > 0:
        fixed = [p.type.ndim for p in arrays]  # type: ignore[union-attr]
        drawn = draw(hnp.mutually_broadcastable_shapes(num_shapes=len(arrays), min_dims=0, max_dims=3,
                                                       max_side=4)).input_shapes
        for param, shape, ndim in zip(arrays, drawn, fixed):
            if ndim is None or ndim == len(shape):
                shapes[param.name] = shape
    return tuple(draw(_value(p.type, elements, shapes.get(p.name))) for p in function.params)


def _value(typ: Type, elements: dict[str, Any], shape: tuple[int, ...] | None) -> st.SearchStrategy[Any]:
    if isinstance(typ, Array):
        return array(typ.dtype, typ.ndim, elements, shape)
    if isinstance(typ, ListType) and typ.item is not None:
        items = st.lists(scalar(typ.item.kind, elements), max_size=8)
        return items.map(tuple) if typ.kind == "tuple" else items
    if isinstance(typ, OptionalType):
        return st.one_of(st.none(), scalar(typ.inner.kind, elements))
    if isinstance(typ, TupleType):
        return st.tuples(*(_value(t, elements, None) for t in typ.items))
    assert isinstance(typ, Scalar)
    return scalar(typ.kind, elements)


def foreign(typ: Type) -> st.SearchStrategy[Any]:
    """A value of another type than the compiled one (exercises the fallback to Python)."""
    if isinstance(typ, Array):
        return st.sampled_from([np.arange(3), [1.0, 2.0, 3.0], np.arange(4.0).astype(np.float32), None])
    if isinstance(typ, ListType):  # other item types, mixed items, other sequences
        return st.sampled_from([[1, 2.5], [True, False], [1.0, 2.0], [1, 2], (1, 2), [2**70], np.arange(3), None])
    return st.sampled_from([3, 2.5, np.float64(1.5), np.int64(2), True, None, "x"])


@st.composite
def arguments_with_one_foreign(draw: st.DrawFn, function: ir.Function, elements: dict[str, Any]) -> tuple[Any, ...]:
    args = list(draw(arguments(function, elements)))
    if args:
        index = draw(st.integers(0, len(args) - 1))
        args[index] = draw(foreign(function.params[index].type))
    return tuple(args)
