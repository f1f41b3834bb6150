"""Regression tests for what the bad-input fuzzer found (each fixed in the runtime or codegen).
The calls run in a subprocess: the crash this pins was an abort of the whole process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_extension

CASE = Path(__file__).parent / "regressions" / "huge_views.py"

CALLS = '''
import importlib.util, json, sys
import numpy as np

def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

compiled, original = load("huge_views", sys.argv[1]), load("original_huge_views", sys.argv[2])
huge_1d = lambda: np.broadcast_to(np.float64(1.5), (2**40,))
huge_2d = lambda: np.broadcast_to(np.float64(1.5), (2**20, 2**20))

def read_only():
    array = np.arange(3.0)
    array.flags.writeable = False
    return array

def aliased():
    array = np.arange(1.0, 4.0)
    return array, array

calls = {"copy of 8 TB": ("clipped_copy", lambda: (huge_2d(), 0.5)),
         "arithmetic": ("doubled", lambda: (huge_1d(),)), "rebound parameter": ("rebound", lambda: (huge_1d(),)),
         "read-only output": ("writes_into", lambda: (read_only(), 2.0)), "aliased": ("add_into", aliased)}
report = {}
for label, (name, make_args) in calls.items():
    outcomes = []
    for module in (original, compiled):
        try:
            outcomes.append(["value", repr(getattr(module, name)(*make_args()))])
        except Exception as exc:
            outcomes.append([type(exc).__module__ + "." + type(exc).__qualname__, str(exc)])
    report[label] = outcomes
print(json.dumps(report))
'''


@pytest.mark.parametrize("mode", ["python", "error"])
def test_huge_and_read_only_arguments_raise_what_numpy_raises(tmp_path: Path, mode: str) -> None:
    extension = build_extension(CASE, tmp_path, mode)
    done = subprocess.run([sys.executable, "-c", CALLS, str(extension), str(CASE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]  # was -6 (SIGABRT) for the copy and the view
    report = json.loads(done.stdout)
    for label, (original, compiled) in report.items():
        assert compiled[0] == original[0], (label, original, compiled)  # was MemoryError vs NumPy's subclass
    assert report["copy of 8 TB"][0][0].endswith("_ArrayMemoryError")
    # read-only or aliased arrays are of the compiled type: error mode runs the original too (was a TypeError)
    assert report["read-only output"][1][0] == "builtins.ValueError"
    assert report["aliased"][1] == ["value", "np.float64(4.0)"]  # out[0] = 2.0 is m[0]: 2.0 + 2.0
    # NumPy's message, with the element count the compiled code allocates
    assert report["arithmetic"][1][1] == report["arithmetic"][0][1]


def test_acosh_below_one_is_a_domain_error_or_nan(tmp_path: Path) -> None:
    import math
    import warnings

    import numpy as np

    from compiler.harness import compile_and_import

    built = compile_and_import(Path(__file__).parent / "regressions" / "acosh_domain.py", tmp_path)
    for x in (-12178.0, -1.5, 0.5, -1e300):
        with pytest.raises(ValueError, match="math domain error"):
            built.compiled.acosh_of(x)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        values = np.array([-12178.0, -1.5, 0.5, 1.0, 2.0, math.inf, -math.inf])
        compiled, original = built.compiled.arccosh_of(values), built.original.arccosh_of(values)
    assert np.array_equal(np.isnan(compiled), np.isnan(original)), (compiled, original)  # was -11.83 for nan
    assert np.allclose(compiled, original, rtol=1e-15, atol=0, equal_nan=True)  # libm's and NumPy's: 1 ulp


def test_signed_zero_ties_give_what_numpy_gives(tmp_path: Path) -> None:
    import numpy as np

    from compiler.harness import compile_and_import

    built = compile_and_import(Path(__file__).parent / "regressions" / "signed_zeros.py", tmp_path)
    for x in ([0.0, -0.0], [-0.0, 0.0], [0.0, -0.0, 0.0], [-0.0] * 3 + [0.0]):
        array = np.array(x)
        for arg in (array, array[::-1]):
            compiled, original = built.compiled.extremes(arg), built.original.extremes(arg)
            assert [np.signbit(v) for v in compiled] == [np.signbit(v) for v in original], (x, compiled, original)
    x, y = np.array([0.0, -0.0, 1.0]), np.array([-0.0, 0.0, 1.0])
    for compiled, original in zip(built.compiled.pairwise(x, y), built.original.pairwise(x, y)):
        assert np.array_equal(np.signbit(compiled), np.signbit(original)), (compiled, original)
