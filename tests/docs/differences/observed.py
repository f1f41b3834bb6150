"""Functions showing each behaviour docs/pages/differences.md describes (compiled by
tests/docs/test_differences.py, which checks the page's statements against them)."""

import numpy as np
from numpy.typing import NDArray

SCALE = 2.0


def scaled(x: float) -> float:
    return SCALE * x


def double(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int, int], np.dtype[np.float64]]:
    return 2.0 * m


def ratio(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    return x / y


def depth(n: int) -> int:
    if n <= 0:
        return 0
    return 1 + depth(n - 1)


def bump_then_square(x: NDArray[np.float64], n: int) -> int:
    x[0] = x[0] + 1.0
    return n * n


def int_modulo(a: int, b: int) -> int:
    return a % b


def float_divmod(a: float, b: float) -> tuple[float, float]:
    return divmod(a, b)


def zero_fmax(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.fmax(x, y)
