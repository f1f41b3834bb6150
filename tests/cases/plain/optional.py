"""Optional arguments narrowed with `is None` (also across `if x is None: x = ...`), functions
returning None on some paths, fixed and variable-length tuples as arguments."""

from typing import Optional


def with_default(x: float, scale: Optional[float] = None) -> float:
    if scale is None:
        return x
    return x * scale


def pick(a: int, b: int | None) -> int:
    if b is not None:
        return a + b
    return a


def nothing(x: float) -> None:
    if x > 0.0:
        return
    return None


def tuple_total(values: tuple[float, ...]) -> float:
    s = 0.0
    for v in values:
        s += v
    return s + len(values) + (values[-1] if values else 0.0)


def tuple_pair(values: tuple[int, int]) -> int:
    a, b = values
    return a * b - values[0]


def default_pattern(x: float, scale: float | None = None, offset: Optional[int] = None) -> float:
    if scale is None:
        scale = 2.0
    if offset is not None:
        x = x + offset
    return x * scale


def maybe_root(x: float) -> float | None:
    if x < 0.0:
        return None
    return x ** 0.5


def first_negative(n: int, step: int) -> Optional[int]:
    for i in range(0, n, max(step, 1)):
        if i * i - 50 * i < 0 and i > 0:
            return i
    return None


PYRS_TEST = {"first_negative": {"elements": {"ints": (-5, 300)}, "why": "the loop runs up to n times"}}
