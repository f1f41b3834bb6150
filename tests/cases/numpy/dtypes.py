"""Arrays of int64 and bool as arguments and results: NumPy 2's promotion (NEP 50: Python scalars
are weak), integer wraparound, floor division and remainder (0 for a zero divisor, as NumPy gives
with a RuntimeWarning), comparisons, np.where, reductions and creation."""

import numpy as np
from numpy.typing import NDArray

IntVector = np.ndarray[tuple[int], np.dtype[np.int64]]
IntMatrix = np.ndarray[tuple[int, int], np.dtype[np.int64]]
Mask = np.ndarray[tuple[int], np.dtype[np.bool_]]
Vector = np.ndarray[tuple[int], np.dtype[np.float64]]


def scaled_counts(counts: IntVector, k: int):
    return counts * k + 1


def mixed_sum(counts: IntVector, weights: Vector):
    return counts + weights


def scaled_by_float(counts: NDArray[np.int64]):
    return counts * 2.5


def ratios(a: IntVector, b: IntVector):
    return a / b


def floor_parts(a: IntMatrix, b: IntVector):
    return a // b, a % b


def negated_square(a: IntVector):
    return -a ** 2


def int_comparisons(a: IntVector, b: IntVector, limit: float):
    return (a < b) | (a >= limit)


def clamp_negative(a: IntVector):
    return np.where(a < 0, 0, a)


def where_mixed(mask: Mask, a: IntVector, x: Vector):
    return np.where(mask, a, x)


def where_python_ints(mask: Mask):
    return np.where(mask, 1, -1)


def masks_and_counts(mask: Mask, a: IntVector):
    return mask + a, mask * 3


def int_reductions(a: NDArray[np.int64]):
    return np.sum(a), a.max(), a.min(), np.argmax(a), np.argmin(a)


def int_mean(a: NDArray[np.int64]):
    return np.mean(a)


def bool_reductions(mask: Mask):
    return np.sum(mask), mask.mean(), np.any(mask), np.all(mask), mask.max(), np.argmax(mask)


def sum_to_python(a: IntVector):
    total = np.sum(a)
    return total * 2 - 1, total > 0


def int_ufuncs(a: IntVector):
    return np.abs(a), np.square(a), np.maximum(a, 3), np.sign(a)


def int_in_float_ufuncs(a: IntVector):
    return np.sqrt(np.abs(a)), np.exp(a * 0), np.isnan(a)


def counters(n: int):
    m = min(max(n, 0), 1000)
    return np.zeros(m, dtype=np.int64) + np.arange(m)


def stepped_range(start: int, stop: int, step: int):
    if abs(stop - start) > 10000 or step == 0:
        return np.arange(3)
    return np.arange(start, stop, step)


def ones_like_ints(a: IntMatrix):
    return np.ones_like(a) + a, np.zeros((2, 3), dtype=bool)


def literal_ints():
    return np.array([1, 2, 3]) * 2


def inverted(a: IntVector, mask: Mask):
    return ~a, ~mask


PYRS_TEST = {
    "int_mean": {"ulps": 0, "why": "exact: NumPy's buffered float64 sums are reproduced"},
    "where_mixed": {"messages": False, "why": "np.where's broadcast error names all three shapes; fused loops "
                    "name the first two that fail (as for float64 arrays; see docs/pages/differences.md)"},
    "stepped_range": {"elements": {"ints": (-50, 50)}},
    "counters": {"elements": {"ints": (-5, 50)}},
}


def casts(x: Vector, a: IntVector, mask: Mask):
    return x.astype(np.int64), a.astype(np.float64), mask.astype(np.int64), x.astype(bool), a.astype(np.bool_)


def cast_copies(a: IntMatrix):
    b = a.astype(np.int64)
    b[0, 0] = 7
    return b, a.sum()


def counts_above(x: Vector, threshold: float):
    above = (x > threshold).astype(np.int64)
    return above.sum(), (above * 2).astype(np.float64) / 3.0
