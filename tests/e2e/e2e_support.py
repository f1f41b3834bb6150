"""Helpers shared by the end-to-end tests (no fixtures here: see conftest.py).

The tests run real pip, venvs and cargo. Code that must see the *installed* packages runs inside
the session venv (``run_in_venv``); it reports what it observed as one JSON line that starts with
``JSON_MARKER``, and the assertions are made here, in the pytest process, so failures show diffs.

Values cross the process boundary through ``describe`` (defined in ``VENV_PRELUDE``): an exact,
JSON-able description of a result - its type, dtype, shape and every float as ``float.hex`` - so
"equal descriptions" means "bit-identical results of the same types" (``-0.0`` and ``0.0`` differ,
NaN equals NaN).
"""

from __future__ import annotations

import json
import math
import textwrap
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "example_pkg"
JSON_MARKER = "E2E-JSON:"

# Prepended to the code that ``venv_json`` runs inside the venv.
VENV_PRELUDE = r'''
import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import inspect
import json
import math
import sys
import sysconfig
import types
from pathlib import Path

import numpy as np


def load_original(module_name, path=None):
    """Execute the installed ``.py`` beside the (compiled) module (or ``path``) under another name."""
    if path is None:
        spec = importlib.util.find_spec(module_name)
        path = Path(spec.origin).with_name(module_name.rsplit(".", 1)[-1] + ".py")
    name = "_e2e_original_" + module_name.replace(".", "_")
    original_spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(original_spec)
    original_spec.loader.exec_module(module)
    return module


def describe(value):
    """Exact, JSON-able description of a result: types, dtypes, shapes, float bits."""
    if isinstance(value, np.ndarray):
        return ["ndarray", str(value.dtype), list(value.shape), [describe(v) for v in value.ravel().tolist()]]
    if isinstance(value, np.generic):
        return [type(value).__name__, describe(value.item())[1]]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", value.hex()]
    if isinstance(value, tuple):
        return ["tuple", [describe(v) for v in value]]
    if value is None:
        return ["None"]
    return ["other", type(value).__name__, repr(value)]


def outcome(thunk):
    """describe() of the result, or ["raise", type, message]."""
    try:
        return describe(thunk())
    except Exception as exc:  # the exception is the observable outcome
        return ["raise", type(exc).__name__, str(exc)]


def run_calls(module, calls):
    """Evaluate each call (Python source) against ``module``'s namespace."""
    namespace = dict(vars(module))
    namespace.update(np=np, math=math)
    return [outcome(lambda: eval(call, dict(namespace))) for call in calls]


def strip_annotations(signature):
    return signature.replace(
        parameters=[p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()],
        return_annotation=inspect.Signature.empty,
    )


def emit(value):
    print("E2E-JSON:" + json.dumps(value), flush=True)
'''


def parse_json_output(stdout: str) -> Any:
    """The value of the last ``JSON_MARKER`` line."""
    lines = [line for line in stdout.splitlines() if line.startswith(JSON_MARKER)]
    assert lines, f"no {JSON_MARKER} line in the output:\n{stdout}"
    return json.loads(lines[-1][len(JSON_MARKER):])


# ---- generating projects ------------------------------------------------------------------------


def pyproject_text(dist: str, modules: Sequence[str], *, extra_settings: str = "",
                   settings_table: Optional[str] = None) -> str:
    """pyproject.toml of a pyrs-build project; ``settings_table`` replaces the whole tool table."""
    table = settings_table
    if table is None:
        listed = ", ".join(f'"{m}"' for m in modules)
        table = f"[tool.pyrs-build]\nmodules = [{listed}]\n{extra_settings}"
    return textwrap.dedent(f"""\
        [build-system]
        requires = ["pyrs-build"]
        build-backend = "pyrs_build"

        [project]
        name = "{dist}"
        version = "0.1.0"
        requires-python = ">=3.9"

        """) + table


def write_project(root: Path, dist: str, package: str, files: Mapping[str, str], *, layout: str = "flat",
                  modules: Optional[Sequence[str]] = None, extra_settings: str = "",
                  settings_table: Optional[str] = None) -> Path:
    """Write a project into ``root``: pyproject.toml and ``package``/<files> (flat or src layout).

    ``files`` maps file names inside the package (``fast.py``, ``fast.pyi``) to their text;
    ``__init__.py`` is added when missing. ``modules`` defaults to every ``.py`` but ``__init__``.
    Packages are found by setuptools' automatic discovery, as in a typical user project.
    """
    assert layout in ("flat", "src")
    package_dir = (root / "src" / package) if layout == "src" else (root / package)
    package_dir.mkdir(parents=True)
    contents = {"__init__.py": "", **files}
    for name, text in contents.items():
        (package_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    if modules is None:
        modules = [f"{package}.{Path(n).stem}" for n in contents if n.endswith(".py") and n != "__init__.py"]
    (root / "pyproject.toml").write_text(
        pyproject_text(dist, modules, extra_settings=extra_settings, settings_table=settings_table),
        encoding="utf-8")
    return root


def line_col_of(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle`` in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(needle)
        if column >= 0:
            return number, column + 1
    raise AssertionError(f"{needle!r} not in text")


# ---- comparing described results ---------------------------------------------------------------


def _float(hex_text: str) -> float:
    return float.fromhex(hex_text)


def assert_close(actual: Any, expected: Any, *, rtol: float, floor: float = 0.0, where: str = "") -> None:
    """Same structure, types, dtypes and shapes; floats within ``rtol`` relative to
    ``max(|a|, |b|, floor)``; NaN only where the other is NaN, infinities equal; ints/bools exact."""
    assert type(actual) is type(expected), f"{where}: {actual!r} vs {expected!r}"
    if not isinstance(actual, list):
        assert actual == expected, where
        return
    kind = actual[0] if actual and isinstance(actual[0], str) else None
    assert kind == (expected[0] if expected and isinstance(expected[0], str) else None), \
        f"{where}: {actual[:3]!r} vs {expected[:3]!r}"
    if kind in ("float", "float64", "float32") and len(actual) == 2:
        a, b = _float(actual[1]), _float(expected[1])
        if math.isnan(a) or math.isnan(b):
            assert math.isnan(a) and math.isnan(b), f"{where}: {a!r} vs {b!r}"
        elif math.isinf(a) or math.isinf(b):
            assert a == b, f"{where}: {a!r} vs {b!r}"
        else:
            scale = max(abs(a), abs(b), floor)
            assert abs(a - b) <= rtol * scale, f"{where}: {a!r} vs {b!r} (rel {abs(a - b) / scale:.3g} > {rtol:g})"
        return
    if kind == "ndarray":
        assert actual[1:3] == expected[1:3], f"{where}: dtype/shape {actual[1:3]} vs {expected[1:3]}"
        for index, (a, b) in enumerate(zip(actual[3], expected[3])):
            assert_close(a, b, rtol=rtol, floor=floor, where=f"{where}[{index}]")
        return
    assert len(actual) == len(expected), f"{where}: {actual!r} vs {expected!r}"
    for index, (a, b) in enumerate(zip(actual, expected)):
        assert_close(a, b, rtol=rtol, floor=floor, where=f"{where}/{index}")


def pairwise_report(calls: Iterable[str], compiled: Sequence[Any], original: Sequence[Any]) -> list[str]:
    """The calls whose described results differ (for exact comparisons)."""
    return [f"{call}: compiled {c!r} != original {o!r}"
            for call, c, o in zip(calls, compiled, original) if c != o]
