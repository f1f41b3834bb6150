"""Functions the bad-input fuzzer crashed (abort: "memory allocation of 8796093022208 bytes failed")
or saw raise another MemoryError type than NumPy's when given 8 TB broadcast views."""

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
