"""if/elif/else, early returns, locals assigned on every path, calls with keywords and defaults."""

import math

LIMIT = 100.0
SCALE = 2


def clamp(x: float, lo: float = 0.0, hi: float = LIMIT) -> float:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def piecewise(x: float) -> float:
    if x < -1.0:
        y = -1.0
    elif x < 1.0:
        y = x * x * x
    else:
        y = math.sqrt(x)
    y = y * SCALE
    return y


def uses_helpers(x: float, width: float) -> float:
    return clamp(x * width, hi=LIMIT / 2.0) + piecewise(x)


def conditional_expression(x: float, n: int) -> float:
    return x / n if n != 0 else -x


def pair(x: float, y: float) -> tuple[float, float]:
    total = x + y
    return total, x - y


def unpack(x: float, y: float) -> float:
    s, d = pair(x, y)
    a, b = d, s
    return a * b


def truthiness(x: float, n: int) -> bool:
    if x and n:
        return True
    return not x


def clamp_ints(x: int, width: int) -> float:
    """clamp() is annotated for floats; called with ints it works on ints, as in Python."""
    return clamp(x, 0, width) + clamp(x * 0.5)


def mixed_helpers(x: float, n: int) -> float:
    return conditional_expression(x, n) + uses_helpers(x, n)
