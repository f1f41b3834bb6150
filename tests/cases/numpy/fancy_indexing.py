"""Integer-array ("fancy") indexing: gathering rows or elements with an int64 index array or a list
literal (negative indices wrap, NumPy's IndexError out of bounds), writing through it (the last of
repeated indices wins) and `x[idx] += v`, which NumPy buffers: repeats do not accumulate."""

import numpy as np

IntVector = np.ndarray[tuple[int], np.dtype[np.int64]]
IntMatrix = np.ndarray[tuple[int, int], np.dtype[np.int64]]
Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def gather(x: Vector, idx: IntVector):
    return x[idx]


def gather_rows(m: Matrix, idx: IntVector):
    return m[idx]


def gather_grid(x: IntVector, idx: IntMatrix):
    return x[idx] * 2


def first_and_last(x: Vector):
    return x[[0, -1]]


def scatter(x: Vector, idx: IntVector, v: float):
    y = x.copy()
    y[idx] = v
    return y


def scatter_values(x: Vector, idx: IntVector, values: Vector):
    y = x.copy()
    y[idx] = values
    return y


def scatter_rows(m: Matrix, idx: IntVector, row: Vector):
    out = m.copy()
    out[idx] = row
    return out


def add_at_buffered(x: Vector, idx: IntVector):
    y = x.copy()
    y[idx] += 1.0
    return y


def histogram_step(counts: IntVector, idx: IntVector):
    counts[idx] += 1
    return counts.sum()


def sorted_by_argmax(x: Vector, order: IntVector):
    picked = x[order]
    return picked[np.argmax(picked)] if picked.size > 0 else 0.0


_INDICES = {"elements": {"ints": (-6, 5)}}  # mostly within the drawn shapes (sides up to 4), some not
PYRS_TEST = {name: _INDICES for name in ("gather", "gather_rows", "gather_grid", "scatter", "scatter_values",
                                         "scatter_rows", "add_at_buffered", "histogram_step", "sorted_by_argmax")}
