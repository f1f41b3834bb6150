"""NumPy float64 ufuncs the runtime computes with its own vectorisable code (runtime/src/vmath.rs):
one function each, over whole arrays, for tests/compiler/test_vmath_accuracy.py."""

import numpy as np
from numpy.typing import NDArray

Vector = NDArray[np.float64]


def power(x: Vector, y: Vector) -> Vector:
    return np.power(x, y)


def power_operator(x: Vector, y: Vector) -> Vector:
    return x ** y


def power_scalar_exponent(x: Vector, p: float) -> Vector:
    return x ** p


def exp(x: Vector) -> Vector:
    return np.exp(x)


def expm1(x: Vector) -> Vector:
    return np.expm1(x)


def log(x: Vector) -> Vector:
    return np.log(x)


def log1p(x: Vector) -> Vector:
    return np.log1p(x)


def tanh(x: Vector) -> Vector:
    return np.tanh(x)


def sinh(x: Vector) -> Vector:
    return np.sinh(x)


def cosh(x: Vector) -> Vector:
    return np.cosh(x)
