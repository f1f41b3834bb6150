"""Signal helpers: most compile; `trace` stays Python (it prints) and compiled code calls it."""

import numpy as np
from numpy.typing import NDArray


def soft_clip(x: NDArray[np.float64], limit: float = 1.0) -> NDArray[np.float64]:
    """Clip smoothly to (-limit, limit)."""
    return limit * np.tanh(x / limit)


def trace(value: float) -> float:
    print("peak", value)
    return value


def peak(x: NDArray[np.float64]) -> float:
    highest = float(np.max(np.abs(x)))
    return trace(highest)
