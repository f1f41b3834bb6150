"""on-unsupported = "python": a module where some functions compile and some stay Python, built
with real cargo and imported; compiled and Python functions call each other both ways and every
call gives the original module's result (or raises its exception)."""

from __future__ import annotations

import math
import types
from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

MIXED = '''\
import math

import numpy as np
from numpy.typing import NDArray


def log_scaled(x: float, *, scale: float = 1.0) -> float:
    """Stays Python (a try statement); compiled code calls it through the interpreter."""
    try:
        return math.log(x) * scale
    except ValueError:
        return -1.0


def sum_logs(x: float, n: int) -> float:
    """Compiled; calls the Python function n times, with a keyword argument."""
    total = 0.0
    for i in range(n):
        total += log_scaled(x + i, scale=2.0)
    return total


def twice(x: float) -> float:
    return 2.0 * x


def from_python(x: float) -> float:
    """Stays Python (a with statement); calls two compiled functions."""
    with open(__file__) as handle:
        pass
    return twice(x) + sum_logs(x, 3)


def checked(x: float) -> float:
    """Stays Python; raises for negative x."""
    try:
        pass
    finally:
        pass
    if x < 0.0:
        raise ValueError("negative input")
    return x


def plus_checked(x: float) -> float:
    """Compiled; the Python callee's exception passes through."""
    return checked(x) + 1.0


def count_down(n: int) -> int:
    """Stays Python; returns an int."""
    with open(__file__):
        pass
    return n - 1 if n > 0 else 0


def steps(n: int) -> int:
    """Compiled; calls a Python function returning int."""
    k = 0
    while n > 0:
        n = count_down(n)
        k += 1
    return k


def untruthful(x: float) -> float:
    """Stays Python; annotated float but returns an int."""
    with open(__file__):
        pass
    return 1


def calls_untruthful(x: float) -> float:
    return untruthful(x) + x


def type_name(value: float) -> int:
    """Stays Python; tells which object it was given."""
    with open(__file__):
        pass
    return {"float": 1, "float64": 2, "int": 3, "bool": 4}[type(value).__name__]


def passes_scalars(v: NDArray[np.float64], n: int) -> int:
    """Compiled; hands Python the very objects Python would: numpy.float64, int, bool, float."""
    return type_name(v[0]) * 1000 + type_name(n) * 100 + type_name(n > 0) * 10 + type_name(1.5)
'''


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    root = tmp_path_factory.mktemp("mixed")
    source = root / "src" / "mixed_calls.py"
    source.parent.mkdir()
    source.write_text(MIXED)
    return compile_and_import(source, root / "build", on_unsupported="python")


def test_compiled_and_python_functions_are_where_expected(mixed: Compiled) -> None:
    compiled = {"sum_logs", "twice", "plus_checked", "steps", "calls_untruthful", "passes_scalars"}
    kept = {"log_scaled", "from_python", "checked", "count_down", "untruthful", "type_name"}
    assert set(mixed.compiled.__pyrs_build__["compiled"]) == compiled
    assert set(mixed.ir.kept_in_python) == kept
    for name in compiled:
        assert isinstance(getattr(mixed.compiled, name), types.BuiltinFunctionType), name
    for name in kept:
        assert isinstance(getattr(mixed.compiled, name), types.FunctionType), name


@pytest.mark.parametrize("x", [-5.0, -0.5, 0.0, 1e-300, 0.5, 1.0, 2.5, 1e10, math.inf, math.nan])
def test_calls_both_ways_give_the_original_results(mixed: Compiled, x: float) -> None:
    for call in (lambda m: m.sum_logs(x, 4), lambda m: m.sum_logs(x, 0), lambda m: m.from_python(x),
                 lambda m: m.twice(x)):
        got, want = call(mixed.compiled), call(mixed.original)
        assert type(got) is type(want)
        assert got == want or (math.isnan(got) and math.isnan(want)), (x, got, want)
    assert [mixed.compiled.steps(n) for n in range(-2, 6)] == [mixed.original.steps(n) for n in range(-2, 6)]


def test_exceptions_of_python_callees_propagate_through_compiled_code(mixed: Compiled) -> None:
    assert mixed.compiled.plus_checked(2.0) == mixed.original.plus_checked(2.0) == 3.0
    with pytest.raises(ValueError, match="^negative input$") as info:
        mixed.compiled.plus_checked(-1.0)
    assert any(frame.name == "checked" for frame in info.traceback)  # the Python frame is in the traceback


def test_the_python_callee_is_looked_up_at_call_time(mixed: Compiled, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mixed.compiled, "log_scaled", lambda x, *, scale=1.0: x * scale)
    assert mixed.compiled.sum_logs(1.0, 3) == (1.0 + 2.0 + 3.0) * 2.0


def test_a_result_of_another_type_than_annotated_is_a_type_error(mixed: Compiled) -> None:
    assert mixed.original.calls_untruthful(0.5) == 1.5  # Python goes on with the int
    with pytest.raises(TypeError, match=r"^untruthful\(\) returned int, but it is annotated to return float"):
        mixed.compiled.calls_untruthful(0.5)


def test_python_callees_get_the_objects_python_would_pass(mixed: Compiled) -> None:
    v = np.array([0.5, 2.0])
    assert mixed.compiled.passes_scalars(v, 3) == mixed.original.passes_scalars(v, 3) == 2341
