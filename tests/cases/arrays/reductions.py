"""Whole-array reductions: NumPy's own summation order, so results are bit-identical."""

import numpy as np
from numpy.typing import NDArray


def total(x: NDArray[np.float64]) -> float:
    return np.sum(x)


def average(x: NDArray[np.float64]) -> float:
    return x.mean()


def spread(x: NDArray[np.float64]) -> float:
    return np.max(x) - x.min()


def centered_energy(x: NDArray[np.float64]) -> float:
    m = np.mean(x)
    return np.sum((x - m) * (x - m))


def normalized(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return x / x.sum()
