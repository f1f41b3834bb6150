"""`@`, np.dot, np.outer and np.linalg.solve compiled and compared with NumPy. NumPy calls BLAS and
LAPACK, whose summation order depends on the library and the CPU, so the bound is rounding-level:
|compiled - numpy| <= 1e-12 * (1 + |numpy|) on well-scaled random inputs (values in [-1, 1], sizes
up to 8: at most ~8 roundings per dot product, each < 1.2e-16 relative). Shapes, dtypes, result
types and exceptions (ValueError for mismatched shapes, LinAlgError for singular systems) are exact."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.harness import Compiled, compile_and_import

MODULE = Path(__file__).parent / "modules" / "linalg_kernels.py"


@pytest.fixture(scope="module")
def linalg(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(MODULE, tmp_path_factory.mktemp("linalg"))


def close(got: object, expected: object) -> None:
    assert type(got) is type(expected)
    got_a, expected_a = np.asarray(got), np.asarray(expected)
    assert got_a.shape == expected_a.shape and got_a.dtype == expected_a.dtype
    assert np.all(np.abs(got_a - expected_a) <= 1e-12 * (1 + np.abs(expected_a))), (got, expected)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 8), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_products_match_numpy(linalg: Compiled, n: int, m: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    A, x = rng.uniform(-1, 1, (n, n)), rng.uniform(-1, 1, n)
    points, normal = rng.uniform(-1, 1, (m, 3)), rng.uniform(0.5, 1, 3)
    weights, bias = rng.uniform(-1, 1, (n, m)), rng.uniform(-1, 1, m)
    for name, args in [("quadratic_form", (A, x)), ("project_onto_plane", (points, normal)),
                       ("affine_layer", (A, weights, bias)), ("power_iteration", (A, x, 5))]:
        close(getattr(linalg.compiled, name)(*args), getattr(linalg.original, name)(*args))
    if m > 1:
        close(linalg.compiled.covariance(points), linalg.original.covariance(points))


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_least_squares_matches_numpy(linalg: Compiled, n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    A = rng.uniform(-1, 1, (n + 3, n)) + 3 * np.eye(n + 3, n)  # well conditioned
    b = rng.uniform(-1, 1, n + 3)
    got, expected = linalg.compiled.least_squares(A, b), linalg.original.least_squares(A, b)
    assert np.allclose(got, expected, rtol=1e-10, atol=1e-12)


def test_errors_are_numpys(linalg: Compiled) -> None:
    for module in (linalg.compiled, linalg.original):
        with pytest.raises(np.linalg.LinAlgError, match="Singular matrix"):
            module.least_squares(np.ones((3, 2)), np.ones(3))
        with pytest.raises(ValueError, match="mismatch in its core dimension"):
            module.quadratic_form(np.ones((3, 3)), np.ones(2))
        with pytest.raises(ValueError, match="not aligned"):
            module.affine_layer(np.ones((2, 3)), np.ones((2, 3)), np.ones(3))
