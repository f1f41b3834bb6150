"""Reductions along an axis on lanes long enough (>= 8) for NumPy's pairwise summation to differ
from summing in index order, in every memory layout: C, Fortran, transposed, strided, reversed.
The compiled sums must be bit-identical to NumPy's (or run the original where the order is not
NumPy's: reversed lanes). The case file is compiled by test_cases too; cargo reuses that build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from compiler.harness import Compiled, compile_and_import
from pyrs_build.verify.compare import assert_same_outcome, outcome

CASE = Path(__file__).parent.parent / "cases" / "numpy" / "axes.py"
FUNCTIONS = ["row_sums", "column_means", "sample_std", "row_variance", "row_norms", "row_products",
             "running_total", "velocities", "standardized", "softmax_rows"]


@pytest.fixture(scope="module")
def axes(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp("axes"))


@st.composite
def matrices(draw: st.DrawFn) -> np.ndarray:
    """Matrices up to 40 x 40 in all layouts NumPy code meets."""
    shape = draw(hnp.array_shapes(min_dims=2, max_dims=2, min_side=0, max_side=40))
    values = hnp.arrays(np.float64, shape, elements=st.floats(-1e6, 1e6))
    m = draw(values)
    layout = draw(st.sampled_from(["C", "F", "T", "strided", "reversed"]))
    if layout == "F":
        return np.asfortranarray(m)
    if layout == "T":
        return np.ascontiguousarray(m.T).T
    if layout == "strided":
        return np.repeat(np.repeat(m, 2, axis=0), 3, axis=1)[::2, ::3]
    if layout == "reversed":
        return m[::-1, ::-1].copy()[::-1, ::-1]
    return m


@pytest.mark.parametrize("name", FUNCTIONS)
def test_long_lanes_in_every_layout_match_numpy(axes: Compiled, name: str) -> None:
    ulps: Any = getattr(axes.original, "PYRS_TEST", {}).get(name, {}).get("ulps", 0)

    @settings(max_examples=150, deadline=None, database=None)
    @given(matrices())
    def agrees(m: np.ndarray) -> None:
        expected = outcome(getattr(axes.original, name), (m,))
        actual = outcome(getattr(axes.compiled, name), (m,))
        assert_same_outcome(expected, actual, ulps)

    agrees()
