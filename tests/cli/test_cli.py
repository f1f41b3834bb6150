"""`pyrs-build check` and `pyrs-build transpile` through the real command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_pkg" / "example_pkg" / "black_scholes.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pyrs_build", *args], capture_output=True, text=True, cwd=ROOT)


def test_check_accepts_the_example() -> None:
    done = run("check", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "ok (7 function(s) compile)" in done.stdout


def test_check_reports_problems_as_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: float) -> float:\n    try:\n        x = x / 2.0\n    finally:\n        pass\n    return x\n")
    done = run("check", "--format", "json", str(bad))
    assert done.returncode == 1
    (problem,) = json.loads(done.stdout)
    assert (problem["line"], problem["col"], problem["severity"]) == (2, 5, "error")
    assert problem["message"] == "'Try' statements are not supported yet"


def test_transpile_writes_a_readable_crate(tmp_path: Path) -> None:
    done = run("transpile", str(EXAMPLE), "-o", str(tmp_path / "crate"), "--module", "example_pkg.black_scholes")
    assert done.returncode == 0, done.stderr
    lib = (tmp_path / "crate" / "src" / "lib.rs").read_text()
    cargo = (tmp_path / "crate" / "Cargo.toml").read_text()
    assert "unsafe {" not in lib and "#![forbid(unsafe_code)]" in lib
    assert re.search(r"pub fn black_scholes\(\s*S: ArrayViewD", lib)  # named after the Python names
    assert 'pyo3 = { version = "=0.30.1"' in cargo
    assert '#[pyo3(name = "black_scholes")]' in lib
