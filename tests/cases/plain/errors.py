"""Exceptions raised as CPython raises them: same type and message."""

import math


def checked_sqrt(x: float) -> float:
    if x < 0.0:
        raise ValueError("x must be non-negative")
    return math.sqrt(x)


def asserts(x: float, n: int) -> float:
    assert n >= 0, "n must be non-negative"
    assert x == x
    return x * n


def divide_ints(a: int, b: int) -> tuple[float, int, int]:
    return a / b, a // b, a % b


def divide_floats(a: float, b: float) -> tuple[float, float, float]:
    return a / b, a // b, a % b


def divmods(a: int, b: float) -> tuple[tuple[int, int], tuple[float, float]]:
    return divmod(a, a - 1), divmod(b, b - 1.0)


def conversions(x: float) -> int:
    return int(x) + round(x) + math.floor(x)


def domain_errors(x: float) -> float:
    return math.sqrt(x) + math.log(x) + math.acos(x / 4.0)


def zero_power(x: float, n: int) -> float:
    return x ** -1 + 0.0 ** n


def raise_kinds(code: int) -> int:
    if code == 1:
        raise TypeError("wrong type")
    if code == 2:
        raise IndexError("index out of range")
    if code == 3:
        raise ZeroDivisionError
    if code == 4:
        raise OverflowError("too big")
    if code == 5:
        raise RuntimeError()
    if code == 6:
        raise NotImplementedError("later")
    return code


PYRS_TEST = {"raise_kinds": {"elements": {"ints": (-1, 8)}}}
