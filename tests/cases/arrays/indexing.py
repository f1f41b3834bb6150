"""Loops over arrays by index: element reads and writes, len/shape/size, new arrays, raise."""

import math

import numpy as np
from numpy.typing import NDArray

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]
Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def total(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
    s = 0.0
    for i in range(len(x)):
        s += x[i]
    return s


def last_minus_first(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
    return x[-1] - x[0]


def cumulative(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    out = np.zeros(len(x))
    running = 0.0
    for i in range(x.shape[0]):
        running = running + x[i]
        out[i] = running
    return out


def trace_and_sum(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> tuple[float, float]:
    rows, cols = m.shape
    trace = 0.0
    everything = 0.0
    for i in range(rows):
        for j in range(cols):
            everything += m[i, j]
            if i == j:
                trace += m[i, j]
    return trace, everything


def outer(x: np.ndarray[tuple[int], np.dtype[np.float64]], y: np.ndarray[tuple[int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    out = np.empty((len(x), len(y)))
    for i in range(len(x)):
        for j in range(len(y)):
            out[i, j] = x[i] * y[j]
    return out


def moving_average(x: np.ndarray[tuple[int], np.dtype[np.float64]], window: int) -> NDArray[np.float64]:
    if window <= 0:
        raise ValueError("window must be positive")
    n = len(x) - window + 1
    if n <= 0:
        raise ValueError
    out = np.zeros(n)
    for i in range(n):
        acc = 0.0
        for k in range(window):
            acc += x[i + k]
        out[i] = acc / window
    return out


def sizes(m: np.ndarray[tuple[int, int], np.dtype[np.float64]], v: NDArray[np.float64]) -> int:
    return m.size * 100 + m.ndim * 10 + v.ndim + v.size


def norm(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
    s = 0.0
    for i in range(len(x)):
        s += x[i] * x[i]
    return math.sqrt(s)


def scaled_copy(x: np.ndarray[tuple[int], np.dtype[np.float64]], factor: int) -> NDArray[np.float64]:
    out = np.ones(x.shape[0]) * 0.0
    for i in range(len(x)):
        out[i] += x[i] * factor
    return out


def item_at(x: np.ndarray[tuple[int], np.dtype[np.float64]], i: int) -> float:
    return x[i]




def weighted(x: np.ndarray[tuple[int], np.dtype[np.float64]], w: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
    dot = 0.0
    for a, b in zip(x, w):
        dot += a * b
    return dot


def positions(x: np.ndarray[tuple[int], np.dtype[np.float64]], offset: int) -> float:
    score = 0.0
    for i, v in enumerate(x, offset):
        if v > 0.0:
            score += i * v
    return score


def last_element(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
    found = -1.0
    for v in x:
        found = v
    return found


def backwards(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
    acc = 0.0
    for i in reversed(range(len(x))):
        acc = acc * 0.5 + x[i]
    return acc




def prefix_maxima(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    out = np.empty_like(x)
    best = -math.inf
    for i in range(len(x)):
        if x[i] > best:
            best = x[i]
        out[i] = best
    return out


def clipped_copy(m: np.ndarray[tuple[int, int], np.dtype[np.float64]], limit: float) -> NDArray[np.float64]:
    out = m.copy()
    rows, cols = m.shape
    for i in range(rows):
        for j in range(cols):
            if out[i, j] > limit:
                out[i, j] = limit
    return out


def like_arrays(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    return np.zeros_like(m), np.ones_like(m) * 2.0, np.copy(m)




def pairwise_distances(points: NDArray[np.float64]) -> NDArray[np.float64]:
    """Annotated without ndim: compiled for 2-d (the indexing says so); other inputs run the original."""
    n = points.shape[0]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            d = 0.0
            for k in range(points.shape[1]):
                diff = points[i, k] - points[j, k]
                d += diff * diff
            out[i, j] = np.sqrt(d)
    return out




def scale_in_place(x: np.ndarray[tuple[int], np.dtype[np.float64]], k: float) -> None:
    """Writes into the caller's array, as the Python version does."""
    for i in range(len(x)):
        x[i] = x[i] * k


def accumulate_into(out: np.ndarray[tuple[int, int], np.dtype[np.float64]], m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> float:
    rows, cols = m.shape
    grand = 0.0
    for i in range(rows):
        for j in range(cols):
            out[i, j] += m[i, j]
            grand += out[i, j]
    return grand


PYRS_TEST = {
    "moving_average": {"elements": {"ints": (-3, 6)}},
    "scaled_copy": {"elements": {"ints": (-5, 5)}},
    "item_at": {"elements": {"ints": (-6, 6)}},
    "positions": {"elements": {"ints": (-3, 3)}},
}
