"""Refusals are diagnostics a person can act on: exact text pinned here (snapshot style)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import compile_to_ir


def diagnostics_of(tmp_path: Path, source: str, stub: str | None = None) -> str:
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(source))
    stub_path = None
    if stub is not None:
        stub_path = tmp_path / "mod.pyi"
        stub_path.write_text(textwrap.dedent(stub))
    with pytest.raises(DiagnosticError) as info:
        compile_to_ir("mod", path, stub_path)
    return info.value.render().replace(str(tmp_path), "DIR")


def test_loop_is_refused_with_location_caret_and_help(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def total(n: int) -> int:
            s = 0
            for i in [1, 2, n]:
                s = s + i
            return s
        """)
    assert text == (
        "DIR/mod.py:3:14: error: loops over '[1, 2, n]' are not supported yet\n"
        "3 |     for i in [1, 2, n]:\n"
        "                 ^\n"
        "help: loop over range(...), a 1-D array, enumerate(...) or zip(...)"
    )


def test_every_problem_of_a_module_is_reported(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def a(x):
            return x

        def b(x: float) -> float:
            return (lambda y: y)(x)
        """)
    assert text == (
        "DIR/mod.py:1:7: error: parameter 'x' of 'a' has no type annotation\n"
        "1 | def a(x):\n"
        "          ^\n"
        "help: annotate it (e.g. 'x: float') or add a .pyi stub beside the module\n"
        "\n"
        "DIR/mod.py:5:12: error: call of 'lambda y: y' is not supported\n"
        "5 |     return (lambda y: y)(x)\n"
        "               ^\n"
        "help: only functions of this module, builtins abs/min/max/float/int/bool/len, math and numpy functions "
        "can be called"
    )


def test_type_change_of_a_local_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def f(x: float) -> float:
            y = 1
            y = x
            return y
        """)
    assert "DIR/mod.py:3:5: error: 'y' changes type from int to float" in text
    assert "help: use a new name for the new value" in text


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, "def f(x: float) -> float:\n    return x +\n")
    assert text.startswith("DIR/mod.py:2:")
    assert "syntax error" in text


def test_array_truth_value_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        import numpy as np
        from numpy.typing import NDArray

        def f(x: NDArray[np.float64]) -> float:
            if x > 0:
                return 1.0
            return 0.0
        """)
    assert "the truth value of an array is ambiguous" in text
    assert "help: use np.any(...) or np.all(...)" in text


def test_stub_with_other_parameters_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, "def f(x, y):\n    return x + y\n", stub="def f(x: float) -> float: ...\n")
    assert "stub of 'f' has parameters (x) but the source has (x, y)" in text


def test_stub_types_an_unannotated_function(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def f(x, n):\n    return x * n\n")
    stub = tmp_path / "mod.pyi"
    stub.write_text("def f(x: float, n: int) -> float: ...\n")
    module = compile_to_ir("mod", path, stub)
    assert [str(p.type) for p in module.function("f").params] == ["float", "int"]
    assert str(module.function("f").return_type) == "float"


def test_possibly_unbound_local_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def f(x: float) -> float:
            if x > 0.0:
                y = x
            return y
        """)
    assert "DIR/mod.py:4:12: error: 'y' may be used before it is assigned" in text


def test_int_passed_to_float_parameter_compiles_a_copy_for_ints(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def g(x: float) -> float:\n    return x\n\n\ndef f() -> float:\n    return g(1)\n")
    module = compile_to_ir("mod", path)
    copy = next(fn for fn in module.functions if not fn.exported)
    assert copy.name == "g__int" and str(copy.return_type) == "int"
    assert str(module.function("f").return_type) == "int"  # as in Python: g(1) returns 1, an int


def test_a_copy_that_cannot_be_compiled_is_reported_at_the_call(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def half(x: float, n: int) -> float:
            return x / n if n != 0 else -x

        def f(n: int) -> float:
            return half(n, n)
        """)
    assert "DIR/mod.py:5:12: error: 'half' cannot be compiled for the argument types (int, int) of this call: " \
           "the two branches have different types (float and int)" in text


PARTLY_SUPPORTED = """\
def good(x: float) -> float:
    return x * 2.0


def uses_good(x: float) -> float:
    return good(x) + 1.0


def bad(x: float) -> float:
    with open("f") as handle:
        return x


def calls_bad(x: float) -> float:
    return bad(x) * 2.0
"""


def test_unsupported_functions_can_stay_python(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text(PARTLY_SUPPORTED)
    module = compile_to_ir("mod", path, on_unsupported="python")
    assert [f.name for f in module.functions] == ["good", "uses_good"]
    assert set(module.kept_in_python) == {"bad", "calls_bad"}
    assert module.kept_in_python["bad"].message == "'With' statements are not supported yet"  # type: ignore[attr-defined]
    reason = module.kept_in_python["calls_bad"]
    assert (reason.line, reason.message) == (15, "calls 'bad', which cannot be compiled (see its own error)")  # type: ignore[attr-defined]


def test_by_default_an_unsupported_function_fails_the_build(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text(PARTLY_SUPPORTED)
    with pytest.raises(DiagnosticError) as info:
        compile_to_ir("mod", path)
    assert [d.line for d in info.value.diagnostics] == [10, 15]


def test_a_module_with_nothing_compilable_is_an_error_either_way(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def f(x):\n    return x\n")
    with pytest.raises(DiagnosticError) as info:
        compile_to_ir("mod", path, on_unsupported="python")
    assert "no function of 'mod' can be compiled" in info.value.render()
