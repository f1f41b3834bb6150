"""int32, uint8 and uint32 arrays: wraparound arithmetic in their own dtype, NumPy 2's promotion
with int64/float64/float32 (uint32 with int32 is int64, uint8 with float32 stays float32), Python
ints that must fit the dtype (NumPy's OverflowError otherwise) but compare by value, casts (C's
wrapping between ints), reductions (the sum of int32 is an int64, a mean a float64)."""

import numpy as np

I32 = np.ndarray[tuple[int], np.dtype[np.int32]]
U8 = np.ndarray[tuple[int], np.dtype[np.uint8]]
U8Image = np.ndarray[tuple[int, int], np.dtype[np.uint8]]
U32 = np.ndarray[tuple[int], np.dtype[np.uint32]]
I64 = np.ndarray[tuple[int], np.dtype[np.int64]]
F32 = np.ndarray[tuple[int], np.dtype[np.float32]]


def wrap_i32(a: I32, b: I32):
    return a * b + a, a // b, a % b, -a


def wrap_u8(a: U8, b: U8):
    return a + b, a - b, a * 3, a // b


def offset_u8(image: U8Image, k: int):
    return image + k


def brighten(image: U8Image):
    return np.minimum(image.astype(np.int32) * 2, 255).astype(np.uint8)


def promoted(a: I32, b: U32, c: I64, u: U8, x: F32):
    return a + b, a + c, u + a, u * x, b * x, a / a


def compared(u: U8, a: I32, k: int):
    return (u < k) | (a == k), u > a


def small_reductions(a: I32, u: U8):
    return np.sum(a), np.mean(a), np.max(u), np.argmin(u), np.mean(u), a.min()


def small_casts(a: I32, u: U32, x: F32, y: I64):
    return a.astype(np.uint8), u.astype(np.int32), x.astype(np.int32), y.astype(np.uint32), a.astype(np.float32)


def in_float_ufuncs(a: I32, u: U32):
    return np.sqrt(np.abs(a)), np.exp(u * 0), np.maximum(a, 7), np.square(u)


def stored_u8(image: U8Image):
    out = image.copy()
    out[image > 100] = 7
    out[0] = 200
    return out


def item_u8(image: U8Image, i: int, j: int):
    return image[i, j] + 1, int(image[i, j])


PYRS_TEST = {
    "offset_u8": {"elements": {"ints": (-300, 300)}},
    "compared": {"elements": {"ints": (-300, 300)}},
    "item_u8": {"elements": {"ints": (-3, 3)}},
}
