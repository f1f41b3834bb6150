"""np.sum on large arrays of every layout is bit-identical to NumPy's (pairwise summation over
NumPy's visiting order; layouts without a known order run the original)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

CASE = Path(__file__).parent.parent / "cases" / "arrays" / "reductions.py"


@pytest.fixture(scope="module")
def reductions(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp("reductions"))


def layouts(n: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(n)
    x = rng.standard_normal(n) * 10.0 ** rng.uniform(-8, 8, n)
    m = x[: n - n % 100].reshape(100, -1)
    return {"c": x, "reversed": x[::-1], "strided": x[::3], "2d": m, "fortran": np.asfortranarray(m),
            "transposed": m.T, "2d-strided": m[::2, ::3]}


@pytest.mark.parametrize("n", [7, 127, 128, 129, 1000, 8191, 8193, 100_000, 1_000_003])
def test_sum_and_mean_are_bit_identical(reductions: Compiled, n: int) -> None:
    for layout, x in layouts(n).items():
        for name in ("total", "average"):
            expected = getattr(reductions.original, name)(x)
            actual = getattr(reductions.compiled, name)(x)
            assert type(actual) is type(expected), (layout, name)
            assert actual.tobytes() == expected.tobytes(), (layout, name, actual, expected)
