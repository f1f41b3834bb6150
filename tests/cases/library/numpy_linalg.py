"""np.dot, np.matmul, np.outer, np.identity, np.var and array methods in the corpus. Products of whole numbers are
exact in any summation order, so BLAS and the compiled loops agree bit for bit here (general
inputs agree to rounding: tests/compiler/test_linalg.py)."""

import numpy as np

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def whole_dot(a: Vector, b: Vector):
    return np.dot(np.round(a), np.round(b)) + 0.0  # the sign of a zero sum is BLAS's business


def whole_matmul(a: Matrix, b: Matrix):
    return np.matmul(np.round(a), np.round(b)) + 0.0


def whole_matvec(a: Matrix, x: Vector):
    return np.round(a) @ np.round(x) + 0.0


def outer_product(a: Vector, b: Vector):
    return np.outer(a, b)


def scaled_identity(n: int, k: float):
    return np.identity(n) * k


def variance(x: Vector):
    return np.var(x)


def array_methods(m: Matrix, v: Vector):
    """The methods that have a function form, as methods."""
    flags = m > 0.0
    return m.cumsum(axis=0), m.cumprod(axis=1), m.flatten(), flags.any(), flags.all(), v.prod(), v.argmin()


WHOLE = {"min_value": -8.0, "max_value": 8.0}
PYRS_TEST = {
    "whole_dot": {"elements": WHOLE},
    "whole_matmul": {"elements": WHOLE},
    "whole_matvec": {"elements": WHOLE},
    "scaled_identity": {"elements": {"ints": (-2, 6)}},
}
