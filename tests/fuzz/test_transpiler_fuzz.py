"""Transpiler fuzzing: typed numeric and NumPy functions written by Hypothesis (tests/fuzz/programs.py) go
through the frontend one by one; each is either refused with a located Diagnostic (never another
exception: an internal error or a Python traceback from the compiler) or accepted. All accepted
ones are compiled together, in one module and one cargo build (rustc must accept the crate), and
each must agree with CPython on inputs drawn from its signature.

PYRS_FUZZ_PROGRAMS sets the number of programs drawn (default 100, about half of them NumPy
functions; ~1 min with the cargo build); PYRS_FUZZ_SEED the seed (default 0): the long run is, e.g.,
`PYRS_FUZZ_PROGRAMS=1000 PYRS_FUZZ_SEED=7 pytest tests/fuzz/test_transpiler_fuzz.py -s`."""

from __future__ import annotations

import os
import traceback
import warnings
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from compiler.harness import compile_and_import
from programs import HEADER, functions, numpy_functions
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import compile_to_ir
from pyrs_build.verify.compare import assert_same_outcome, outcome
from pyrs_build.verify.strategies import arguments

PROGRAMS = int(os.environ.get("PYRS_FUZZ_PROGRAMS", "100"))
SEED = int(os.environ.get("PYRS_FUZZ_SEED", "0"))
INPUTS = 25  # drawn inputs per compiled function


def draw_programs(count: int, random_seed: int) -> list[str]:
    """`count` function sources (duplicates dropped), the same for the same seed."""
    sources: list[str] = []

    @seed(random_seed)
    @settings(max_examples=count, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(functions(), numpy_functions()))
    def collect(source: str) -> None:
        sources.append(source)

    collect()
    return list(dict.fromkeys(sources))


def frontend_verdict(source: str, path: Path) -> tuple[str, str]:
    """('accepted', ''), ('refused', first message) or ('bug', traceback)."""
    path.write_text(HEADER + source, encoding="utf-8")
    try:
        compile_to_ir(path.stem, path, None, on_unsupported="error")
    except DiagnosticError as exc:
        located = all(d.line >= 1 and d.col >= 1 and d.message and d.path == str(path) for d in exc.diagnostics)
        if exc.diagnostics and located:
            return "refused", exc.diagnostics[0].message
        return "bug", f"a diagnostic without location or message: {exc.diagnostics}"
    except Exception:  # noqa: BLE001 - any other exception from the compiler is the bug looked for
        return "bug", traceback.format_exc()
    return "accepted", ""


def disagreement(compiled: Any, name: str) -> str | None:
    """None when `name` agrees with CPython on INPUTS drawn inputs, else Hypothesis' report."""
    strategy = arguments(compiled.ir.function(name), {})

    @settings(max_examples=INPUTS, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(args=strategy)
    def agrees(args: tuple[Any, ...]) -> None:
        expected = outcome(getattr(compiled.original, name), args)
        actual = outcome(getattr(compiled.compiled, name), args)
        assert_same_outcome(expected, actual, 0)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            agrees()
    except AssertionError as exc:
        return f"{exc}\n" + "\n".join(getattr(exc, "__notes__", []))
    return None


def test_generated_programs_are_refused_cleanly_or_compiled_and_agree(tmp_path: Path) -> None:
    sources = draw_programs(PROGRAMS, SEED)
    accepted: list[str] = []
    refusals: dict[str, int] = {}
    bugs: list[str] = []
    for index, source in enumerate(sources):
        verdict, detail = frontend_verdict(source, tmp_path / f"program_{index}.py")
        if verdict == "accepted":
            accepted.append(source.replace("def f(", f"def f{len(accepted)}(", 1))
        elif verdict == "refused":
            refusals[detail.split(":")[0][:70]] = refusals.get(detail.split(":")[0][:70], 0) + 1
        else:
            bugs.append(f"frontend on\n{source}\n{detail}")
    agreeing = 0
    if accepted:
        module = tmp_path / "src" / "fuzzed_programs.py"
        module.parent.mkdir()
        module.write_text(HEADER + "\n\n".join(accepted), encoding="utf-8")
        compiled = compile_and_import(module, tmp_path / "site")  # a rustc error raises here
        for index in range(len(accepted)):
            found = disagreement(compiled, f"f{index}")
            if found is None:
                agreeing += 1
            else:
                bugs.append(f"disagreement on\n{accepted[index]}\n{found}")
    numpy_programs = sum("np.ndarray[tuple[int]" in source for source in sources)
    print(f"\ntranspiler fuzz: {len(sources)} programs ({numpy_programs} NumPy ones), {len(accepted)} compiled, "
          f"{agreeing} agree, "
          f"{sum(refusals.values())} refused with a diagnostic, {len(bugs)} bugs; refusals: {refusals}")
    assert not bugs, "\n\n".join(bugs[:5])
    assert accepted, "no generated program compiled: the generator no longer exercises the compiler"
