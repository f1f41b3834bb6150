"""Regression tests for what the fuzzers and the case tests found (tests/fuzz/regressions/found.py,
each fixed in the runtime or codegen). The huge-view calls run in a subprocess: the crash they pin
was an abort of the whole process."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

CASE = Path(__file__).parent / "regressions" / "found.py"

CALLS = '''
import importlib.util, json, sys
import numpy as np

def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

compiled, original = load("found", sys.argv[1]), load("original_found", sys.argv[2])
huge_1d = lambda: np.broadcast_to(np.float64(1.5), (2**40,))
huge_2d = lambda: np.broadcast_to(np.float64(1.5), (2**20, 2**20))

def read_only():
    array = np.arange(3.0)
    array.flags.writeable = False
    return array

def aliased():
    array = np.arange(1.0, 4.0)
    return array, array

calls = {"copy of 8 TB": ("clipped_copy", lambda: (huge_2d(), 0.5)), "arithmetic": ("doubled", lambda: (huge_1d(),)),
         "rebound parameter": ("rebound", lambda: (huge_1d(),)),
         "read-only output": ("writes_into", lambda: (read_only(), 2.0)), "aliased": ("add_into", aliased),
         "8 TB, then shapes": ("fused_sum", lambda: (huge_1d(), np.ones(1), np.ones(3))),
         "shapes, then 8 TB": ("fused_sum", lambda: (np.ones(3), np.ones(4), huge_1d())),
         "8 TB in 2-D, then shapes": ("fused_sum", lambda: (huge_2d(), np.ones((3, 1, 1)), np.ones(2))),
         "8 TB, then 1.0 / 0.0": ("fused_where", lambda: (huge_1d(), np.ones(1), 0.0)),
         "shapes, then 1.0 / 0.0": ("fused_where", lambda: (np.ones(2), np.ones(3), 0.0)),
         "1.0 / 0.0, then shapes": ("fused_where", lambda: (np.ones(2), np.ones(1), 0.0))}
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


@pytest.fixture(scope="module", params=["python", "error"])
def found(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(CASE, tmp_path_factory.mktemp(f"found-{request.param}"), request.param)


def test_huge_and_read_only_arguments_raise_what_numpy_raises(found: Compiled) -> None:
    extension = found.compiled.__file__
    done = subprocess.run([sys.executable, "-c", CALLS, extension, str(CASE)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]  # was -6 (SIGABRT) for the copy and the rebound view
    report = json.loads(done.stdout)
    for label, (original, compiled) in report.items():
        assert compiled[0] == original[0], (label, original, compiled)  # was MemoryError vs NumPy's subclass
    assert report["copy of 8 TB"][0][0].endswith("_ArrayMemoryError")
    # read-only or aliased arrays are of the compiled type: error mode runs the original too (was a TypeError)
    assert report["read-only output"][1][0] == "builtins.ValueError"
    assert report["aliased"][1] == ["value", "np.float64(4.0)"]  # out[0] = 2.0 is m[0]: 2.0 + 2.0
    # NumPy's message, with the element count the compiled code allocates
    assert report["arithmetic"][1][1] == report["arithmetic"][0][1]
    # fused expressions raise what NumPy's first failing operation raises, with its message (the
    # compiled code raised the fused loop's ValueError, or the scalar's ZeroDivisionError, first)
    for label in ("8 TB, then shapes", "shapes, then 8 TB", "8 TB in 2-D, then shapes", "8 TB, then 1.0 / 0.0",
                  "shapes, then 1.0 / 0.0", "1.0 / 0.0, then shapes"):
        assert report[label][1] == report[label][0], (label, report[label])
    assert report["8 TB, then shapes"][0][0].endswith("_ArrayMemoryError")
    assert report["shapes, then 1.0 / 0.0"][0][0] == "builtins.ValueError"
    assert report["1.0 / 0.0, then shapes"][0][0] == "builtins.ZeroDivisionError"


def test_acosh_below_one_is_a_domain_error_or_nan(found: Compiled) -> None:
    for x in (-12178.0, -1.5, 0.5, -1e300):
        with pytest.raises(ValueError, match="math domain error"):
            found.compiled.acosh_of(x)  # returned -11.83 for -12178.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        values = np.array([-12178.0, -1.5, 0.5, 1.0, 2.0, math.inf, -math.inf])
        compiled, original = found.compiled.arccosh_of(values), found.original.arccosh_of(values)
    assert np.array_equal(np.isnan(compiled), np.isnan(original)), (compiled, original)
    assert np.allclose(compiled, original, rtol=1e-15, atol=0, equal_nan=True)  # libm's and NumPy's: 1 ulp


def test_signed_zero_ties_give_what_numpy_gives(found: Compiled) -> None:
    for x in ([0.0, -0.0], [-0.0, 0.0], [0.0, -0.0, 0.0], [-0.0] * 3 + [0.0]):
        array = np.array(x)
        for arg in (array, array[::-1]):
            compiled, original = found.compiled.extremes(arg), found.original.extremes(arg)
            assert [np.signbit(v) for v in compiled] == [np.signbit(v) for v in original], (x, compiled, original)
    x, y = np.array([0.0, -0.0, 1.0]), np.array([-0.0, 0.0, 1.0])
    for compiled, original in zip(found.compiled.pairwise(x, y), found.original.pairwise(x, y)):
        assert np.array_equal(np.signbit(compiled), np.signbit(original)), (compiled, original)


def test_deep_compiled_recursion_raises_recursion_error_not_a_crash(tmp_path: Path) -> None:
    """Found by the docs' differences page: recursion 50,000 deep overflowed the stack (SIGSEGV)."""
    source = tmp_path / "deep.py"
    source.write_text("def depth(n: int) -> int:\n    if n == 0:\n        return 0\n    return 1 + depth(n - 1)\n")
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from harness import compile_and_import\n"
        "from pathlib import Path\n"
        "c = compile_and_import(Path(sys.argv[2]), Path(sys.argv[3]))\n"
        "sys.setrecursionlimit(100000)\n"
        "try:\n    c.compiled.depth(50000)\nexcept RecursionError:\n    print('RecursionError')\n"
        "print(c.compiled.depth(500))\n"
    )
    harness_dir = Path(__file__).resolve().parent.parent / "compiler"
    done = subprocess.run([sys.executable, "-c", script, str(harness_dir), str(source), str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["RecursionError", "500"]


@pytest.mark.parametrize("name", ["sliced_temporary", "reduced_slice", "summed_slice"])
def test_slices_of_computed_arrays_and_reductions_of_slices_compile_and_agree(found: Compiled, name: str) -> None:
    for shape in [(1, 2), (3, 4), (4, 5), (0, 3), (3, 0)]:
        m = np.arange(float(np.prod(shape))).reshape(shape) - 2.5
        outcomes = []
        for module in (found.original, found.compiled):
            try:
                outcomes.append(("value", getattr(module, name)(m).tolist()))
            except ValueError as exc:
                outcomes.append(("ValueError", str(exc)))
        assert outcomes[0] == outcomes[1], (name, shape, outcomes)
