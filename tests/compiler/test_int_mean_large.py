"""np.mean of int64 arrays large enough for NumPy's buffered cast to float64 (8192 elements a
buffer, each summed pairwise) is bit-identical in every layout (or runs the original)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

CASE = Path(__file__).parent.parent / "cases" / "numpy" / "dtypes.py"


@pytest.fixture(scope="module")
def dtypes(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp("dtypes"))


def layouts(n: int) -> dict[str, np.ndarray]:
    x = np.random.default_rng(n).integers(-(10**15), 10**15, size=n)
    m = x[: n - n % 100].reshape(100, -1)
    return {"c": x, "reversed": x[::-1], "strided": x[::3], "2d": m, "fortran": np.asfortranarray(m),
            "transposed": m.T, "2d-strided": m[::2, ::3]}


@pytest.mark.parametrize("n", [7, 8191, 8193, 100_000, 1_000_003])
def test_int_mean_is_bit_identical(dtypes: Compiled, n: int) -> None:
    for layout, x in layouts(n).items():
        expected, actual = dtypes.original.int_mean(x), dtypes.compiled.int_mean(x)
        assert type(actual) is type(expected), layout
        assert actual.tobytes() == expected.tobytes(), (layout, actual, expected)
