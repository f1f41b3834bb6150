"""What NumPy's dtype rules make inexact or value-dependent is refused with a diagnostic a person can
act on (exact text pinned, snapshot style)."""

from __future__ import annotations

from pathlib import Path

from test_diagnostics import diagnostics_of

HEADER = """\
import numpy as np
I64 = np.ndarray[tuple[int], np.dtype[np.int64]]
Mask = np.ndarray[tuple[int], np.dtype[np.bool_]]
U8 = np.ndarray[tuple[int], np.dtype[np.uint8]]
F32 = np.ndarray[tuple[int], np.dtype[np.float32]]
"""


def test_integer_power_with_a_variable_exponent(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, HEADER + "def f(a: I64, n: int):\n    return a ** n\n")
    assert text == (
        "DIR/mod.py:7:12: error: an integer array to a power that is not a non-negative int literal is not "
        "supported (NumPy raises ValueError for negative integer powers)\n"
        "7 |     return a ** n\n"
        "               ^\n"
        "help: write a literal exponent, or compute in float64: x.astype(np.float64) ** n"
    )


def test_arithmetic_of_bool_arrays(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, HEADER + "def f(m: Mask, k: Mask):\n    return m - k\n")
    assert text == (
        "DIR/mod.py:7:12: error: '-' of bool arrays is not supported\n"
        "7 |     return m - k\n"
        "               ^\n"
        "help: convert first, e.g. mask.astype(np.int64), or use '|', '&', '^' for logic"
    )


def test_a_literal_beyond_the_dtype(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, HEADER + "def f(u: U8):\n    return u + 300\n")
    assert text == (
        "DIR/mod.py:7:16: error: Python integer 300 out of bounds for uint8 (NumPy raises OverflowError)\n"
        "7 |     return u + 300\n"
        "                   ^\n"
        "help: use a value in 0..255, or convert the array first"
    )


def test_float32_reductions_are_not_ported(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, HEADER + "def f(x: F32):\n    return x.sum()\n")
    assert text == (
        "DIR/mod.py:7:12: error: np.sum of ndarray[float32, 1-d] is not supported yet\n"
        "7 |     return x.sum()\n"
        "               ^\n"
        "help: reduce in float64: x.astype(np.float64)"
    )
