"""Several compiled signatures per function (`@overload` entries of a stub), tried in order; any
other argument runs the original Python function, or raises TypeError in "error" mode; and
PYRS_BUILD_TRACE=1 tells which calls missed the compiled code."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from compiler.harness import Compiled, compile_and_import

KERNELS = Path(__file__).resolve().parents[1] / "dispatch" / "kernels.py"


@pytest.fixture(scope="module")
def fallback(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(KERNELS, tmp_path_factory.mktemp("dispatch-python"), "python")


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    return compile_and_import(KERNELS, tmp_path_factory.mktemp("dispatch-error"), "error")


def test_each_overload_is_compiled_and_tried_in_order(fallback: Compiled) -> None:
    scale = fallback.ir.function("scale")
    assert scale.variants == ["scale$overload2", "scale$overload3", "scale$overload4"]
    assert fallback.ir.function("norm").variants == ["norm$overload2"]
    assert fallback.ir.function("total").variants == []


MATCHING = [
    ("scale", (2.5, 4.0)),
    ("scale", (7, -3)),
    ("scale", (np.arange(5.0), 0.5)),
    ("scale", (np.arange(6.0).reshape(2, 3), 3.0)),
    ("norm", (np.arange(4.0),)),
    ("norm", (np.arange(6.0).reshape(3, 2),)),
    ("total", (np.linspace(0.0, 1.0, 7),)),
    ("half", (9,)),
]

# what none of the signatures accept: the original runs on the same objects
MISSING = [
    ("scale", (Decimal("1.5"), Decimal("2"))),
    ("scale", ([1.0, 2.0], 2)),  # list repetition, as in Python
    ("scale", (np.arange(4, dtype=np.float32), 2.0)),
    ("scale", (np.arange(4), 2.0)),  # int64 array
    ("scale", (2.0, 3)),  # float and int: no signature has (float, int)
    ("scale", (True, 2)),  # bool is not int for the compiled code
    ("total", ([0.5, 1.5, 2.0],)),
    ("total", ((Decimal("0.1"), Decimal("0.2")),)),
    ("norm", (np.ones((2, 2, 2)),)),
    ("half", (Decimal(3),)),
    ("half", (2**80,)),
]


def _same(got: object, want: object) -> None:
    if isinstance(want, BaseException):
        assert (type(got), str(got)) == (type(want), str(want))
        return
    assert type(got) is type(want), (got, want)
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape  # type: ignore[attr-defined]
        np.testing.assert_array_equal(got, want)
    else:
        assert got == want


@pytest.mark.parametrize("name, args", MATCHING + MISSING, ids=lambda v: repr(v)[:40])
def test_results_are_the_originals(fallback: Compiled, name: str, args: tuple[object, ...]) -> None:
    _same(_outcome(getattr(fallback.compiled, name), args), _outcome(getattr(fallback.original, name), args))


def _outcome(function: object, args: tuple[object, ...]) -> object:
    """The result, or the exception raised."""
    try:
        return function(*args)  # type: ignore[operator]
    except Exception as exc:  # noqa: BLE001 - compared with the original's
        return exc


@pytest.mark.parametrize("name, args", MATCHING, ids=lambda v: repr(v)[:40])
def test_error_mode_accepts_every_compiled_signature(strict: Compiled, name: str, args: tuple[object, ...]) -> None:
    _same(getattr(strict.compiled, name)(*args), getattr(strict.original, name)(*args))


@pytest.mark.parametrize("name, args, message", [
    ("scale", ("a", 2.0), "scale() argument 'x': expected float or int or ndarray[float64, 1-d] or "
                          "ndarray[float64, 2-d], got str"),
    ("scale", (Decimal(1), 2.0), "scale() argument 'x': expected float or int or ndarray[float64, 1-d] or "
                                 "ndarray[float64, 2-d], got Decimal"),
    ("scale", (np.arange(3.0), 2), "scale() argument 'x': expected float or int or ndarray[float64, 2-d], "
                                   "got ndarray[float64, 1-d]; argument 'factor': expected float, got int"),
    ("total", ([1.0, 2.0],), "total() argument 'values': expected ndarray[float64, 1-d], got list"),
    ("norm", (np.ones(3, dtype=np.float32),), "norm() argument 'a': expected ndarray[float64, 1-d] or "
                                              "ndarray[float64, 2-d], got ndarray[float32, 1-d]"),
])
def test_error_mode_names_the_argument_and_the_expected_types(strict: Compiled, name: str,
                                                              args: tuple[object, ...], message: str) -> None:
    with pytest.raises(TypeError) as info:
        getattr(strict.compiled, name)(*args)
    assert str(info.value) == message


def test_trace_logs_each_missed_signature_once_and_sums_up_at_exit(fallback: Compiled) -> None:
    workdir = Path(fallback.compiled.__file__).parent
    script = textwrap.dedent("""\
        from decimal import Decimal
        import numpy as np
        import kernels
        for _ in range(3):
            kernels.scale(2.0, 3.0)
            kernels.scale(np.ones((2, 2)), 3.0)
            kernels.total(np.ones(4))
            kernels.total([1.0, 2.0])
        kernels.scale(Decimal(1), factor=Decimal(2))
        kernels.half(2**70)
        print("done")
    """)
    env = {"PYTHONPATH": str(workdir), "PYRS_BUILD_TRACE": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=workdir)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "done\n"
    lines = done.stderr.splitlines()
    assert lines[:4] == [
        "pyrs-build trace: kernels.total(list) ran the Python original: "
        "argument 'values': expected ndarray[float64, 1-d], got list",
        "pyrs-build trace: kernels.scale(Decimal, factor=Decimal) ran the Python original: "
        "argument 'x': expected float or int or ndarray[float64, 1-d] or ndarray[float64, 2-d], got Decimal",
        "pyrs-build trace: kernels.half(int) ran the Python original: argument 'n': expected int, "
        "got int beyond 64 bits",
        "pyrs-build trace: 5 call(s) ran the Python original instead of compiled code:",
    ]
    summary = [line.split(None, 1) for line in lines[4:]]
    assert summary == [["3", "kernels.total(list)  argument 'values': expected ndarray[float64, 1-d], got list"],
                       ["1", "kernels.scale(Decimal, factor=Decimal)  argument 'x': expected float or int or "
                             "ndarray[float64, 1-d] or ndarray[float64, 2-d], got Decimal"],
                       ["1", "kernels.half(int)  argument 'n': expected int, got int beyond 64 bits"]]


def test_no_trace_without_the_variable(fallback: Compiled) -> None:
    workdir = Path(fallback.compiled.__file__).parent
    done = subprocess.run([sys.executable, "-c", "import kernels; kernels.total([1.0]); print('ok')"],
                          capture_output=True, text=True, env={"PYTHONPATH": str(workdir), "PATH": "/usr/bin:/bin"})
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_import_star_sees_the_same_names(fallback: Compiled, tmp_path: Path) -> None:
    """No `__all__` appears in the compiled module (PyO3's add_function would make one listing
    only the compiled functions, and `from kernels import *` would miss the rest)."""
    assert not hasattr(fallback.original, "__all__")
    assert not hasattr(fallback.compiled, "__all__")
    public = {n for n in vars(fallback.original) if not n.startswith("_")}
    assert public <= set(vars(fallback.compiled))
