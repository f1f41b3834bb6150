"""Plain Python ints: exact at every size (results beyond 64 bits are Python's, never wrapped),
floor division and modulo signs, bit operations, loops whose values grow past 2**63."""

import numpy as np
from numpy.typing import NDArray


def factorial(n: int) -> int:
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


def fibonacci(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def gcd(a: int, b: int) -> int:
    while b != 0:
        a, b = b, a % b
    return abs(a)


def digit_sum(n: int) -> int:
    n = abs(n)
    total = 0
    while n > 0:
        total += n % 10
        n //= 10
    return total


def power_mod(base: int, exponent: int, modulus: int) -> int:
    if modulus == 0:
        raise ValueError("modulus must not be zero")
    result = 1 % modulus
    base = base % modulus
    e = abs(exponent)
    while e > 0:
        if e % 2 == 1:
            result = result * base % modulus
        base = base * base % modulus
        e //= 2
    return result


def wide_products(a: int, b: int) -> int:
    return a * b + a * a - b * b


def floor_and_mod_signs(a: int, b: int) -> tuple[int, int, int]:
    return a // b, a % b, -a // b


def mean_of_two(a: int, b: int) -> float:
    return (a + b) / 2


def bit_ops(a: int, b: int) -> int:
    return (a & b) ^ (a | 5) ^ ~b


def shifts(a: int, n: int) -> int:
    return (a << n) + (a >> n)


def isqrt_newton(n: int) -> int:
    if n < 0:
        raise ValueError("isqrt() argument must be nonnegative")
    if n == 0:
        return 0
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def int_edges(a: int) -> int:
    return -a - 1 + abs(a) * 2


def squares_sum(n: int) -> int:
    return sum_to(n) * (2 * n + 1) // 3


def sum_to(n: int) -> int:
    return n * (n + 1) // 2


def write_then_grow(out: NDArray[np.float64], k: int) -> int:
    """Writes into the caller's array, then may need more than 64 bits: the original must then run
    on the array as the caller passed it (each call adds 1.0 once, not twice)."""
    product = 1
    for i in range(len(out)):
        out[i] = out[i] + 1.0
        product = product * k
    return product


_SMALL = {"elements": {"ints": (-5, 120)}, "why": "the loop runs n times in the original as well"}
PYRS_TEST = {
    "factorial": _SMALL,
    "fibonacci": _SMALL,
    "shifts": {"elements": {"ints": (-70, 70)}, "why": "shift counts: negative counts raise, large ones grow"},
}
