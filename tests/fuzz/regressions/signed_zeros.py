"""Ties of 0.0 and -0.0 in np.maximum/np.minimum and np.max/np.min: NumPy gives the second
argument (the later element); the compiled code gave the first (found by the case tests)."""

import numpy as np
from numpy.typing import NDArray


def extremes(x: NDArray[np.float64]):
    return np.max(x), np.min(x), x.max(), x.min()


def pairwise(x: NDArray[np.float64], y: NDArray[np.float64]):
    return np.maximum(x, y), np.minimum(x, y)
