"""list[int] / list[float] / list[bool]: arguments, built locally, appended, indexed (negative
indices too), assigned, iterated, summed, returned to Python as real lists."""


def total(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


def builtin_reductions(xs: list[int]) -> tuple[int, int, int, int]:
    if not xs:
        return 0, 0, 0, 0
    return sum(xs), min(xs), max(xs), len(xs)


def last_and_first(xs: list[float]) -> float:
    return xs[-1] - xs[0]


def squares(n: int) -> list[int]:
    out = []
    for i in range(n):
        out.append(i * i)
    return out


def comprehension(n: int) -> list[float]:
    return [i / 2 for i in range(n)]


def zeros_then_fill(n: int, value: float) -> list[float]:
    out = [0.0] * n
    for i in range(n):
        out[i] = value * i
    return out


def prefix_sums(xs: list[int]) -> list[int]:
    out = [0]
    for x in xs:
        out.append(out[-1] + x)
    return out


def index_of_max(xs: list[float]) -> int:
    best = 0
    for i in range(1, len(xs)):
        if xs[i] > xs[best]:
            best = i
    return best


def get_item(xs: list[int], i: int) -> int:
    return xs[i]


def flags(xs: list[float]) -> list[bool]:
    return [x > 0.0 for x in xs]


def reverse_copy(xs: list[int]) -> list[int]:
    out = []
    for x in reversed(xs):
        out.append(x)
    return out


def literal_list(a: int, b: int) -> list[int]:
    values = [a, b, a + b]
    values[1] = values[1] * 2
    return values


def enumerate_list(xs: list[float]) -> float:
    acc = 0.0
    for i, x in enumerate(xs):
        acc += i * x
    return acc


def float_sum(xs: list[float]) -> float:
    doubled = [x * 2.0 for x in xs]
    return sum(xs, 0.0) + sum(doubled, -0.0)


PYRS_TEST = {"squares": {"elements": {"ints": (-3, 50)}}, "comprehension": {"elements": {"ints": (-3, 50)}},
             "zeros_then_fill": {"elements": {"ints": (-3, 50)}}, "get_item": {"elements": {"ints": (-8, 8)}}}
