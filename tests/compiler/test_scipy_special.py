"""SciPy's erf, erfc, ndtr and norm.cdf are bit-identical in the compiled module, far tails included
(the runtime ports SciPy's Cephes code; libm's erfc used to differ by up to 253 ulp there, and the
bad-input fuzz found ndtr(-24.836...) 75 ulp away). The case file is compiled by test_cases too;
cargo reuses that build."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

CASE = Path(__file__).parent.parent / "cases" / "numpy" / "special.py"
FUZZ_FOUND = -24.83616221  # normal_cdf's input in the bad-input fuzz finding


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp("special"))


def points() -> np.ndarray:
    """Both branches of each function (|x| < 1, < 8, >= 8), the far tails up to underflow, the
    values where each branch switches, signed zeros, infinities and NaN."""
    rng = np.random.default_rng(20261125)
    edges = np.array([0.0, -0.0, 1.0, -1.0, np.sqrt(2.0), -np.sqrt(2.0), 8.0, -8.0, 8.0 * np.sqrt(2.0),
                      26.6, -26.6, 37.5, -37.5, 38.5, -38.5, np.inf, -np.inf, np.nan, FUZZ_FOUND])
    return np.concatenate([edges, rng.uniform(-40.0, 40.0, 20_000), rng.normal(0.0, 3.0, 20_000),
                           rng.uniform(-1.5, 1.5, 5_000)])


@pytest.mark.parametrize("name", ["gaussian_cdf_erf", "tail_probability", "normal_cdf"])
def test_cephes_functions_are_bit_identical_to_scipy(special: Compiled, name: str) -> None:
    x = points()
    expected = getattr(special.original, name)(x)
    got = getattr(special.compiled, name)(x)
    differ = ~((got == expected) | (np.isnan(got) & np.isnan(expected)))
    assert not differ.any(), list(zip(x[differ][:5], got[differ][:5], expected[differ][:5]))


def test_scalar_ndtr_is_bit_identical_in_the_tails(special: Compiled) -> None:
    for x in [FUZZ_FOUND, -30.0, -12.5, -8.0000001, 7.9, 20.0]:
        assert special.compiled.normal_cdf_scalar(x) == special.original.normal_cdf_scalar(x), x
