"""Python int semantics: floor division and modulo toward -inf, no overflow (results beyond 64
bits are answered by the original Python function), true division to float."""


def arithmetic(a: int, b: int) -> int:
    return a * b - (a + b)


def floor_divide(a: int, b: int) -> int:
    return a // b


def modulo(a: int, b: int) -> int:
    return a % b


def true_divide(a: int, b: int) -> float:
    return a / b


def square_plus_cube(a: int) -> int:
    return a ** 2 + a ** 3


def negate(a: int) -> int:
    return -a + abs(a)


def sign(a: int) -> int:
    if a > 0:
        return 1
    elif a < 0:
        return -1
    return 0


def is_between(a: int, lo: int = -10, hi: int = 10) -> bool:
    return lo <= a and a < hi and not a == 3


def bools(flag: bool, a: int) -> int:
    return flag + a if flag else a - 1


def quotient_and_remainder(a: int, b: int) -> tuple[int, int]:
    return divmod(a, b)


def power(a: int) -> int:
    return pow(a, 3)
