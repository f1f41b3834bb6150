"""What the fuzzers and the case tests found, one function per finding (each fixed in the runtime
or codegen; tests/fuzz/test_regressions.py pins them, built once per on-type-mismatch mode).

- 8 TB broadcast views: x.copy(), a rebound parameter made owned, arithmetic: an abort
  ("memory allocation of 8796093022208 bytes failed") or MemoryError instead of NumPy's subclass;
- a read-only or aliased array of the compiled type: a TypeError in on-type-mismatch=error mode;
- math.acosh / np.arccosh below -1: finite values from the libm crate where C and NumPy have NaN;
- ties of 0.0 and -0.0 in np.maximum/np.minimum and np.max/np.min: the first operand, NumPy the second;
- a fused expression over an 8 TB view whose later operands do not broadcast: the fused loop's
  ValueError where NumPy fails first on allocating the first temporary (MemoryError), and a scalar
  operand's error (1.0 / s) before the array operations NumPy evaluates first;
- a slice of a computed array inside a fused expression: rustc rejected the crate (the slice
  borrowed a temporary dropped before the loop); found by the transpiler fuzzer's NumPy programs;
- a reduction along an axis of a slice, returned: rustc rejected the crate (a dynamic-dimension
  array where the function returns a 1-D one); found by the same fuzzer."""

import math

import numpy as np
from numpy.typing import NDArray


def clipped_copy(m: np.ndarray[tuple[int, int], np.dtype[np.float64]], limit: float) -> NDArray[np.float64]:
    out = m.copy()
    rows, cols = m.shape
    if rows > 2 and cols > 2:
        out[0, 0] = limit
    return out


def doubled(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return 2.0 * x


def rebound(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    x = x[::-1]
    return x + 1.0


def writes_into(out: NDArray[np.float64], value: float) -> float:
    out[0] = value
    return out[0] + 1.0


def add_into(out: NDArray[np.float64], m: NDArray[np.float64]) -> float:
    out[0] += m[0]
    return out[0] + m[0]


def acosh_of(x: float) -> float:
    return math.acosh(x)


def arccosh_of(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.arccosh(x)


def extremes(x: NDArray[np.float64]):
    return np.max(x), np.min(x), x.max(), x.min()


def pairwise(x: NDArray[np.float64], y: NDArray[np.float64]):
    return np.maximum(x, y), np.minimum(x, y)


def fused_sum(x: NDArray[np.float64], y: NDArray[np.float64], z: NDArray[np.float64]) -> NDArray[np.float64]:
    return x * y + z


def fused_where(x: NDArray[np.float64], y: NDArray[np.float64], s: float) -> NDArray[np.float64]:
    return np.where(x * y > s, np.sqrt(x), 1.0 / s) + y


def sliced_temporary(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    return np.ceil((-m)[0::-2, 1::-2]) + m[::2, 1::2]


def reduced_slice(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> NDArray[np.float64]:
    return m[::-1, ::2].max(axis=0)


def summed_slice(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    return np.sum(m[1::2], axis=1)
