"""acosh below -1: the libm crate's acosh returned finite values (found by the case tests once
arrays kept their layout; pinned here)."""

import math

import numpy as np
from numpy.typing import NDArray


def acosh_of(x: float) -> float:
    return math.acosh(x)


def arccosh_of(x: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.arccosh(x)
