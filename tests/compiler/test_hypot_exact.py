"""math.hypot compiled is CPython's own algorithm, bit for bit, over the whole float range
(subnormal coordinates included, where CPython 3.11 and 3.12 round differently)."""

from __future__ import annotations

import math
import random
import struct
from pathlib import Path

from compiler.harness import compile_and_import

CASE = Path(__file__).parent.parent / "cases" / "scalars" / "float_ops.py"


def test_hypot_is_bit_identical(tmp_path: Path) -> None:
    hypotenuse = compile_and_import(CASE, tmp_path).compiled.hypotenuse
    rnd = random.Random(7)

    def any_float() -> float:
        return struct.unpack("d", struct.pack("Q", rnd.getrandbits(64)))[0]

    def subnormal() -> float:
        return rnd.choice([-1.0, 1.0]) * rnd.uniform(0.0, 2.2250738585072014e-308)

    pairs = [(any_float(), any_float()) for _ in range(20_000)]
    pairs += [(subnormal(), subnormal()) for _ in range(20_000)]
    for x, y in pairs:
        actual, expected = hypotenuse(x, y), math.hypot(x, y)
        assert actual == expected or (math.isnan(actual) and math.isnan(expected)), (x, y, actual, expected)
