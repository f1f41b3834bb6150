"""The `math` functions and constants no other case calls (the reference docs list exactly the
functions some case calls: tests/docs/test_reference.py). One function each: CPython raises
ValueError or OverflowError per function, and a tuple would hide all but the first."""

import math


def arc_sine(x: float) -> float:
    return math.asin(x)


def arc_cosine(x: float) -> float:
    return math.acos(x)


def arc_tangent(x: float) -> float:
    return math.atan(x)


def inverse_hyperbolic_sine(x: float) -> float:
    return math.asinh(x)


def inverse_hyperbolic_cosine(x: float) -> float:
    return math.acosh(x)


def inverse_hyperbolic_tangent(x: float) -> float:
    return math.atanh(x)


def sine_cosine_tangent(x: float) -> tuple[float, float, float]:
    return math.sin(x), math.cos(x), math.tan(x)


def hyperbolic(x: float) -> tuple[float, float, float]:
    return math.sinh(x), math.cosh(x), math.tanh(x)


def power_of_two(x: float) -> float:
    return math.exp2(x)


def exp_minus_one(x: float) -> float:
    return math.expm1(x)


def logarithms(x: float) -> tuple[float, float, float]:
    return math.log2(x), math.log10(x), math.log1p(x)


def error_functions(x: float) -> tuple[float, float]:
    return math.erf(x), math.erfc(x)


def float_power(x: float, y: float) -> float:
    return math.pow(x, y)


def float_remainder(x: float, y: float) -> float:
    return math.fmod(x, y)


def classify(x: float) -> tuple[bool, bool, bool]:
    return math.isnan(x), math.isinf(x), math.isfinite(x)


def truncate(x: float) -> int:
    return math.trunc(x)


def circle(r: float) -> float:
    return math.pi * r * r + math.tau * r + math.e - math.nan * 0.0


# CPython's math calls glibc; the compiled asinh/acosh/atanh/erf/erfc come from the libm crate (a
# port of musl's). Bounds: the largest difference measured over 200,000 inputs, plus one.
PYRS_TEST = {
    "inverse_hyperbolic_cosine": {"ulps": 2, "why": "libm crate acosh vs glibc: measured 1 ulp, plus one"},
    "inverse_hyperbolic_sine": {"ulps": 2, "why": "libm crate asinh vs glibc: measured 1 ulp, plus one"},
    "inverse_hyperbolic_tangent": {"ulps": 2, "why": "libm crate atanh vs glibc: measured 1 ulp, plus one"},
    "error_functions": {"ulps": 4, "why": "libm crate erf/erfc vs glibc: measured 3 ulps (erfc tails), plus one"},
}
