"""What the passes make of the example (structure, not speed): the elementwise functions get a
per-element form and one loop per call, so regressions in fusion are caught without timing."""

from __future__ import annotations

from pathlib import Path

from pyrs_build.ir import nodes as ir
from pyrs_build.pipeline import compile_to_ir

EXAMPLE = Path(__file__).resolve().parents[2] / "example_pkg" / "example_pkg" / "black_scholes.py"
CASES = Path(__file__).resolve().parents[1] / "cases"


def test_black_scholes_is_one_loop_with_two_outputs() -> None:
    module = compile_to_ir("example_pkg.black_scholes", EXAMPLE)
    assert set(module.element_functions) == {"cnd", "black_scholes", "d_plus", "call_price", "put_price"}
    (statement,) = module.function("black_scholes").body
    assert isinstance(statement, ir.Return) and isinstance(statement.value, ir.Kernel)
    assert [name for name, _ in statement.value.leaves] == ["S", "K", "T"]


def test_functions_that_are_not_elementwise_keep_their_statements() -> None:
    module = compile_to_ir("elementwise", CASES / "arrays" / "elementwise.py")
    assert "independent_outputs" not in module.element_functions  # outputs of different shapes
    assert "ignores_a_parameter" not in module.element_functions  # y's shape never checked by NumPy
    assert "two_outputs" in module.element_functions and "chain" in module.element_functions
    indexing = compile_to_ir("indexing", CASES / "arrays" / "indexing.py")
    assert not indexing.element_functions  # element reads and loops are not elementwise
