"""Every NumPy function the compiler supports, on float64 arrays (the reference docs list exactly
the functions some case calls: tests/docs/test_reference.py)."""

import numpy as np
from numpy.typing import NDArray


def arithmetic(x: NDArray[np.float64], y: NDArray[np.float64]):
    return np.add(x, y), np.subtract(x, y), np.multiply(x, y), np.divide(x, y), np.true_divide(y, x)


def floor_and_remainders(x: NDArray[np.float64], y: NDArray[np.float64]):
    return np.floor_divide(x, y), np.remainder(x, y), np.mod(y, x), np.fmod(x, y)


def powers(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.power(x, y)


def signs(x: NDArray[np.float64]):
    return np.negative(x), np.positive(x), np.absolute(x), np.fabs(x), np.sign(x)


def roundings(x: NDArray[np.float64]):
    return np.rint(x), np.trunc(x), np.square(x), np.reciprocal(x)


def extremes(x: NDArray[np.float64], y: NDArray[np.float64]):
    return np.fmax(x, y), np.fmin(x, y), np.copysign(x, y)


def exponentials(x: NDArray[np.float64]):
    return np.exp2(x), np.expm1(x)


def logarithms(x: NDArray[np.float64]):
    return np.log2(x), np.log10(x)


def cube_root(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.cbrt(x)


def trigonometry(x: NDArray[np.float64]):
    return np.sin(x), np.cos(x), np.tan(x)


def inverse_trigonometry(x: NDArray[np.float64]):
    return np.arcsin(x), np.arccos(x), np.arctan(x)


def hyperbolic(x: NDArray[np.float64]):
    return np.sinh(x), np.cosh(x)


def inverse_hyperbolic(x: NDArray[np.float64]):
    return np.arcsinh(x), np.arccosh(x), np.arctanh(x)


def polar(x: NDArray[np.float64], y: NDArray[np.float64]):
    return np.arctan2(y, x), np.hypot(x, y)


def log_sum_exp(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.logaddexp(x, y)


def angles(x: NDArray[np.float64]):
    return np.deg2rad(x), np.rad2deg(x), np.degrees(x), np.radians(x)


def classify(x: NDArray[np.float64]):
    return np.isnan(x), np.isinf(x), np.isfinite(x), np.signbit(x)


def extreme_values(x: NDArray[np.float64]):
    return np.amax(x), np.amin(x), np.min(x), x.max()


def constants(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.where(np.isnan(x), np.nan, np.where(x > np.pi, np.inf, x * np.e))


# On CPUs with AVX-512, NumPy computes these with its own vectorised code (Intel SVML) while the
# compiled code calls glibc (or the libm crate): two implementations a few ulps from the exact value.
# The bounds are the largest difference measured between NumPy 2.4 and glibc 2.36 over 800,000
# inputs (uniform in [-1, 1] and [-50, 50], normal * 1e3, exp(uniform(-700, 700))), plus one.
_SIMD = "NumPy's AVX-512 (SVML) code and glibc each err by a few ulps; measured max difference {}, plus one"
PYRS_TEST = {
    "exponentials": {"ulps": 2, "why": _SIMD.format("1 ulp (exp2, expm1)")},
    "logarithms": {"ulps": 3, "why": _SIMD.format("2 ulps (log10)")},
    "cube_root": {"ulps": 4, "why": _SIMD.format("3 ulps")},
    "trigonometry": {"ulps": 2, "why": _SIMD.format("1 ulp (tan)")},
    "inverse_trigonometry": {"ulps": 2, "why": _SIMD.format("1 ulp")},
    "hyperbolic": {"ulps": 3, "why": _SIMD.format("2 ulps")},
    "inverse_hyperbolic": {"ulps": 4, "why": "the libm crate (1 ulp from glibc) against NumPy's SVML code "
                           "(2 ulps from glibc), plus one"},
    "polar": {"ulps": 2, "why": _SIMD.format("1 ulp (arctan2)"), "messages": False,
              "why_messages": "one fused loop over (x, y) for both results: NumPy's broadcast message lists the first "
                              "ufunc's operands, (y, x)"},
    "powers": {"ulps": 2, "why": _SIMD.format("1 ulp")},
}
