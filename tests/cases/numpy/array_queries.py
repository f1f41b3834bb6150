"""Indices of extremes along an axis (int64 arrays: first occurrence, NaN wins), copies that do not
alias, shapes and dtypes asked of arrays, and arrays annotated without their number of dimensions."""

import numpy as np
from numpy.typing import NDArray

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Cube = np.ndarray[tuple[int, int, int], np.dtype[np.float64]]


def best_column_per_row(scores: Matrix):
    return np.argmax(scores, axis=1)


def lowest_row_per_column(a: Matrix):
    return a.argmin(axis=0)


def argmax_kept(a: Matrix):
    return np.argmax(a, axis=-1, keepdims=True)


def cube_extremes(a: Cube):
    return a.argmin(1), np.argmax(a, axis=0, keepdims=True)


def vector_extremes(a: Vector):
    return np.argmax(a, axis=0), a.argmin(axis=0, keepdims=True)


def copies_do_not_alias(x: Vector, m: Matrix):
    y = x.copy()
    z = np.copy(x)
    f = m.flatten()
    y += 1.0
    z[0] = -1.0
    f[-1] = 7.0
    return y, z, f, x.sum() + m.sum()


def sizes(m: Matrix) -> int:
    return m.shape[0] * 1000 + m.shape[-1] * 100 + m.size * 10 + m.ndim + len(m)


def dtype_checks(x: Vector, m: Matrix) -> bool:
    return x.dtype == np.float64 and x.dtype != "int64" and not (x.dtype == np.dtype(np.bool_)) \
        and x.dtype == m.dtype and float == m.dtype


def any_ndim_differences(x: NDArray[np.float64]):
    return x[1:] - x[:-1]


def any_ndim_first_axis(x: NDArray[np.float64]) -> float:
    return x.sum() + x.shape[0] + x.shape[-1]


def unpacked_shape(x: NDArray[np.float64]) -> int:
    n, m = x.shape
    return n * m


def any_ndim_tail_write(x: NDArray[np.float64]):
    y = x.copy()
    y[1:] = 0.0
    t = y[1:, 0]
    return y, t + 1.0
