"""`pyrs-build verify` on a real compiled module: agreement is reported as such, and a source that
no longer matches the compiled code is caught with a minimal example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from compiler.harness import compile_and_import
from pyrs_build.verify.run import verify

SOURCE = '''\
def affine(x: float, n: int) -> float:
    if n > 3:
        return x * n - 1.0
    return x + n
'''


@pytest.fixture()
def compiled_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    source = tmp_path / "src" / "verified_mod.py"
    source.parent.mkdir()
    source.write_text(SOURCE)
    workdir = tmp_path / "site"
    compile_and_import(source, workdir)
    monkeypatch.syspath_prepend(str(workdir))
    return workdir / "verified_mod.py"


def test_verify_reports_agreement(compiled_module: Path) -> None:
    assert verify("verified_mod", examples=100, seed=1, ulps=0) == []


def test_verify_finds_a_disagreement(compiled_module: Path) -> None:
    compiled_module.write_text(SOURCE.replace("x * n - 1.0", "x * n - 2.0"))  # the source changed, not the build
    (found,) = verify("verified_mod", examples=100, seed=1, ulps=0)
    assert found.function == "affine"
    assert "-1.0 != original -2.0" in found.report  # the values that differ
    assert "args=(0.0, 4)" in found.report  # Hypothesis' minimal example: the branch n > 3, x = 0


def test_verify_command_exits_1_on_disagreement(compiled_module: Path) -> None:
    compiled_module.write_text(SOURCE.replace("return x + n", "return x - n"))
    done = subprocess.run([sys.executable, "-m", "pyrs_build", "verify", "verified_mod", "--examples", "50"],
                          capture_output=True, text=True, env={"PYTHONPATH": f"{compiled_module.parent}:"
                                                               f"{Path(__file__).resolve().parents[2]}"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "verified_mod.affine: compiled and original disagree" in done.stdout


def test_outcome_passes_arrays_with_their_layout_flags_and_aliasing() -> None:
    """Each side of a comparison gets replicas that are non-contiguous, negative-stride, broadcast
    or read-only as the drawn array was (a contiguous copy hid those cases from the compiled code),
    and one array passed twice stays one array."""
    import numpy as np

    from pyrs_build.verify.compare import outcome

    base = np.arange(24.0).reshape(4, 6)
    views = [base[::-1, ::2], np.asfortranarray(base), np.broadcast_to(np.arange(3.0), (2**40, 3))]
    read_only = base.copy()
    read_only.flags.writeable = False
    seen = outcome(lambda *arrays: [(a.strides, a.flags.writeable) for a in arrays], (*views, read_only))[1]
    assert seen[0] == [(v.strides, v.flags.writeable) for v in (*views, read_only)]
    assert outcome(lambda a, b: a is b, (base, base))[1][0] is True


def test_arrays_compare_nan_complex_and_broadcast_values() -> None:
    import numpy as np

    from pyrs_build.verify.compare import assert_same

    assert_same(np.array([complex("inf+nanj")]), np.array([complex("inf+nanj")]), 0)
    assert_same(np.array(0.5), np.array(0.5), 0)
    assert_same(np.broadcast_to(np.float64(-0.0), (2**40,)), np.broadcast_to(np.float64(-0.0), (2**40,)), 0)
    with pytest.raises(AssertionError, match="-0.0 != original 0.0"):
        assert_same(np.array([0.0, 1.0]), np.array([-0.0, 1.0]), 0)


@pytest.mark.parametrize(("original", "compiled", "message"), [
    (lambda: np_array([1.0]), lambda: np_array([1.0], "float32"), "float32(1,) != original float64(1,)"),
    (lambda: np_array([1.0]), lambda: np_array([[1.0]]), "float64(1, 1) != original float64(1,)"),
    (lambda: 1.0, lambda: np_array(1.0)[()], "type <class 'numpy.float64'> != original <class 'float'>"),
    (lambda: 1 // 0, lambda: [][0], "original raised <class 'ZeroDivisionError'>, compiled raised <class 'IndexError'>"),
])
def test_dtype_shape_type_and_exception_disagreements_are_reported(original: Any, compiled: Any, message: str) -> None:
    from pyrs_build.verify.compare import assert_same_outcome, outcome

    with pytest.raises(AssertionError) as found:
        assert_same_outcome(outcome(original, ()), outcome(compiled, ()), 0)
    assert message in str(found.value)


def np_array(values: Any, dtype: str = "float64") -> Any:
    import numpy as np

    return np.array(values, dtype=dtype)
