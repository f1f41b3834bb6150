"""float32 arrays: arithmetic in float32 (bit-identical: one IEEE operation each), NEP 50's weak
Python scalars (`x32 * 2.5` stays float32) and promotion to float64 with float64 and int64 arrays,
conversions, comparisons, and the float32 ufuncs."""

import numpy as np
from numpy.typing import NDArray

F32 = np.ndarray[tuple[int], np.dtype[np.float32]]
F32Matrix = np.ndarray[tuple[int, int], np.dtype[np.float32]]
F64 = np.ndarray[tuple[int], np.dtype[np.float64]]
IntVector = np.ndarray[tuple[int], np.dtype[np.int64]]


def axpy32(a: float, x: F32, y: F32):
    return a * x + y


def mixed_precision(x: F32, y: F64):
    return x * y, x + 1


def with_ints(x: F32, n: IntVector, k: int):
    return x * n, x * k, x / 3


def compare32(x: F32Matrix, limit: float):
    return (x > limit) & (x < 2 * x)


def where32(x: F32):
    return np.where(x > 0, x, 0.0)


def exact_ufuncs32(x: NDArray[np.float32]):
    return np.sqrt(np.abs(x)), np.floor(x), np.rint(x), np.maximum(x, -x), np.square(x), np.isnan(x)


def libm_ufuncs32(x: F32):
    return np.exp(x), np.log(np.abs(x)), np.sin(x), np.cos(x), np.tanh(x)


def casts32(x: F32, y: F64, n: IntVector):
    return x.astype(np.float64), y.astype(np.float32), n.astype(np.float32), x.astype(np.int64), x.astype(bool)


def element32(x: F32Matrix, i: int, j: int):
    return x[i, j] * 2.0 + 1


def mean_of_converted(x: F32):
    return np.mean(x.astype(np.float64))


PYRS_TEST = {
    "libm_ufuncs32": {"ulps": 3, "why": "NumPy's float32 exp/log/tanh/sin/cos are its own SIMD loops (AVX2/AVX-512), "
                      "Rust's f32 methods the C library's expf/logf/...; measured over 8e5 float32 values "
                      "(tests/compiler/test_float32_ulps.py): at most 3 ulp (exp, log, tanh), 1 ulp (sin, cos)"},
    "element32": {"elements": {"ints": (-3, 3)}},
}
