"""Basic slicing: views in elementwise expressions (finite differences, stencils), rows of matrices."""

import numpy as np
from numpy.typing import NDArray

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]


def differences(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    return x[1:] - x[:-1]


def reversed_scaled(x: np.ndarray[tuple[int], np.dtype[np.float64]], k: float) -> NDArray[np.float64]:
    return x[::-1] * k


def every_other(x: np.ndarray[tuple[int], np.dtype[np.float64]], start: int, step: int) -> NDArray[np.float64]:
    return x[start::step] + 0.0


def window(x: np.ndarray[tuple[int], np.dtype[np.float64]], a: int, b: int, c: int) -> NDArray[np.float64]:
    return x[a:b:c] * 2.0


def laplacian(u: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    return u[1:-1, 0:-2] + u[1:-1, 2:] + u[0:-2, 1:-1] + u[2:, 1:-1] - 4.0 * u[1:-1, 1:-1]


def row_sum(m: np.ndarray[tuple[int, int], np.dtype[np.float64]], i: int) -> float:
    return np.sum(m[i, :])


def column(m: np.ndarray[tuple[int, int], np.dtype[np.float64]], j: int) -> NDArray[np.float64]:
    c = m[:, j]
    return c * c


PYRS_TEST = {
    "every_other": {"elements": {"ints": (-6, 6)}},
    "window": {"elements": {"ints": (-6, 6)}},
    "row_sum": {"elements": {"ints": (-4, 4)}},
    "column": {"elements": {"ints": (-4, 4)}},
}
