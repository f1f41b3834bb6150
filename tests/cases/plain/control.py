"""Control flow in plain Python: recursion, calls with keywords and defaults, module constants,
chained comparisons, `and`/`or` values, conditional expressions, loops with else, early exits."""

LIMIT = 1000
RATE = 0.25
DEBUG = False


def ackermann_small(m: int, n: int) -> int:
    if m <= 0:
        return n + 1
    if n <= 0:
        return ackermann_small(m - 1, 1)
    return ackermann_small(m - 1, ackermann_small(m, n - 1))


def recursive_fib(n: int) -> int:
    if n < 2:
        return n
    return recursive_fib(n - 1) + recursive_fib(n - 2)


def scaled(x: float, factor: float = 2.0, *, offset: float = RATE) -> float:
    return x * factor + offset


def calls_with_keywords(x: float) -> float:
    return scaled(x) + scaled(x, 3.0) + scaled(x, offset=1.0) + scaled(factor=0.5, x=x, offset=-1.0)


def in_range(x: int, lo: int = 0, hi: int = LIMIT) -> bool:
    return lo <= x < hi


def chained(a: float, b: float, c: float) -> bool:
    return a < b < c or a == b == c or a > b >= c != a


def first_truthy(a: int, b: int) -> int:
    return a or b


def both_truthy(a: float, b: float) -> float:
    return a and b


def default_if_zero(x: int, default: int = 7) -> int:
    return x or default


def sign_word(x: float) -> int:
    return 1 if x > 0 else (-1 if x < 0 else 0)


def find_divisor(n: int) -> int:
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        return n
    return d


def count_until(limit: int) -> int:
    total = 0
    n = 0
    while n < limit:
        n += 1
        if n % 3 == 0:
            continue
        total += n
        if total > LIMIT:
            break
    else:
        total = -total
    return total


def nested_loops(n: int) -> int:
    count = 0
    for i in range(n):
        for j in range(i, n, 2):
            if (i + j) % 5 == 0:
                count += 1
    return count


def negative_step(start: int, stop: int) -> int:
    acc = 0
    for i in range(start, stop, -3):
        acc = acc * 2 + i
    return acc


def zip_enumerate(n: int) -> int:
    total = 0
    for i, j in zip(range(n), range(n, 0, -1)):
        total += i * j
    for k, v in enumerate(range(3, n), 1):
        total -= k * v
    return total


def bool_arithmetic(a: bool, b: bool) -> int:
    return a + b * 2 - (not a)


def debug_flag(x: float) -> float:
    if DEBUG:
        return 0.0
    return x


def swap_and_accumulate(a: int, b: int) -> tuple[int, int]:
    a, b = b, a
    a += b
    return a, b


_SMALL = {"elements": {"ints": (-3, 40)}, "why": "recursion and loops run in the original too"}
PYRS_TEST = {
    "ackermann_small": {"elements": {"ints": (-1, 2)}, "why": "Ackermann grows quickly"},
    "recursive_fib": {"elements": {"ints": (-3, 18)}, "why": "exponential recursion"},
    "find_divisor": _SMALL, "count_until": {"elements": {"ints": (-3, 3000)}}, "nested_loops": _SMALL,
    "negative_step": {"elements": {"ints": (-40, 40)}}, "zip_enumerate": _SMALL,
}
