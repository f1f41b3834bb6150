"""Plain Python floats and the math module: CPython's results bit for bit (the math functions
call the same C library CPython does) and CPython's exceptions for NaN, inf, -0.0 and zeros."""

import math


def safe_ratio(a: float, b: float) -> float:
    if b == 0.0:
        return math.copysign(math.inf, a) if a != 0.0 else math.nan
    return a / b


def float_floor_mod(a: float, b: float) -> tuple[float, float]:
    return a // b, a % b


def logs(x: float) -> float:
    return math.log2(x) + math.log10(x) - math.log(x, 3.0)


def exponentials(x: float) -> float:
    return math.exp(x) - math.expm1(x) + math.log1p(x)


def trig(x: float) -> float:
    return math.sin(x) * math.cos(x) - math.tan(x) + math.atan(x)


def special_functions(x: float) -> float:
    return math.erf(x) + math.erfc(x)


def gamma_functions(x: float) -> float:
    return math.gamma(x) - math.lgamma(x)


def modf_like(x: float, y: float) -> float:
    return math.fmod(x, y) + math.trunc(x)


def classify(x: float) -> int:
    if math.isnan(x):
        return 0
    if math.isinf(x):
        return 1 if x > 0 else -1
    if x == 0.0:
        return 2 if math.copysign(1.0, x) > 0 else -2
    return 3 if math.isfinite(x) else 4


def rounding(x: float) -> tuple[int, int, int, int]:
    return round(x), math.floor(x), math.ceil(x), int(x)


def round_digits(x: float, n: int) -> float:
    return round(x, n)


def round_two(x: float) -> float:
    return round(x, 2)


def float_powers(x: float, y: float) -> float:
    return x ** y + pow(x, 2.0) + math.pow(abs(x), 0.5)


def degrees_radians(x: float) -> float:
    return math.degrees(x) + math.radians(x)


def hyperbolic(x: float) -> float:
    return math.sinh(x) + math.cosh(x) * math.tanh(x)


def int_float_mix(n: int, x: float) -> float:
    return n * x + n / 3 - x // 2 + (n % 7) * 1.5


def is_close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def negative_zero(x: float) -> float:
    return -x * 0.0 + min(x, -0.0)


def constants(x: float) -> float:
    return x * math.pi + math.e - math.tau / 2.0


def float_from_int(n: int) -> float:
    return float(n) + float(True)


PYRS_TEST = {
    "logs": {"ulps": 1, "why": "math.log(x, base) divides two libm logs as CPython does; log2/log10 are libm's"},
    "special_functions": {"ulps": 2, "why": "erf/erfc come from the libm crate (musl's algorithms), CPython "
                          "calls glibc's: each is within 1 ulp of the true value"},
    "gamma_functions": {"ulps": 0, "why": "CPython's own gamma/lgamma algorithms are ported"},
    "round_digits": {"elements": {"ints": (-400, 400)}, "why": "ndigits beyond +-400 all round the same way"},
}
