"""The ulp bounds stated for float32 ufuncs (tests/cases/numpy/float32.py) hold over many values:
random float32 bit patterns and the ranges numeric code lives in, with the same NaN/inf results."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

CASE = Path(__file__).parent.parent / "cases" / "numpy" / "float32.py"
BOUNDS = {"exp": 3, "log": 3, "sin": 1, "cos": 1, "tanh": 3}  # ulps of float32, as the case states


@pytest.fixture(scope="module")
def float32_case(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp("float32"))


def _values() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    bits = rng.integers(0, 2**32, size=400_000, dtype=np.uint64).astype(np.uint32).view(np.float32)
    return {"bits": bits[np.isfinite(bits)], "small": rng.uniform(-10, 10, 200_000).astype(np.float32),
            "wide": rng.uniform(-100, 100, 200_000).astype(np.float32)}


@pytest.mark.parametrize("label", ["bits", "small", "wide"])
def test_float32_libm_ufuncs_within_stated_ulps(float32_case: Compiled, label: str) -> None:
    x = _values()[label]
    with np.errstate(all="ignore"):
        expected, actual = float32_case.original.libm_ufuncs32(x), float32_case.compiled.libm_ufuncs32(x)
    for name, e, a in zip(BOUNDS, expected, actual):
        assert e.dtype == a.dtype == np.float32
        assert np.array_equal(np.isnan(e), np.isnan(a)) and np.array_equal(np.isinf(e), np.isinf(a)), name
        finite = np.isfinite(e)
        assert np.array_equal(e[~finite & ~np.isnan(e)], a[~finite & ~np.isnan(a)]), name
        scale = np.spacing(np.maximum(np.abs(e[finite]), np.abs(a[finite]))).astype(np.float64)
        ulps = np.abs(e[finite].astype(np.float64) - a[finite].astype(np.float64)) / scale
        assert ulps.max(initial=0.0) <= BOUNDS[name], (name, label, ulps.max())
