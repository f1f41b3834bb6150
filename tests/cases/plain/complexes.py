"""Python complex numbers: CPython's arithmetic (division by `_Py_c_quot`, ints and floats mixed in
as complex(x, 0.0)), abs, parts, conjugate, equality."""


def complex_arithmetic(z: complex, w: complex) -> complex:
    return z * w + z - w / (w + 1.0)


def complex_divide(z: complex, w: complex) -> complex:
    return z / w


def complex_parts(z: complex, x: float) -> tuple[float, float, float]:
    u = z.conjugate() * x - 2
    return u.real, u.imag, abs(u)


def build_complex(re: float, im: float, n: int) -> complex:
    z = complex(re, im)
    return -z * n + complex(n)


def roots_of_unity_sum(n: int) -> complex:
    total = complex(0.0, 0.0)
    z = complex(1.0, 0.0)
    step = complex(0.6, 0.8)
    for _ in range(n):
        total = total + z
        z = z * step
    return total


def same(z: complex, w: complex) -> bool:
    return z == w or z != w * 2


PYRS_TEST = {"roots_of_unity_sum": {"elements": {"ints": (-2, 40)}}}
