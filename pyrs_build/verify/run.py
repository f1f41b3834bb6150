"""Differential verification of an installed compiled module against its own Python source."""

from __future__ import annotations

import importlib
import importlib.util
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from pyrs_build.ir import nodes as ir
from pyrs_build.pipeline import compile_to_ir
from pyrs_build.verify.compare import assert_same_outcome, outcome
from pyrs_build.verify.strategies import arguments, arguments_with_one_foreign


@dataclass
class Disagreement:
    function: str
    report: str  # Hypothesis' minimal failing example and what differed


def load_pair(module_name: str) -> tuple[ModuleType, ModuleType, ir.Module]:
    """The compiled module, the original run from its source, and the compiled signatures."""
    compiled = importlib.import_module(module_name)
    info = getattr(compiled, "__pyrs_build__", None)
    if info is None:
        raise SystemExit(f"pyrs-build verify: {module_name} is not a module compiled by pyrs-build "
                         f"({getattr(compiled, '__file__', '?')})")
    source = Path(info["source"])
    spec = importlib.util.spec_from_file_location(f"_pyrs_original_{module_name.replace('.', '_')}", source)
    assert spec is not None and spec.loader is not None
    original = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(original)
    stub = source.with_suffix(".pyi")
    module_ir = compile_to_ir(module_name, source, stub if stub.exists() else None, on_unsupported="python")
    return compiled, original, module_ir


def verify(module_name: str, examples: int, seed: int, ulps: float) -> list[Disagreement]:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as with_seed

    compiled, original, module_ir = load_pair(module_name)
    found: list[Disagreement] = []
    for function in module_ir.functions:
        if not function.exported or function.name not in compiled.__pyrs_build__["compiled"]:
            continue
        for strategy in (arguments(function, {}), arguments_with_one_foreign(function, {})):

            @with_seed(seed)
            @settings(max_examples=examples, deadline=None, database=None, print_blob=False,
                      suppress_health_check=list(HealthCheck))
            @given(args=strategy)
            def agrees(args: tuple[Any, ...]) -> None:
                expected = outcome(getattr(original, function.name), args)
                actual = outcome(getattr(compiled, function.name), args)
                assert_same_outcome(expected, actual, ulps)

            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's overflow/invalid notes
                    agrees()
            except AssertionError as exc:  # Hypothesis re-raises with the shrunk example attached
                notes = "\n".join(getattr(exc, "__notes__", []))
                found.append(Disagreement(function.name, f"{exc}\n{notes}".strip()))
                break
    return found
