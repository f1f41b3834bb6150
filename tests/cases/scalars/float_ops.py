"""Python float semantics: ZeroDivisionError, floor division and modulo signs, powers."""

import math


def divide(a: float, b: float) -> float:
    return a / b


def floor_divide(a: float, b: float) -> float:
    return a // b


def modulo(a: float, b: float) -> float:
    return a % b


def power(a: float, b: float) -> float:
    return a ** b


def mixed(a: float, n: int) -> float:
    return a * n + n / 3 - a


def polynomial(x: float, c0: float = 1.0, c1: float = -2.5, c2: float = 0.5) -> float:
    return c0 + x * (c1 + x * c2)


def compare_chain(a: float, b: float, c: float) -> bool:
    return a < b <= c


def int_float_compare(n: int, x: float) -> bool:
    return n < x or n == x


def absolute_and_extremes(a: float, b: float, c: float) -> float:
    return abs(a) + max(a, b, c) - min(b, c)


def conversions(x: float) -> int:
    return int(x) + math.floor(x) - math.ceil(x)


def math_functions(x: float) -> float:
    return math.sqrt(x) + math.log(x) - math.exp(x) / 2.0


def math_more(x: float, y: float) -> float:
    return math.atan2(y, x) + math.fabs(x) - math.copysign(1.0, y)


def hypotenuse(x: float, y: float) -> float:
    return math.hypot(x, y)


def unary(x: float) -> float:
    return -x + (+x) * 2.0




def rounded(x: float) -> int:
    return round(x) + round(7)


def float_divmod(a: float, b: float) -> tuple[float, float]:
    return divmod(a, b)


PYRS_TEST = {
    "math_functions": {"ulps": 0, "why": "std exp/ln/sqrt call the same glibc functions CPython's math uses"},
}
