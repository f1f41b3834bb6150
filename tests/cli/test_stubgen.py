"""`pyrs-build stubgen` end to end: a real command traced in a subprocess, stubs written beside the
module (merged with hand-written ones), and the module compiled from them with real cargo."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from compiler.harness import compile_and_import
from pyrs_build.pipeline import compile_to_ir

PYPROJECT = """\
[build-system]
requires = ["pyrs-build"]
build-backend = "pyrs_build"

[project]
name = "sgpkg"
version = "0.1"

[tool.pyrs-build]
modules = ["sgpkg.kernels"]
"""

KERNELS = '''\
import numpy as np


def scale(x, factor):
    return x * factor


def norm(a):
    return np.sqrt(np.sum(a * a))


def money(amount, rate):
    return amount * rate


def count(values):
    return len(values)


def clip(x, lo=0.0, *, hi=1.0):
    return min(max(x, lo), hi)


def never_called(x):
    return x
'''

# the user's "test suite": calls with arrays, scalars, Decimals and mixed lists
SCRIPT = '''\
from decimal import Decimal
import numpy as np
from sgpkg import kernels

for _ in range(3):
    kernels.scale(np.ones(4), 2.0)
kernels.scale(np.ones((2, 3)), 0.5)
kernels.scale(1.5, 2.0)
kernels.scale(Decimal("1.5"), Decimal(2))
kernels.norm(np.arange(3.0))
kernels.money(Decimal("10.5"), Decimal("0.07"))
kernels.count([1, "two", 3.0])
kernels.clip(0.5)
kernels.clip(2.5, hi=2.0)
'''


def _project(root: Path) -> Path:
    (root / "sgpkg").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "sgpkg" / "__init__.py").write_text("")
    (root / "sgpkg" / "kernels.py").write_text(KERNELS)
    (root / "run_suite.py").write_text(SCRIPT)
    return root


def _stubgen(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pyrs_build", "stubgen", *extra, "--", sys.executable, "run_suite.py"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return _project(tmp_path / "proj")


def test_stubs_record_arrays_scalars_and_say_why_values_are_left_out(project: Path) -> None:
    done = _stubgen(project)
    assert "the command exited with 0" in done.stdout
    assert "sgpkg.kernels: 11 call(s) of 5 function(s)" in done.stdout
    stub = (project / "sgpkg" / "kernels.pyi").read_text()
    one_d = "np.ndarray[tuple[int], np.dtype[np.float64]]"
    two_d = "np.ndarray[tuple[int, int], np.dtype[np.float64]]"
    assert (f"# pyrs-build stubgen: 3 signature(s) from 6 calls; these run Python: 'x': Decimal (1 call), "
            f"'factor': Decimal (1 call)\n"
            f"@overload\ndef scale(x: {one_d}, factor: float) -> {one_d}: ...\n"
            f"@overload\ndef scale(x: {two_d}, factor: float) -> {two_d}: ...\n"
            f"@overload\ndef scale(x: float, factor: float) -> float: ...\n") in stub
    assert f"def norm(a: {one_d}) -> float: ...\n" in stub  # numpy.float64 result: a float
    assert "def clip(x: float, lo: float = ..., *, hi: float = ...) -> float: ...\n" in stub
    assert ("# pyrs-build stubgen: 'money' left out (1 call): its arguments were only ever 'amount': Decimal "
            "(1 call), 'rate': Decimal (1 call), which the compiler has no fast path for") in stub
    assert "'count' left out (1 call): its arguments were only ever 'values': list of mixed" in stub
    assert "never_called" not in stub
    module = compile_to_ir("kernels", project / "sgpkg" / "kernels.py", project / "sgpkg" / "kernels.pyi", "python")
    assert sorted(f.name for f in module.functions if f.exported) == ["clip", "norm", "scale"]
    assert len(module.function("scale").variants) == 2
    assert set(module.kept_in_python) == {"money", "count", "never_called"}


def test_hand_written_entries_are_kept_unless_forced(project: Path) -> None:
    stub = project / "sgpkg" / "kernels.pyi"
    stub.write_text("import numpy as np\n\n# mine\ndef norm(a: np.ndarray[tuple[int, int], np.dtype[np.float64]]) "
                    "-> float: ...\n")
    done = _stubgen(project)
    assert "1 hand-written kept" in done.stdout
    text = stub.read_text()
    assert "# mine\ndef norm(a: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> float: ...\n" in text
    assert "def scale(" in text and text.count("import numpy as np") == 1
    _stubgen(project)  # a second run replaces its own entries, keeps the hand-written one
    assert stub.read_text() == text
    _stubgen(project, "--force")
    assert "def norm(a: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float: ...\n" in stub.read_text()


def test_without_a_command_it_says_how_to_call_it(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pyrs_build", "stubgen"], cwd=project, capture_output=True,
                          text=True)
    assert done.returncode == 2 and "give the command to run after '--'" in done.stderr


def test_the_generated_stub_compiles_and_dispatches(project: Path, tmp_path: Path) -> None:
    _stubgen(project)
    built = compile_and_import(project / "sgpkg" / "kernels.py", tmp_path / "site", on_unsupported="python")
    for args in [(np.arange(4.0), 3.0), (np.ones((2, 2)), 0.5), (2.0, 4.0), ([1.0], 2)]:
        got, want = built.compiled.scale(*args), built.original.scale(*args)
        assert type(got) is type(want) and np.array_equal(got, want)
    script = "import numpy as np, kernels; kernels.scale(np.ones(3), 2.0); kernels.scale(2, 2.0)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path / "site"), "PYRS_BUILD_TRACE": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    # only the call with an int (no such signature was seen) ran Python
    assert textwrap.dedent(done.stderr).splitlines()[0] == (
        "pyrs-build trace: kernels.scale(int, float) ran the Python original: argument 'x': expected "
        "ndarray[float64, 1-d] or ndarray[float64, 2-d] or float, got int")
