"""Builtins called with the wrong number of arguments are refused (Python raises TypeError), never
compiled as something else: `divmod(x)` once compiled as `bool(x)`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.frontend import lower_module


@pytest.mark.parametrize("call", ["divmod(x)", "pow(x)", "pow(x, 2.0, 3.0)", "divmod(x, x, x)"])
def test_two_argument_builtins_refuse_other_counts(tmp_path: Path, call: str) -> None:
    path = tmp_path / "arity.py"
    path.write_text(f"def f(x: float):\n    return {call}\n", encoding="utf-8")
    with pytest.raises(DiagnosticError, match=r"takes 2 argument\(s\)"):
        lower_module("arity", path)


def test_two_argument_builtins_compile(tmp_path: Path) -> None:
    path = tmp_path / "arity.py"
    path.write_text("def f(x: float):\n    return divmod(x, 2.0), pow(x, 2.0)\n", encoding="utf-8")
    assert str(lower_module("arity", path).function("f").return_type) == "tuple[tuple[float, float], float]"
