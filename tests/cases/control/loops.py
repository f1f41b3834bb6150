"""Loops: range in every form, while, break/continue, for/while ... else, accumulations."""


def triangular(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def stepped(start: int, stop: int, step: int) -> int:
    count = 0
    last = -1
    for i in range(start, stop, step):
        count += 1
        last = i
    return count * 1000 + last


def countdown(n: int) -> int:
    acc = 0
    for i in range(n, 0, -2):
        acc = acc * 3 + i
    return acc


def collatz_steps(n: int, limit: int = 200) -> int:
    steps = 0
    while n > 1 and steps < limit:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def first_multiple(n: int, k: int) -> int:
    found = -1
    for i in range(1, n):
        if i % 3 == 0:
            continue
        if i % k == 0:
            found = i
            break
    else:
        found = -2
    return found


def newton_sqrt(x: float, iterations: int = 30) -> float:
    guess = x if x > 1.0 else 1.0
    i = 0
    while i < iterations:
        guess = 0.5 * (guess + x / guess)
        i += 1
    else:
        guess = guess + 0.0
    return guess


def search(limit: int) -> int:
    i = 0
    while True:
        i += 7
        if i > limit:
            return i


def harmonic(n: int) -> float:
    s = 0.0
    for k in range(1, n + 1):
        s += 1.0 / k
    return s


def nested(n: int, m: int) -> int:
    total = 0
    for i in range(n):
        for j in range(m):
            if j > i:
                break
            total += i * j
    return total


_LOOP_COUNTS = {"elements": {"ints": (-50, 400)}, "why": "the original runs every iteration in Python: keep counts small"}
PYRS_TEST = {name: _LOOP_COUNTS for name in (
    "triangular", "stepped", "countdown", "collatz_steps", "first_multiple", "newton_sqrt", "search", "harmonic",
    "nested", "countdown_sum")}


def countdown_sum(n: int, step: int) -> int:
    acc = 0
    for i in reversed(range(0, n, step)):
        acc = acc * 2 + i
    return acc
