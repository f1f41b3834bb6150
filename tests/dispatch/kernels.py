"""Unannotated functions typed by kernels.pyi, which lists several signatures per function."""

import numpy as np


def scale(x, factor):
    return x * factor


def total(values):
    s = 0.0
    for v in values:
        s += v
    return s


def norm(a):
    return np.sqrt(np.sum(a * a))


def half(n):
    return n / 2
