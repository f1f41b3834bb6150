"""Reductions and scans along an axis, with keepdims; NumPy's summation order (pairwise along a lane
it visits as its inner loop, in index order otherwise), so results are bit-identical."""

import numpy as np

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]
Cube = np.ndarray[tuple[int, int, int], np.dtype[np.float64]]
Mask = np.ndarray[tuple[int, int], np.dtype[np.bool_]]


def row_sums(m: Matrix) -> Matrix:
    return np.sum(m, axis=1, keepdims=True)


def column_means(m: Matrix):
    return m.mean(axis=0)


def last_axis_sum(c: Cube):
    return c.sum(axis=-1)


def middle_axis_max(c: Cube):
    return np.max(c, axis=1)


def column_min(m: Matrix):
    return m.min(0)


def vector_sum_axis0(v: Vector) -> float:
    return np.sum(v, axis=0)


def row_products(m: Matrix):
    return np.prod(m, axis=1)


def sample_std(m: Matrix):
    return np.std(m, axis=0, ddof=1)


def row_variance(m: Matrix):
    return m.var(axis=1, keepdims=True)


def row_norms(m: Matrix):
    return np.linalg.norm(m, axis=1)


def pairwise_distances(points: Matrix, others: Matrix):
    return np.linalg.norm(points[:, np.newaxis, :] - others[np.newaxis, :, :], axis=-1)


def any_positive_row(m: Matrix):
    return np.any(m > 0.0, axis=1)


def all_rows(mask: Mask):
    return np.all(mask, axis=0)


def any_anywhere(mask: Mask) -> bool:
    return np.any(mask)


def running_total(m: Matrix):
    return np.cumsum(m, axis=1)


def flat_running_product(m: Matrix):
    return np.cumprod(m)


def velocities(m: Matrix):
    return np.diff(m, axis=0)


def second_differences(v: Vector):
    return np.diff(v, n=2)


def standardized(m: Matrix):
    return (m - m.mean(axis=0)) / m.std(axis=0)


def softmax_rows(m: Matrix):
    shifted = m - np.max(m, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)


def peak_index(v: Vector):
    return np.argmax(v)


def closest_row(points: Matrix, q: Vector):
    """The row of `points` nearest to `q`, and its index."""
    i = np.argmin(np.linalg.norm(points - q, axis=1))
    return points[i] * 1.0, i


def flat_argmax(c: Cube) -> int:
    return int(c.argmax())


PYRS_TEST = {
    "standardized": {"elements": {"min_value": -1e3, "max_value": 1e3}},
    "softmax_rows": {"elements": {"min_value": -50.0, "max_value": 50.0}, "ulps": 4,
                     "why": "np.exp: NumPy's SIMD exp vs libm, 1 ulp each, then a sum and a division"},
    "flat_running_product": {"elements": {"min_value": -10.0, "max_value": 10.0}},
}
