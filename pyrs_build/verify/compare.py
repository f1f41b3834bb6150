"""Comparing a compiled result with the original's: exact types, shapes and dtypes; values
bit-for-bit unless a case states an ulp bound (with its reason)."""

from __future__ import annotations

import math
from typing import Any, Callable

import numpy as np


def outcome(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, Any]:
    """What a call gives: its value (with the arrays it was passed, as it left them: functions may
    write into them) or the type of its exception. Each call gets its own copies of the arrays."""
    own = tuple(np.array(a, copy=True, order="K") if isinstance(a, np.ndarray) else a for a in args)
    try:
        result = function(*own)
    except Exception as exc:  # noqa: BLE001 - the exception type is the result being compared
        return "raised", type(exc)
    written = tuple(a for a in own if isinstance(a, np.ndarray))
    return "value", (result, written) if written else result


def assert_same_outcome(expected: tuple[str, Any], actual: tuple[str, Any], ulps: float) -> None:
    assert expected[0] == actual[0], f"original {expected}, compiled {actual}"
    if expected[0] == "raised":
        assert actual[1] is expected[1], f"original raised {expected[1]}, compiled raised {actual[1]}"
        return
    assert_same(expected[1], actual[1], ulps)


def assert_same(expected: Any, actual: Any, ulps: float) -> None:
    assert type(actual) is type(expected), f"type {type(actual)} != original {type(expected)}"
    if isinstance(expected, tuple):
        assert len(actual) == len(expected)
        for e, a in zip(expected, actual):
            assert_same(e, a, ulps)
    elif isinstance(expected, np.ndarray):
        assert actual.dtype == expected.dtype and actual.shape == expected.shape, \
            f"{actual.dtype}{actual.shape} != original {expected.dtype}{expected.shape}"
        for e, a in zip(expected.ravel().tolist(), actual.ravel().tolist()):
            _same_value(e, a, ulps)
    else:
        _same_value(expected.item() if isinstance(expected, np.generic) else expected,
                    actual.item() if isinstance(actual, np.generic) else actual, ulps)


def _same_value(expected: Any, actual: Any, ulps: float) -> None:
    if isinstance(expected, float):
        if math.isnan(expected) or math.isnan(actual):
            assert math.isnan(expected) and math.isnan(actual), f"{actual!r} != original {expected!r}"
            return
        if ulps == 0 or math.isinf(expected) or math.isinf(actual):
            assert actual == expected and math.copysign(1, actual) == math.copysign(1, expected), \
                f"{actual!r} != original {expected!r}"
            return
        bound = ulps * math.ulp(max(abs(expected), abs(actual)))
        assert abs(actual - expected) <= bound, f"{actual!r} != original {expected!r} (bound {ulps} ulp)"
    else:
        assert actual == expected, f"{actual!r} != original {expected!r}"
