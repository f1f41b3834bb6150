"""Boolean masks whose shape differs from the array's: NumPy's IndexError naming the axis, except
that NumPy lets a mask axis of length 0 stand for any length (nothing is selected). The
differential case tests draw few such shapes; these are the edges, each compared with NumPy. The
case file is compiled by test_cases too; cargo reuses that build."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import
from pyrs_build.verify.compare import assert_same_outcome, outcome

CASE = Path(__file__).parent.parent / "cases" / "numpy" / "views.py"
SHAPES = [((1, 0), (0, 0)), ((3, 4), (0, 4)), ((3, 4), (3, 0)), ((3, 4), (0, 0)), ((3, 4), (0, 5)),
          ((3, 4), (2, 0)), ((0, 3), (0, 2)), ((0, 3), (1, 3)), ((2, 0), (2, 5)), ((3, 4), (1, 4))]


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp("views"))


@pytest.mark.parametrize(("image", "mask"), SHAPES)
@pytest.mark.parametrize("name", ["selected_by", "zeroed_where"])
def test_mask_shapes_are_checked_as_numpy_checks_them(views: Compiled, name: str, image: tuple[int, int],
                                                      mask: tuple[int, int]) -> None:
    args = (np.arange(float(np.prod(image))).reshape(image), np.zeros(mask, dtype=bool))
    expected = outcome(getattr(views.original, name), args)
    assert_same_outcome(expected, outcome(getattr(views.compiled, name), args), 0)
