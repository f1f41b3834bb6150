"""Comparing a compiled result with the original's: exact types, shapes and dtypes; values
bit-for-bit unless a case states an ulp bound (with its reason); exceptions of the same type with
the same message."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np
from numpy.lib.stride_tricks import as_strided


def outcome(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    """What a call gives: its value (with the arrays it was passed, as it left them: functions may
    write into them) or the type of its exception. Each call gets its own replicas of the arrays:
    same strides (non-contiguous and negative-stride views stay so), same read-only flag, and an
    array passed twice is one replica passed twice."""
    replicas: dict[int, np.ndarray] = {}
    own = tuple(replicas.setdefault(id(a), replicate(a)) if isinstance(a, np.ndarray) else a for a in args)
    try:
        result = function(*own)
    except Exception as exc:  # noqa: BLE001 - the exception is the result being compared
        return "raised", (type(exc), str(exc))
    written = tuple(a for a in own if isinstance(a, np.ndarray))
    return "value", (result, written) if written else result


def replicate(array: np.ndarray) -> np.ndarray:
    """A copy of `array` with its memory layout: the same strides (a broadcast view keeps its zero
    strides) and the same writeable flag, in a fresh buffer."""
    if type(array) is not np.ndarray:  # subclasses keep their own copy semantics
        return array.copy()
    itemsize = array.itemsize
    low = sum(s * (n - 1) for s, n in zip(array.strides, array.shape) if s < 0 and n > 0)
    high = sum(s * (n - 1) for s, n in zip(array.strides, array.shape) if s > 0 and n > 0)
    if array.size == 0 or any(s % itemsize for s in array.strides):
        copy = array.copy(order="K")
    else:
        buffer = np.empty((high - low) // itemsize + 1, dtype=array.dtype)
        copy = as_strided(buffer[-low // itemsize:], array.shape, array.strides, writeable=True)
        distinct = tuple(slice(0, 1) if s == 0 else slice(None) for s in array.strides)
        copy[distinct] = array[distinct]  # a broadcast axis holds one value: copy it once, not n times
    if not array.flags.writeable:
        copy.flags.writeable = False
    return copy


def assert_same_outcome(expected: tuple[str, Any], actual: tuple[str, Any], ulps: float,
                        messages: bool = True, scale: Any = None) -> None:
    assert expected[0] == actual[0], f"original {expected}, compiled {actual}"
    if expected[0] == "raised":
        (expected_type, expected_message), (actual_type, actual_message) = expected[1], actual[1]
        assert actual_type is expected_type, f"original raised {expected_type}, compiled raised {actual_type}"
        assert actual_message == expected_message or not messages, \
            f"original raised {expected_type.__name__}({expected_message!r}), compiled raised " \
            f"{actual_type.__name__}({actual_message!r})"
        return
    assert_same(expected[1], actual[1], ulps, scale)


def assert_same(expected: Any, actual: Any, ulps: float, scale: Any = None) -> None:
    """`actual` is `expected`, floats within `ulps` ulp. With a `scale` (same structure as the result:
    the magnitude of the terms a result sums, where they cancel), the bound is `ulps` ulp of the
    larger of the values and the scale."""
    assert type(actual) is type(expected), f"type {type(actual)} != original {type(expected)}"
    if isinstance(expected, (tuple, list)):
        assert len(actual) == len(expected)
        scales = scale if isinstance(scale, (tuple, list)) else [scale] * len(expected)
        for e, a, s in zip(expected, actual, scales):
            assert_same(e, a, ulps, s)
    elif scale is not None and isinstance(expected, np.ndarray) and expected.dtype.kind == "f":
        assert actual.dtype == expected.dtype and actual.shape == expected.shape, \
            f"{actual.dtype}{actual.shape} != original {expected.dtype}{expected.shape}"
        _within_scaled_bound(expected, actual, ulps, np.broadcast_to(np.abs(scale), expected.shape))
    elif scale is not None and isinstance(expected, float):
        _within_scaled_bound(np.array([expected]), np.array([actual]), ulps, np.array([abs(float(scale))]))
    elif isinstance(expected, np.ndarray):
        assert actual.dtype == expected.dtype and actual.shape == expected.shape, \
            f"{actual.dtype}{actual.shape} != original {expected.dtype}{expected.shape}"
        if isinstance(expected, np.ma.MaskedArray):
            assert np.array_equal(np.ma.getmaskarray(expected), np.ma.getmaskarray(actual)), "masks differ"
        _same_elements(*_distinct_elements(np.asarray(expected), np.asarray(actual)), ulps)
    else:
        unit = _ulp_of(expected.dtype) if isinstance(expected, np.generic) else math.ulp
        _same_value(expected.item() if isinstance(expected, np.generic) else expected,
                    actual.item() if isinstance(actual, np.generic) else actual, ulps, unit)


def _within_scaled_bound(expected: np.ndarray, actual: np.ndarray, ulps: float, scale: np.ndarray) -> None:
    nan = np.isnan(expected) | np.isnan(actual)
    assert np.array_equal(np.isnan(expected), np.isnan(actual)), "NaNs differ"
    magnitude = np.maximum(np.maximum(np.abs(expected), np.abs(actual)), scale)
    with np.errstate(invalid="ignore"):
        ok = nan | (expected == actual) | (np.abs(actual - expected) <= ulps * np.spacing(magnitude))
    if not ok.all():
        k = int(np.flatnonzero(~ok.ravel())[0])
        raise AssertionError(f"{actual.ravel()[k]!r} != original {expected.ravel()[k]!r} "
                             f"(bound {ulps} ulp of the terms' magnitude {scale.ravel()[k]!r})")


def _distinct_elements(expected: np.ndarray, actual: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Both arrays without the axes both broadcast (zero strides: one value repeated), so that an
    8 TB broadcast view is compared in one step."""
    both = tuple(slice(0, 1) if e == 0 and a == 0 and n else slice(None)
                 for e, a, n in zip(expected.strides, actual.strides, expected.shape))
    return expected[(*both, ...)], actual[(*both, ...)]


