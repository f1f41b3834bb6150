"""Differential tests: every function of every module under tests/cases/ is compiled with real
cargo and must agree with CPython on inputs Hypothesis draws from its signature.

A case module may define `PYRS_TEST = {"function": {"ulps": N, "why": "...", "elements": {...}}}`:
an ulp bound (with the reason) for results of libm-class functions, and the range of floats drawn.
Where a result sums terms that cancel, `"scale": "_fn"` names a function of the case module taking
the same arguments and returning the magnitude of those terms: the ulp bound is then relative to
it. Exceptions must have the original's type and message; `"messages": False` (with the reason) lets
a case compare types only."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from pyrs_build.verify.compare import assert_same_outcome, outcome
from compiler.harness import Compiled, compile_and_import
from pyrs_build.verify.strategies import arguments, arguments_with_one_foreign

CASES = sorted((Path(__file__).parent.parent / "cases").rglob("*.py"))
EXAMPLES = 300


def _functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


PARAMS = [pytest.param(path, name, id=f"{path.parent.name}/{path.stem}::{name}")
          for path in CASES for name in _functions(path)]


@pytest.fixture(scope="session")
def compiled_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Compiled]:
    workdir = tmp_path_factory.mktemp("cases")
    return {path: compile_and_import(path, workdir) for path in CASES}


def _options(compiled: Compiled, name: str) -> dict[str, Any]:
    return getattr(compiled.original, "PYRS_TEST", {}).get(name, {})


def _scale(compiled: Compiled, name: str, args: tuple[Any, ...], expected: tuple[str, Any]) -> Any:
    """The magnitude of the terms a result sums, from the case's `scale` function (see the module
    docstring), for results that cancel."""
    scale = _options(compiled, name).get("scale")
    if scale is None or expected[0] != "value":
        return None
    with np.errstate(all="ignore"):
        magnitude = getattr(compiled.original, scale)(*args)
    # outcome() pairs the result with the array arguments as they were left: those compare exactly
    return (magnitude, None) if any(isinstance(a, np.ndarray) for a in args) else magnitude


def _check_agreement(compiled: Compiled, name: str, strategy: Any, examples: int) -> None:
    ulps = _options(compiled, name).get("ulps", 0)
    messages = _options(compiled, name).get("messages", True)

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(args=strategy)
    def agrees(args: tuple[Any, ...]) -> None:
        expected = outcome(getattr(compiled.original, name), args)
        actual = outcome(getattr(compiled.compiled, name), args)
        assert_same_outcome(expected, actual, ulps, messages, _scale(compiled, name, args, expected))

    agrees()


@pytest.mark.parametrize(("path", "name"), PARAMS)
def test_compiled_function_agrees_with_cpython(compiled_cases: dict[Path, Compiled], path: Path, name: str) -> None:
    compiled = compiled_cases[path]
    assert name in compiled.compiled.__pyrs_build__["compiled"]
    elements = _options(compiled, name).get("elements", {})
    _check_agreement(compiled, name, arguments(compiled.ir.function(name), elements), EXAMPLES)


@pytest.mark.parametrize(("path", "name"), PARAMS)
def test_other_argument_types_run_the_original(compiled_cases: dict[Path, Compiled], path: Path, name: str) -> None:
    compiled = compiled_cases[path]
    elements = _options(compiled, name).get("elements", {})
    _check_agreement(compiled, name, arguments_with_one_foreign(compiled.ir.function(name), elements), 60)
