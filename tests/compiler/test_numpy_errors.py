"""NumPy's exceptions, message included, from compiled array code: broadcasting failures and
out-of-bounds indices. (The case files are compiled by test_cases too;
cargo reuses those builds.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

CASES = Path(__file__).parent.parent / "cases"


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASES / "numpy" / "views.py", tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def geometry(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASES / "kernels" / "geometry.py", tmp_path_factory.mktemp("geometry"))


def same_error(compiled: Compiled, name: str, *args: Any) -> str:
    """The exception of the original and the compiled call: same type and message."""
    errors = []
    for module in (compiled.original, compiled.compiled):
        with pytest.raises(Exception) as info:
            getattr(module, name)(*args)
        errors.append((type(info.value), str(info.value)))
    assert errors[0] == errors[1], errors
    return errors[0][1]


def test_broadcast_error_of_two_operands(geometry: Compiled) -> None:
    message = same_error(geometry, "triangle_areas", np.ones((3, 2)), np.ones((4, 2)), np.ones((3, 2)))
    assert message == "operands could not be broadcast together with shapes (4,2) (3,2) "


def test_assignment_broadcast_error(views: Compiled) -> None:
    message = same_error(views, "fill_columns", np.ones((2, 3)), np.ones(4))
    assert message == "could not broadcast input array from shape (4,) into shape (2,3)"


@pytest.mark.parametrize("i", [2, -3, 10])
def test_out_of_bounds_row(views: Compiled, i: int) -> None:
    message = same_error(views, "row_of", np.ones((2, 3)), i)
    assert "out of bounds for axis 0 with size 2" in message