def _same_elements(expected: np.ndarray, actual: np.ndarray, ulps: float) -> None:
    """Vectorised where the dtype allows it; the first differing element is reported as a value."""
    if expected.dtype.kind in "fc" and actual.dtype == expected.dtype:
        parts = [(expected.real, actual.real), (expected.imag, actual.imag)] if expected.dtype.kind == "c" \
            else [(expected, actual)]
        if all(_bit_equal_or_nan(e, a) for e, a in parts):
            return
    elif expected.dtype.kind in "biu" and np.array_equal(expected, actual):
        return
    for e, a in zip(expected.ravel().tolist(), actual.ravel().tolist()):
        _same_value(e, a, ulps, _ulp_of(expected.dtype))


def _bit_equal_or_nan(expected: np.ndarray, actual: np.ndarray) -> bool:
    both_nan = np.isnan(expected) & np.isnan(actual)
    same = (expected == actual) & (np.signbit(expected) == np.signbit(actual))
    return bool(np.all(same | both_nan))


def _ulp_of(dtype: np.dtype) -> Callable[[float], float]:
    """The ulp of a value in the precision of `dtype`: an ulp bound of a float32 result counts
    float32 ulps."""
    if dtype == np.float32:
        return lambda x: float(np.spacing(np.float32(abs(x)))) if math.isfinite(x) else math.inf
    return math.ulp


def _same_value(expected: Any, actual: Any, ulps: float, unit: Callable[[float], float] = math.ulp) -> None:
    if isinstance(expected, complex) and isinstance(actual, complex):
        _same_value(expected.real, actual.real, ulps, unit)
        _same_value(expected.imag, actual.imag, ulps, unit)
        return
    if isinstance(expected, float):
        if math.isnan(expected) or math.isnan(actual):
            assert math.isnan(expected) and math.isnan(actual), f"{actual!r} != original {expected!r}"
            return
        if ulps == 0 or math.isinf(expected) or math.isinf(actual):
            assert actual == expected and math.copysign(1, actual) == math.copysign(1, expected), \
                f"{actual!r} != original {expected!r}"
            return
        bound = ulps * unit(max(abs(expected), abs(actual)))
        assert abs(actual - expected) <= bound, f"{actual!r} != original {expected!r} (bound {ulps} ulp)"
    else:
        assert actual == expected, f"{actual!r} != original {expected!r}"
